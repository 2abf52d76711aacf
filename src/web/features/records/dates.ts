// A record's date with its precision. The database keeps a DATE and a precision; the form
// asks only for what is known: a day, a month, a year, or nothing.
import type { I18n } from '../../app/i18n.tsx';

export type Precision = 'day' | 'month' | 'year' | 'unknown';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

/** The stored date (YYYY-MM-DD) for what the form holds; null when it says nothing usable. */
export function dateToStored(precision: Precision, input: string): string | null {
  const value = input.trim();
  if (precision === 'day') return DAY.test(value) ? value : null;
  if (precision === 'month') return MONTH.test(value) ? `${value}-01` : null;
  if (precision === 'year') return YEAR.test(value) ? `${value}-01-01` : null;
  return null;
}

/** What the form shows for a stored date of a precision: '2026-03-14', '2026-03', '2026'. */
export function dateToInput(precision: Precision, stored: string | null): string {
  if (!stored) return '';
  const match = DAY.exec(stored);
  if (!match) return '';
  const [, year = '', month = '', day = ''] = match;
  if (precision === 'day') return `${year}-${month}-${day}`;
  if (precision === 'month') return `${year}-${month}`;
  if (precision === 'year') return year;
  return '';
}

/** Keeps what still fits when the precision changes (a day becomes its month, and so on). */
export function convertDateInput(from: Precision, to: Precision, input: string): string {
  const stored = dateToStored(from, input);
  if (!stored) return '';
  if (to === 'unknown') return '';
  return dateToInput(to, stored);
}

/** The date as people read it, with its precision: a day, "03.2026" or "2026". */
export function dateText(
  precision: string,
  stored: string | null,
  i18n: Pick<I18n, 'date'>,
): string | null {
  if (!stored || precision === 'unknown') return null;
  const match = DAY.exec(stored);
  if (!match) return null;
  const [, year = '', month = '', day = ''] = match;
  if (precision === 'year') return year;
  if (precision === 'month') return `${month}.${year}`;
  // A local date, so the day does not shift with the time zone.
  return i18n.date(new Date(Number(year), Number(month) - 1, Number(day)));
}
