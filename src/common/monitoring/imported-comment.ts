// One comment as an importer reads it from a file, before it is stored.

export interface ImportedComment {
  /** The comment's text exactly as in the file (after decoding to UTF-16); never normalised. */
  text: string;
  /** The author's handle or display name as in the file, or null. */
  author: string | null;
  /** When it was posted, as an ISO 8601 UTC string, or null when the file has no usable date. */
  postedAt: string | null;
  /** The comment's own URL, when the file has one. */
  url: string | null;
  /** The platform's id of the comment (a Telegram message id, a CSV id column), or null. */
  sourceId: string | null;
  /** 1-based line (CSV row / JSON line / pasted line / Telegram message index) in the file. */
  line: number;
  /**
   * Lowercase hex SHA-256 of the verbatim record: the canonical JSON (keys sorted, no
   * spaces) of { author, postedAt, sourceId, text, url }. Two imports of the same comment
   * give the same hash, which is how duplicates across imports are recognised.
   */
  sha256: string;
}

/** A line that could not be imported, and why, for the person importing. */
export interface ImportProblem {
  line: number;
  /** A stable code, e.g. `invalid_json`, `missing_text`, `column_count`, `bad_date`, `too_long`. */
  code: string;
  /** A sentence in English for the CLI and logs; the web app shows its own text for `code`. */
  message: string;
}

/** The codes of `ImportProblem`, with what each means:
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
