// Which language a public page is shown in: ?lang= (the language switch, or the hidden
// `lang` field of a posted form), then the browser's Accept-Language, then the
// organisation's default language, then Russian.
import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../../../common/api/accounts.ts';
import { isLocale } from '../../../../common/i18n/index.ts';

export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  ru: 'Русский',
  kk: 'Қазақша',
  en: 'English',
};
export const LOCALE_ORDER: readonly Locale[] = ['ru', 'kk', 'en'];

/** The first supported language in an Accept-Language header, by weight, or null. */
export function localeFromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.trim().toLowerCase().split(/[-_]/)[0], q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) if (isLocale(entry.primary)) return entry.primary;
  return null;
}

export function chooseLocale(options: {
  /** An explicit choice (query parameter or form field), if any. */
  explicit: unknown;
  request: FastifyRequest;
  /** The organisation's default language, on pages that belong to one. */
  fallback?: Locale | undefined;
}): Locale {
  if (isLocale(options.explicit)) return options.explicit;
  const header = options.request.headers['accept-language'];
  return localeFromAcceptLanguage(header) ?? options.fallback ?? 'ru';
}

/** The `lang` query parameter of a GET request, if it holds a language. */
export function queryLocale(request: FastifyRequest): unknown {
  const query = request.query;
  return typeof query === 'object' && query !== null && 'lang' in query
    ? (query as { lang: unknown }).lang
    : undefined;
}
