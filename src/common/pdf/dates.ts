// Dates as a lawyer reads them in the PDF's language: a day, a month ("March 2026") or a
// year, never more precise than what was recorded.
import type { Locale } from '../api/accounts.ts';
import { intlTag } from '../i18n/index.ts';
import type { DatePrecision } from './case-file-model.ts';
import { pdfMessage } from './messages.ts';

const PRECISION_FORMAT: Record<Exclude<DatePrecision, 'unknown'>, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', month: 'long', year: 'numeric' },
  month: { month: 'long', year: 'numeric' },
  year: { year: 'numeric' },
};

/**
 * `date` ('YYYY-MM-DD') shown to `precision`. The calendar date is formatted in UTC, so
 * no time zone can move it to the day before.
 */
export function formatPartialDate(
  locale: Locale,
  date: string | null,
  precision: DatePrecision = 'day',
): string {
  if (date === null || precision === 'unknown') return pdfMessage(locale, 'dateUnknown');
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const options = { ...PRECISION_FORMAT[precision], timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlTag(locale), options).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The moment the file was generated, to the minute, in `timeZone` (the device's by default). */
export function formatGeneratedAt(locale: Locale, at: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlTag(locale), {
    dateStyle: 'long',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/**
 * Chronological order: by date, a month-precise date at the start of its month; undated
 * entries last; entries on the same date keep the order they were given in.
 */
export function compareByDate(
  a: { date: string | null; precision: DatePrecision },
  b: { date: string | null; precision: DatePrecision },
): number {
  const key = (x: { date: string | null; precision: DatePrecision }) => {
    if (x.date === null || x.precision === 'unknown') return '\uffff';
    if (x.precision === 'year') return `${x.date.slice(0, 4)}-01-01`;
    if (x.precision === 'month') return `${x.date.slice(0, 7)}-01`;
    return x.date;
  };
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
