// Accessible form controls: every control has a label, every group a fieldset with a
// legend, hints and errors are tied to their control with aria-describedby, and the error
// summary at the top links to the control to fix.
import type { Locale } from '../../../../../common/api/accounts.ts';
import type { Term } from '../../../../../common/intake/vocabulary.ts';
import { flag, html, type Html } from '../html.ts';
import type { Translate } from '../messages/index.ts';

/** An error as shown: its text, and the id of the control it is about (null: the form). */
export interface PageError {
  target: string | null;
  text: string;
}

/** The id of a control; for a group, of its first option. */
export function controlId(name: string, firstCode?: string): string {
  return firstCode === undefined ? `f-${name}` : `f-${name}-${firstCode}`;
}

export function errorSummary(t: Translate, errors: readonly PageError[], note?: string): Html {
  if (errors.length === 0) return html``;
  return html`<div
    class="error-summary"
    role="alert"
    aria-labelledby="error-summary-title"
    tabindex="-1"
    id="error-summary"
  >
    <h2 id="error-summary-title">${t('errors.title')}</h2>
    <ul>
      ${errors.map((e) =>
        e.target === null
          ? html`<li>${e.text}</li>`
          : html`<li><a href="#${e.target}">${e.text}</a></li>`,
      )}
    </ul>
    ${note ? html`<p>${note}</p>` : ''}
  </div>`;
}

/** A notice that is not an error (a sent message, a session that ended). */
export function notice(text: string): Html {
  return html`<div class="notice" role="status"><p>${text}</p></div>`;
}

interface Described {
  hint?: string | undefined;
  error?: string | undefined;
}

function describedBy(id: string, d: Described): string | undefined {
  const ids = [d.hint ? `${id}-hint` : '', d.error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function hintAndError(id: string, d: Described): Html {
  return html`${d.hint ? html`<p class="hint" id="${id}-hint">${d.hint}</p>` : ''}${
    d.error ? html`<p class="field-error" id="${id}-error">${d.error}</p>` : ''
  }`;
}

function aria(id: string, d: Described): Html {
  const by = describedBy(id, d);
  return html`${by ? html` aria-describedby="${by}"` : ''}${d.error ? html` aria-invalid="true"` : ''}`;
}

function legendText(t: Translate, legend: string, required: boolean): Html {
  return required
    ? html`${legend} <span class="required">(${t('field.required')})</span>`
    : html`${legend}`;
}

export interface ChoiceGroupOptions extends Described {
  t: Translate;
  locale: Locale;
  name: string;
  legend: string;
  terms: readonly Term[];
  /** Checked codes. */
  checked: readonly string[];
  multiple: boolean;
  required?: boolean;
  /** A smaller legend, for a group inside a larger section. */
  sub?: boolean;
  /** The legend repeats the section's question: for screen readers only. */
  hideLegend?: boolean;
}

/** Radio buttons or checkboxes in a fieldset. */
export function choiceGroup(o: ChoiceGroupOptions): Html {
  const groupId = `g-${o.name}`;
  const type = o.multiple ? 'checkbox' : 'radio';
  return html`<fieldset class="group${o.sub ? ' sub' : ''}${o.error ? ' has-error' : ''}" id="${groupId}"${aria(groupId, o)}>
<legend${o.hideLegend ? html` class="sr-only"` : ''}>${legendText(o.t, o.legend, o.required ?? false)}</legend>
${hintAndError(groupId, o)}
<div class="choices">${o.terms.map((term) => {
    const id = controlId(o.name, term.code);
    return html`<div class="choice">
      <input
        type="${type}"
        id="${id}"
        name="${o.name}"
        value="${term.code}"
        ${flag('checked', o.checked.includes(term.code))}
      /><label for="${id}">${term.label[o.locale]}</label>
    </div>`;
  })}</div>
</fieldset>`;
}

export interface SelectOptions extends Described {
  t: Translate;
  locale: Locale;
  name: string;
  label: string;
  terms: readonly Term[];
  value: string;
}

export function select(o: SelectOptions): Html {
  const id = controlId(o.name);
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}</label>
    ${hintAndError(id, o)}
    <select id="${id}" name="${o.name}" ${aria(id, o)}>
      <option value="">${o.t('field.choose')}</option>
      ${o.terms.map((term) => html`<option value="${term.code}" ${flag('selected', o.value === term.code)}>${term.label[o.locale]}</option>`)}
    </select>
  </div>`;
}

export interface TextOptions extends Described {
  name: string;
  label: string;
  value: string;
  maxLength: number;
  /** A textarea with this many rows; a single line when absent. */
  rows?: number;
  inputMode?: 'numeric';
  /** Extra class for narrow inputs (year, day). */
  size?: 'short';
  autocomplete?: 'off';
}

export function textField(o: TextOptions): Html {
  const id = controlId(o.name);
  const control =
    o.rows !== undefined
      ? html`<textarea
          id="${id}"
          name="${o.name}"
          rows="${o.rows}"
          maxlength="${o.maxLength}"
          ${aria(id, o)}
        >
${o.value}</textarea>`
      : html`<input
          type="text"
          id="${id}"
          name="${o.name}"
          value="${o.value}"
          maxlength="${o.maxLength}"
          ${
            o.inputMode ? html` inputmode="${o.inputMode}" pattern="[0-9]*"` : ''
          }${o.size ? html` class="${o.size}"` : ''}${o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''}${aria(id, o)}
        />`;
  return html`<div class="field${o.error ? ' has-error' : ''}">
    <label for="${id}">${o.label}</label>
    ${hintAndError(id, o)} ${control}
  </div>`;
}

/** The hidden fields every public form carries. */
export function formBasics(formToken: string, locale: Locale): Html {
  return html`<input type="hidden" name="form_token" value="${formToken}" />
    <input type="hidden" name="lang" value="${locale}" />`;
}
