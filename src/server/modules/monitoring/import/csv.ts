// CSV: the delimiter (`,` `;` or tab) detected from the first lines unless given, quoted
// fields with line breaks, a header row or none, and a column mapping by header name or
// 1-based column number. Parsed by csv-parse's streaming parser, so a file of any size is
// read in constant memory. Problems carry the line on which the CSV record starts.
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { DecodedText } from './encoding.ts';
import { buildComment, type ReadItem } from './build-comment.ts';
import { FIELD_NAMES, findAlias, type FieldName } from './fields.ts';
import { FatalImportError, problem } from './problems.ts';

/**
 * Which column holds what. With a header row, a column is named by its header text (or by
 * its 1-based number as a string); without one, by its 1-based number: `{ text: '3',
 * hasHeader: false }`. `delimiter` is detected when absent.
 */
export interface CsvMapping {
  text: string;
  author?: string;
  postedAt?: string;
  url?: string;
  sourceId?: string;
  hasHeader: boolean;
  delimiter?: string;
}

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/**
 * A record longer than this (in characters) stops the import: it is almost always a quote
 * that is never closed, which would otherwise pull the rest of the file into one field.
 */
export const MAX_CSV_RECORD_LENGTH = 1024 * 1024;

/**
 * The delimiter whose count is the same, and not zero, on the most of the first lines
 * (quoted text is skipped, so commas inside comments do not count). A comma on a tie.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = countPerRecord(text, 20);
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const [index, delimiter] of CSV_DELIMITERS.entries()) {
    const perRecord = counts.map((record) => record[index] ?? 0);
    const first = perRecord[0] ?? 0;
    if (first === 0) continue;
    const agreeing = perRecord.filter((count) => count === first).length;
    const score = agreeing * 1000 + first;
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Per record, how often each candidate delimiter occurs outside quotes. */
function countPerRecord(text: string, maxRecords: number): number[][] {
  const records: number[][] = [];
  let current = [0, 0, 0];
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const char = text[i];
    if (char === '"') {
      quoted = !quoted;
    } else if (!quoted && char === '\n') {
      if (!empty) records.push(current);
      current = [0, 0, 0];
      empty = true;
      continue;
    } else if (!quoted) {
      const index = CSV_DELIMITERS.indexOf(char as CsvDelimiter);
      if (index !== -1) current[index]!++;
    }
    if (char !== '\r') empty = false;
  }
  // The last, perhaps cut, line counts only when nothing else does.
  if (records.length === 0 && !empty) records.push(current);
  return records;
}

type Columns = Partial<Record<FieldName, number>> & { text: number };

/** The 0-based column of each mapped field; `header` is null without a header row. */
export function resolveColumns(
  mapping: CsvMapping | undefined,
  header: string[] | null,
  width: number,
): Columns {
  if (!mapping) {
    if (!header) throw new Error('a CSV without a header row needs a column mapping');
    const guessed: Partial<Record<FieldName, number>> = {};
    for (const field of FIELD_NAMES) {
      const index = findAlias(header, field);
      if (index !== -1) guessed[field] = index;
    }
    if (guessed.text === undefined) {
      throw new FatalImportError(
        'unknown_column',
        `No column is named like a comment text (text, message, comment, body, текст, комментарий). The columns are: ${header.join(', ')}. Choose the columns in the mapping step.`,
        1,
      );
    }
    return { ...guessed, text: guessed.text };
  }
  const resolved: Partial<Record<FieldName, number>> = {};
  for (const field of FIELD_NAMES) {
    const name = mapping[field];
    if (name === undefined || name === '') continue;
    resolved[field] = resolveColumn(name, header, width);
  }
  return { ...resolved, text: resolved.text ?? resolveColumn(mapping.text, header, width) };
}

function resolveColumn(name: string, header: string[] | null, width: number): number {
  if (header) {
    const exact = header.indexOf(name);
    if (exact !== -1) return exact;
    const loose = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
    if (loose !== -1) return loose;
  }
  if (/^\d+$/.test(name.trim())) {
    const index = Number(name.trim()) - 1;
    if (index >= 0 && index < width) return index;
  }
  throw new FatalImportError(
    'unknown_column',
    header
      ? `The mapping names the column "${name}", which the header does not have. The columns are: ${header.join(', ')}.`
      : `The mapping names column "${name}", but the rows have ${width} columns (numbered from 1).`,
    1,
  );
}

interface Limits {
  maxTextLength: number;
}

type Parsed = { record: string[]; raw: string } | { skipped: CsvError; raw: string };

export async function* readCsv(
  decoded: DecodedText,
  mapping: CsvMapping | undefined,
  limits: Limits,
): AsyncGenerator<ReadItem> {
  const delimiter = mapping?.delimiter || detectDelimiter(decoded.head);
  const hasHeader = mapping?.hasHeader ?? true;
  const parser = parse({
    delimiter,
    // csv-parse's own line count takes a CRLF inside quotes for two lines; the raw record
    // lets us count lines as an editor shows them.
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: Math.max(MAX_CSV_RECORD_LENGTH, limits.maxTextLength * 4),
    // A skipped record goes into the same stream as the records, so it keeps its place.
    on_skip: (error, raw) => {
      if (error) parser.push({ skipped: error, raw: raw ?? '' });
    },
  });
  const source = Readable.from(decoded.chunks);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  let nextLine = 1;
  let header: string[] | null = null;
  let columns: Columns | null = null;
  let width = 0;
  try {
    for await (const item of parser as AsyncIterable<Parsed>) {
      const line = nextLine;
      nextLine += 1 + innerLineBreaks(item.raw);
      if ('skipped' in item) throw skippedRecordError(item.skipped, line, nextLine - 1);
      const record = item.record;
      if (record.length === 1 && record[0] === '') continue; // an empty line
      if (!columns) {
        width = record.length;
        if (hasHeader) {
          header = record;
          columns = resolveColumns(mapping, header, width);
          continue;
        }
        columns = resolveColumns(mapping, null, width);
      }
      if (record.length < width || record.slice(width).some((value) => value !== '')) {
        yield {
          problem: problem(
            line,
            'column_count',
            `Line ${line} has ${record.length} columns where ${header ? 'the header has' : 'the first row has'} ${width}; it was not imported.`,
          ),
        };
        continue;
      }
      const field = (name: FieldName): string | null => {
        const index = columns?.[name];
        return index === undefined ? null : (record[index] ?? null);
      };
      yield* buildComment(
        {
          text: field('text'),
          author: field('author'),
          postedAt: field('postedAt'),
          url: field('url'),
          sourceId: field('sourceId'),
        },
        line,
        limits.maxTextLength,
      );
    }
  } catch (error) {
    if (error instanceof CsvError) throw skippedRecordError(error, nextLine, nextLine);
    throw error;
  } finally {
    parser.destroy();
    source.destroy();
    // Destroying closes the decoded text, and through it the caller's byte source, a tick
    // later; wait for it, so the source is closed when this generator returns.
    if (!source.closed) await new Promise((resolve) => source.once('close', resolve));
  }
}

/** Line breaks (CRLF, LF or CR) inside a raw record, not counting the one that ends it. */
function innerLineBreaks(raw: string): number {
  let end = raw.length;
  if (raw.endsWith('\n')) end--;
  if (raw[end - 1] === '\r') end--;
  let count = 0;
  for (let i = 0; i < end; i++) {
    const code = raw.charCodeAt(i);
    if (code === 10) count++;
    else if (code === 13 && raw.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

function skippedRecordError(error: CsvError, line: number, endLine: number): FatalImportError {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new FatalImportError(
      'invalid_csv',
      `Line ${line} opens a quote (") that is never closed; lines ${line} to ${endLine} were not imported. Close the quote or remove it and import the file again.`,
      line,
    );
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new FatalImportError(
      'invalid_csv',
      `The record starting on line ${line} is longer than ${MAX_CSV_RECORD_LENGTH} characters, most likely a quote (") that is never closed; the import stopped there.`,
      line,
    );
  }
  return new FatalImportError('invalid_csv', `Line ${line}: ${error.message}`, line);
}
