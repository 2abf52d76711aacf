// CSV out (RFC 4180, CRLF), safe to open in a spreadsheet: a text cell that starts with
// = + - @ (or a tab or carriage return) gets a leading apostrophe, so Excel, LibreOffice
// and Google Sheets show it as text instead of running it as a formula (CSV injection:
// comments are written by strangers, some of them hostile). Files start with a UTF-8 byte
// order mark so Excel reads Cyrillic and Kazakh letters right.

export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null;

export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
