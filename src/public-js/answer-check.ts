// Whether the server may send the form back with an error about the answers. A form the
// browser encrypted cannot come back filled in (the server cannot read what was sealed),
// so such a form is sent unencrypted instead: the server encrypts it when it is right, and
// otherwise answers with the form, every answer still in place, and its translated error.
// This is the server's validation in miniature (src/server/modules/intake/public/
// report-form.ts, src/common/intake/report.ts); a mismatch only changes where encryption
// happens, never what is stored.
import { CITY_CHARS, MESSAGE_CHARS, SEALED_REPORT_FIELDS } from './protocol.ts';

/** Line breaks as the person typed them (the server turns CRLF into LF too). */
export const typed = (value: string): string => value.replace(/\r\n/g, '\n');

export function textOf(form: HTMLFormElement, name: string): string {
  const field = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `input[name="${name}"], textarea[name="${name}"]`,
  );
  return field && !field.disabled ? typed(field.value) : '';
}

function valueOf(form: HTMLFormElement, name: string): string {
  const checked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`);
  if (checked) return checked.value;
  const field = form.querySelector<HTMLInputElement | HTMLSelectElement>(
    `select[name="${name}"], input[name="${name}"]:not([type="radio"]):not([type="checkbox"])`,
  );
  return field ? field.value.trim() : '';
}

/** The day "today" is somewhere on Earth (UTC+14), as the server compares dates. */
function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

const part = (value: string) => (/^\d{1,4}$/.test(value) ? Number(value) : undefined);

/** incidentDateFrom's verdict: true when the date parts would be refused. */
function dateRefused(form: HTMLFormElement, now: Date): boolean {
  const year = valueOf(form, 'date_year');
  const month = valueOf(form, 'date_month');
  const day = valueOf(form, 'date_day');
  let precision = valueOf(form, 'date_precision');
  if (precision === '') {
    precision = year === '' ? 'unknown' : month === '' ? 'year' : day === '' ? 'month' : 'day';
  }
  if (precision === 'unknown') return false;
  if (!['day', 'month', 'year'].includes(precision)) return true;
  const y = part(year);
  if (!y || y < 1950 || y > 9999) return true;
  const m = precision === 'year' ? 1 : part(month);
  const d = precision === 'day' ? part(day) : 1;
  if (!m || m < 1 || m > 12 || !d || d < 1) return true;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return true;
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const cut = precision === 'year' ? 4 : precision === 'month' ? 7 : 10;
  return date.slice(0, cut) > latestToday(now).slice(0, cut);
}

export function reportNeedsServerCheck(form: HTMLFormElement, now = new Date()): boolean {
  if (!form.querySelector('input[name="incident_types"]:checked')) return true;
  if (dateRefused(form, now)) return true;
  if (valueOf(form, 'city').length > CITY_CHARS) return true;
  return SEALED_REPORT_FIELDS.some((f) => textOf(form, f.name).length > f.max);
}

export function messageNeedsServerCheck(form: HTMLFormElement, fileCount: number): boolean {
  const body = textOf(form, 'body');
  if (body.length > MESSAGE_CHARS) return true;
  return body.trim() === '' && fileCount === 0;
}
