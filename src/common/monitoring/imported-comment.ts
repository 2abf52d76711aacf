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
