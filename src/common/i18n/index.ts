// The message catalogue for ru / kk / en, shared by the React staff app and the
// server-rendered public pages; framework-free on purpose.
//
// Keys are flat, dotted by screen: 'login.title'. Placeholders are `{name}`.
// Plurals: a message that depends on a number has one key per CLDR plural category,
// `base_one`, `base_few`, `base_many`, `base_other`; `en` defines `base_one` and
// `base_other` (so every language must have them), and a language adds the extra
// categories its grammar needs (Russian: `_few`, `_many`). Call translate with the base
// key and a numeric `count`: translate('ru', 'members.pending', { count: 3 }).
import type { Locale } from '../api/accounts.ts';
import { en, type MessageKey, type Messages, type PluralKey } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';

export type { MessageKey, Messages, PluralKey } from './en.ts';
export type TranslationKey = MessageKey | PluralKey;
export type TranslationParams = Record<string, string | number>;

export const SUPPORTED_LOCALES = ['ru', 'kk', 'en'] as const satisfies readonly Locale[];
export const FALLBACK_LOCALE: Locale = 'ru';

export const catalogues: Record<Locale, Messages> = { ru, kk, en };

/** BCP 47 tags for Intl: English dates read day-month-year, as in the region. */
const INTL_TAG: Record<Locale, string> = { ru: 'ru-RU', kk: 'kk-KZ', en: 'en-GB' };

export function intlTag(locale: Locale): string {
  return INTL_TAG[locale];
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The first supported language among `preferences` (e.g. navigator.languages or the
 * parsed Accept-Language header), by primary subtag; `FALLBACK_LOCALE` if none matches.
 */
export function pickLocale(preferences: readonly string[]): Locale {
  for (const tag of preferences) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return FALLBACK_LOCALE;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(intlTag(locale));
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

function lookup(catalogue: Messages, key: string): string | undefined {
  const value: unknown = (catalogue as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isPluralBase(key: string): boolean {
  return !(key in en) && `${key}_other` in en;
}

/** The message for `key` in `locale`, with `{placeholders}` filled from `params`. */
export function translate(locale: Locale, key: TranslationKey, params?: TranslationParams): string {
  const catalogue = catalogues[locale];
  let template: string | undefined;
  if (isPluralBase(key)) {
    const count = params?.count;
    const category = typeof count === 'number' ? pluralCategory(locale, count) : 'other';
    template =
      lookup(catalogue, `${key}_${category}`) ??
      lookup(catalogue, `${key}_other`) ??
      lookup(en, `${key}_other`);
  } else {
    template = lookup(catalogue, key) ?? lookup(en, key);
  }
  if (template === undefined) return key;
  return interpolate(locale, template, params);
}

function interpolate(
  locale: Locale,
  template: string,
  params: TranslationParams | undefined,
): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(intlTag(locale)).format(value) : value;
  });
}

/** The `{placeholder}` names in a message, sorted; used by the catalogue tests. */
export function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

/**
 * Kazakh month names. Browsers often ship ICU without Kazakh date data (Chromium on
 * Debian and Android prints "2026 M12 1"), so Kazakh dates are composed here, in the
 * CLDR pattern "y 'ж'. d MMMM".
 */
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];

function kazakhDate(date: Date, withTime: boolean): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const text = `${part('year')} ж. ${Number(part('day'))} ${KK_MONTHS[Number(part('month')) - 1] ?? ''}`;
  return withTime ? `${text}, ${part('hour')}:${part('minute')}` : text;
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

/** A date and time in the reader's language and time zone, e.g. "24 нояб. 2026 г., 16:05". */
export function formatDateTime(locale: Locale, value: string | Date): string {
  const date = toDate(value);
  if (locale === 'kk') return kazakhDate(date, true);
  return new Intl.DateTimeFormat(intlTag(locale), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** A date in the reader's language, e.g. "1 декабря 2026 г.". */
export function formatDate(locale: Locale, value: string | Date): string {
  const date = toDate(value);
  if (locale === 'kk') return kazakhDate(date, false);
  return new Intl.DateTimeFormat(intlTag(locale), { dateStyle: 'long' }).format(date);
}
