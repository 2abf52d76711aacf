// The comment importers' public API. Every reader is a stream: bytes in, comments and
// problems out in file order, one row in memory at a time, so a 1 GB CSV or a 500 MB
// Telegram export is read with flat memory. Nothing here touches a database: duplicates
// (within a file or across imports) are left to the caller, which recognises them by the
// comment's sha256. See docs/monitoring/import.md for what each format accepts.
import { parse as parseSync } from 'csv-parse/sync';
import type {
  ImportedComment,
  ImportProblem,
} from '../../../../common/monitoring/imported-comment.ts';
import type { ImportFormat } from '../../../../common/monitoring/vocabulary.ts';
import { DEFAULT_MAX_TEXT_LENGTH, type ReadItem } from './build-comment.ts';
import { detectDelimiter, readCsv, type CsvDelimiter, type CsvMapping } from './csv.ts';
import {
  decodeStream,
  detectEncoding,
  type ByteSource,
  type TextEncodingName,
} from './encoding.ts';
import { readJsonLines } from './jsonl.ts';
import { FatalImportError, problem } from './problems.ts';
import { readTelegramExport } from './telegram.ts';
import { readPastedText } from './text.ts';

export type { CsvMapping, CsvDelimiter } from './csv.ts';
export type { TextEncodingName, ByteSource } from './encoding.ts';
export type { ReadItem } from './build-comment.ts';
export { detectEncoding, FatalImportError, DEFAULT_MAX_TEXT_LENGTH };
export { IMPORT_PROBLEM_CODES, type ImportProblemCode } from './problems.ts';
export { verbatimHash, canonicalRecordJson } from './verbatim-hash.ts';
export { parseDate, LOCAL_TIME_ZONE } from './dates.ts';

/** A line of a line-based format longer than this (in characters) is skipped and reported. */
export const MAX_LINE_LENGTH = 1024 * 1024;

export interface ReadCommentsOptions {
  format: ImportFormat;
  /** For `csv`: which column is which. Without it the header names are guessed. */
  csv?: CsvMapping;
  /** A text longer than this many characters is reported `too_long`. Default 20,000. */
  maxTextLength?: number;
  /**
   * Stop after this many problems, with a last `too_many_problems` problem: a file read in
   * the wrong format would otherwise report every line. Default: no limit.
   */
  maxProblems?: number;
}

/**
 * Each comment of the file, and each problem, in file order. A problem that ends the file
 * early (a UTF-16 file, a CSV quote never closed, a Telegram file cut short) is the last
 * item; everything before it has been yielded.
 */
export async function* readComments(
  input: ByteSource,
  options: ReadCommentsOptions,
): AsyncGenerator<ReadItem> {
  const maxTextLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const maxLineLength = Math.max(MAX_LINE_LENGTH, maxTextLength * 4);
  const maxProblems = options.maxProblems ?? Number.POSITIVE_INFINITY;
  let problems = 0;
  let lastLine = 1;
  try {
    const decoded = await decodeStream(input);
    const items = readFormat(decoded, options.format, options.csv, maxTextLength, maxLineLength);
    for await (const item of items) {
      if (item.problem) {
        if (problems >= maxProblems) {
          yield {
            problem: problem(
              item.problem.line,
              'too_many_problems',
              `The import stopped at line ${item.problem.line} after ${maxProblems} problems. Is the format right?`,
            ),
          };
          await items.return(undefined);
          return;
        }
        problems++;
        lastLine = item.problem.line;
      } else {
        lastLine = item.comment.line;
      }
      yield item;
    }
  } catch (error) {
    if (!(error instanceof FatalImportError)) throw error;
    yield { problem: problem(error.line ?? lastLine, error.code, error.message) };
  }
}

function readFormat(
  decoded: Awaited<ReturnType<typeof decodeStream>>,
  format: ImportFormat,
  mapping: CsvMapping | undefined,
  maxTextLength: number,
  maxLineLength: number,
): AsyncGenerator<ReadItem> {
  switch (format) {
    case 'csv':
      return readCsv(decoded, mapping, { maxTextLength });
    case 'jsonl':
      return readJsonLines(decoded.chunks, { maxTextLength, maxLineLength });
    case 'telegram':
      return readTelegramExport(decoded.chunks, { maxTextLength });
    case 'text':
      return readPastedText(decoded.chunks, { maxTextLength, maxLineLength });
  }
}

export interface CsvPreview {
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  /** The first row, which is the header when the file has one. */
  header: string[];
  /** Up to `PREVIEW_ROWS` rows after the first. */
  rows: string[][];
}

export const PREVIEW_ROWS = 20;

/**
 * The first rows of a CSV file for the column-mapping step: pass the first bytes of the
 * file (64 KiB is plenty). Unless `wholeFile` says these bytes are the whole file, a last
 * row without a line break after it is taken to be cut and is left out. Throws a
 * FatalImportError for a UTF-16 file.
 */
export function previewCsv(
  firstBytes: Uint8Array,
  options: { wholeFile?: boolean } = {},
): CsvPreview {
  const encoding = detectEncoding(firstBytes);
  // Not fatal: a character cut at the end of the prefix becomes U+FFFD in a preview only.
  const text = new TextDecoder(encoding).decode(firstBytes);
  const delimiter = detectDelimiter(text);
  let quoteOpenAtEnd = false;
  const records = parseSync(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    skip_empty_lines: true,
    to: PREVIEW_ROWS + 2,
    // A quoted field cut by the end of the prefix is skipped, not taken as a whole row.
    on_skip: (error) => {
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') quoteOpenAtEnd = true;
    },
  }) as string[][];
  const mayBeCut = !options.wholeFile && !text.endsWith('\n') && !quoteOpenAtEnd;
  if (mayBeCut && records.length > 1 && records.length <= PREVIEW_ROWS + 1) records.pop();
  const [header = [], ...rows] = records;
  return { encoding, delimiter, header, rows: rows.slice(0, PREVIEW_ROWS) };
}

export type { ImportedComment, ImportProblem };
