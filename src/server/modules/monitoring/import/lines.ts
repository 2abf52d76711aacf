// A decoded text stream cut into lines (LF or CRLF), numbered from 1, for the formats that
// are line-based (JSON lines, pasted text). A line longer than the limit is not kept in
// memory: it is skipped up to its end and reported, so a file without any line break
// cannot fill the memory.
import type { ImportProblem } from '../../../../common/monitoring/imported-comment.ts';
import { problem } from './problems.ts';

export interface Line {
  number: number;
  /** The line without its line break, or null when it was longer than the limit. */
  text: string | null;
}

export async function* splitLines(
  chunks: AsyncIterable<string>,
  maxLineLength: number,
): AsyncGenerator<Line> {
  let number = 1;
  let pending: string[] = [];
  let pendingLength = 0;
  let overflowed = false;
  const finish = (tail: string): Line => {
    let text: string | null = null;
    if (!overflowed) {
      text = pending.length === 0 ? tail : pending.join('') + tail;
      if (text.endsWith('\r')) text = text.slice(0, -1);
    }
    const line = { number, text };
    number++;
    pending = [];
    pendingLength = 0;
    overflowed = false;
    return line;
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf('\n', start);
      if (end === -1) break;
      const part = chunk.slice(start, end);
      if (!overflowed && pendingLength + part.length > maxLineLength + 1) overflowed = true;
      yield finish(overflowed ? '' : part);
      start = end + 1;
    }
    if (start < chunk.length && !overflowed) {
      const rest = chunk.slice(start);
      pendingLength += rest.length;
      if (pendingLength > maxLineLength + 1) {
        overflowed = true;
        pending = [];
      } else {
        pending.push(rest);
      }
    }
  }
  if (pendingLength > 0 || overflowed) yield finish('');
}

/**
 * The lines that hold something, numbered as in the file; a line over the limit comes as
 * a problem with `code` instead (the reader goes on with the next line).
 */
export async function* nonBlankLines(
  chunks: AsyncIterable<string>,
  maxLineLength: number,
  tooLongCode: 'line_too_long' | 'too_long',
): AsyncGenerator<{ number: number; text: string } | { problem: ImportProblem }> {
  for await (const { number, text } of splitLines(chunks, maxLineLength)) {
    if (text === null) {
      yield {
        problem: problem(
          number,
          tooLongCode,
          `Line ${number} is longer than ${maxLineLength} characters; it was not imported.`,
        ),
      };
    } else if (text.trim() !== '') {
      yield { number, text };
    }
  }
}
