// From the fields a reader found in one row to an ImportedComment, or to the problems
// that keep it out. The text is kept exactly as read: no trimming, no normalisation,
// control characters kept, except what the database cannot store verbatim (NUL and a
// broken surrogate pair), which keeps the comment out rather than storing altered text.
import type {
  ImportedComment,
  ImportProblem,
} from '../../../../common/monitoring/imported-comment.ts';
import { parseDate } from './dates.ts';
import { problem } from './problems.ts';
import { verbatimHash } from './verbatim-hash.ts';

export const DEFAULT_MAX_TEXT_LENGTH = 20_000;

export interface RawFields {
  text: string | null;
  author: string | null;
  /** A date as the file writes it (string or Unix number), or null. */
  postedAt: unknown;
  url: string | null;
  sourceId: string | null;
}

export type ReadItem =
  | { comment: ImportedComment; problem?: undefined }
  | { problem: ImportProblem; comment?: undefined };

// PostgreSQL text cannot hold U+0000, and a lone surrogate cannot be encoded as UTF-8.
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/; // a quick first look: most texts have neither
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The problems of one row, then its comment when it can be imported (in that order). */
export function buildComment(
  fields: RawFields,
  line: number,
  maxTextLength: number,
  /** How messages name the place: `Line 12`, or `Message 12` in a Telegram export. */
  label = `Line ${line}`,
): ReadItem[] {
  const text = fields.text;
  if (text === null || text.trim() === '') {
    return [{ problem: problem(line, 'missing_text', `${label} has no comment text.`) }];
  }
  if (text.length > maxTextLength) {
    const characters = countCodePoints(text);
    if (characters > maxTextLength) {
      return [
        {
          problem: problem(
            line,
            'too_long',
            `${label}: the text has ${characters} characters, more than the limit of ${maxTextLength}.`,
          ),
        },
      ];
    }
  }
  const author = emptyToNull(fields.author);
  const url = emptyToNull(fields.url);
  const sourceId = emptyToNull(fields.sourceId);
  for (const [name, value] of [
    ['text', text],
    ['author', author],
    ['URL', url],
    ['id', sourceId],
  ] as const) {
    if (value !== null && MAYBE_UNSTORABLE.test(value) && UNSTORABLE.test(value)) {
      return [
        {
          problem: problem(
            line,
            'invalid_character',
            `${label}: the ${name} contains a NUL character or a broken character, which cannot be stored as it is; remove it and import the line again.`,
          ),
        },
      ];
    }
  }
  const items: ReadItem[] = [];
  let postedAt = parseDate(fields.postedAt);
  if (postedAt === undefined) {
    items.push({
      problem: problem(
        line,
        'bad_date',
        `${label}: the date ${JSON.stringify(String(fields.postedAt)).slice(0, 80)} could not be read; the comment is imported without a date.`,
      ),
    });
    postedAt = null;
  }
  const record = { author, postedAt, sourceId, text, url };
  items.push({ comment: { ...record, line, sha256: verbatimHash(record) } });
  return items;
}

function emptyToNull(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value;
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
