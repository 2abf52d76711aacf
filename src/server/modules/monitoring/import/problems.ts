// The problem codes an import reports, and the error that ends an import early. A problem
// is per line (the rest of the file goes on); a FatalImportError stops the file (wrong
// encoding, a Telegram file that is not an export, a CSV quote that is never closed) and
// becomes the last problem the import yields.
import type { ImportProblem } from '../../../../common/monitoring/imported-comment.ts';

/**
 * - `missing_text`: no text in the row (empty, only spaces, or a media-only message).
 * - `too_long`: the text is longer than the limit (20,000 characters by default).
 * - `invalid_character`: a NUL character or a broken surrogate pair, which the database
 *   cannot store verbatim.
 * - `bad_date`: the date could not be read; the comment is imported without a date.
 * - `invalid_json`: a JSON line (or the Telegram file) is not valid JSON.
 * - `not_an_object`: a JSON line is valid JSON but not an object.
 * - `column_count`: a CSV row has a different number of columns from the header.
 * - `invalid_csv`: a CSV row cannot be read (a quote that is never closed).
 * - `line_too_long`: a line is longer than the reader accepts (1 MiB of text by default).
 * - `unknown_column`: the column mapping names a column the file does not have.
 * - `unsupported_encoding`: the file is UTF-16, or not valid UTF-8 after a UTF-8 start.
 * - `not_telegram_export`: the file is JSON but not a Telegram Desktop chat export.
 * - `too_many_problems`: the import stopped after `maxProblems` problems.
 */
export const IMPORT_PROBLEM_CODES = [
  'missing_text',
  'too_long',
  'invalid_character',
  'bad_date',
  'invalid_json',
  'not_an_object',
  'column_count',
  'invalid_csv',
  'line_too_long',
  'unknown_column',
  'unsupported_encoding',
  'not_telegram_export',
  'too_many_problems',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export function problem(line: number, code: ImportProblemCode, message: string): ImportProblem {
  return { line, code, message };
}

/** Stops the whole file. `line` is where the reader was, when it knows better than its caller. */
export class FatalImportError extends Error {
  readonly code: ImportProblemCode;
  readonly line: number | undefined;
  constructor(code: ImportProblemCode, message: string, line?: number) {
    super(message);
    this.name = 'FatalImportError';
    this.code = code;
    this.line = line;
  }
}
