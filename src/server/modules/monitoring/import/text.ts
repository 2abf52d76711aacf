// Pasted text: one comment per line. Blank lines (empty or only spaces) separate nothing
// and are skipped without a problem; the line number is the line in the pasted text.
import { buildComment, type ReadItem } from './build-comment.ts';
import { splitLines } from './lines.ts';
import { problem } from './problems.ts';

interface Limits {
  maxTextLength: number;
  maxLineLength: number;
}

export async function* readPastedText(
  chunks: AsyncIterable<string>,
  limits: Limits,
): AsyncGenerator<ReadItem> {
  for await (const { number, text } of splitLines(chunks, limits.maxLineLength)) {
    if (text === null) {
      yield {
        problem: problem(
          number,
          'too_long',
          `Line ${number} is longer than ${limits.maxLineLength} characters; it was not imported.`,
        ),
      };
      continue;
    }
    if (text.trim() === '') continue;
    yield* buildComment(
      { text, author: null, postedAt: null, url: null, sourceId: null },
      number,
      limits.maxTextLength,
    );
  }
}
