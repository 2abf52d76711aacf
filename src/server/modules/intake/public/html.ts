// A tiny HTML builder for the public pages: a tagged template that escapes every
// interpolated value unless it is already Html. Pages are small and few, so a template
// engine would add more to audit than it saves; what matters is that nothing a reporter
// typed (echoed back into a form) and nothing from the database can become markup.

const RAW = Symbol('html');

export interface Html {
  readonly [RAW]: string;
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function isHtml(value: unknown): value is Html {
  return typeof value === 'object' && value !== null && RAW in value;
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (isHtml(value)) return value[RAW];
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<p>${text}</p>\``: the literal parts are markup, every value is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return { [RAW]: out };
}

/** Markup written in this code base (never data). */
export function trusted(markup: string): Html {
  return { [RAW]: markup };
}

/** A boolean attribute (` checked`, ` selected`) when `on`. */
export function flag(name: 'checked' | 'selected' | 'required' | 'disabled', on: boolean): Html {
  return trusted(on ? ` ${name}` : '');
}

/** The final document text. */
export function toDocument(page: Html): string {
  return `<!doctype html>\n${page[RAW]}`;
}
