// JSON lines: one object per line. The fields are found by their usual names (text,
// message, comment or body; author, user, username or from; date, created_at, timestamp
// or postedAt; url or link; id), without regard to case. A line that is not a JSON object
// is reported with its number and the reason, and the lines around it are imported.
import { buildComment, type ReadItem } from './build-comment.ts';
import { FIELD_NAMES, FIELD_ALIASES, type FieldName } from './fields.ts';
import { nonBlankLines } from './lines.ts';
import { problem } from './problems.ts';
import { joinTextEntities } from './text-entities.ts';

interface Limits {
  maxTextLength: number;
  maxLineLength: number;
}

// Comment ids from some platforms (Instagram, YouTube exports) are 17–20 digit numbers,
// beyond what a JavaScript number holds exactly: such a number is kept as its digits.
const LONG_NUMBER = /\d{16}/;
function keepLongNumbers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source) {
    return /^-?\d+$/.test(context.source) ? context.source : value;
  }
  return value;
}

export async function* readJsonLines(
  chunks: AsyncIterable<string>,
  limits: Limits,
): AsyncGenerator<ReadItem> {
  for await (const line of nonBlankLines(chunks, limits.maxLineLength, 'line_too_long')) {
    if ('problem' in line) {
      yield line;
      continue;
    }
    const { number, text } = line;
    let value: unknown;
    try {
      value = LONG_NUMBER.test(text) ? JSON.parse(text, keepLongNumbers) : JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      yield {
        problem: problem(number, 'invalid_json', `Line ${number} is not valid JSON: ${reason}`),
      };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield {
        problem: problem(
          number,
          'not_an_object',
          `Line ${number} is ${Array.isArray(value) ? 'an array' : 'not an object'}; each line must be one JSON object such as {"text": "…"}.`,
        ),
      };
      continue;
    }
    const fields = pickFields(value as Record<string, unknown>);
    yield* buildComment(
      {
        text: joinTextEntities(fields.text),
        author: authorOf(fields.author),
        postedAt: fields.postedAt ?? null,
        url: scalarString(fields.url),
        sourceId: scalarString(fields.sourceId),
      },
      number,
      limits.maxTextLength,
    );
  }
}

/** The value of each field under the first of its names the object has. */
function pickFields(object: Record<string, unknown>): Partial<Record<FieldName, unknown>> {
  const byLowerKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(object)) {
    const lower = key.toLowerCase();
    if (!byLowerKey.has(lower)) byLowerKey.set(lower, value);
  }
  const picked: Partial<Record<FieldName, unknown>> = {};
  for (const field of FIELD_NAMES) {
    for (const alias of FIELD_ALIASES[field]) {
      const value = byLowerKey.get(alias);
      if (value !== undefined && value !== null) {
        picked[field] = value;
        break;
      }
    }
  }
  return picked;
}

/** A handle, or an author object's username or name (`{"username": "…"}`). */
function authorOf(value: unknown): string | null {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const author = value as Record<string, unknown>;
    return scalarString(author.username) ?? scalarString(author.name);
  }
  return scalarString(value);
}

function scalarString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}
