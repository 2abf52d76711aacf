// Pasted text: one comment per line. Blank lines (empty or only spaces) separate nothing
// and are skipped without a problem; the line number is the line in the pasted text.
import { buildComment, type ReadItem } from './build-comment.ts';
import { nonBlankLines } from './lines.ts';

interface Limits {
  maxTextLength: number;
  maxLineLength: number;
}

export async function* readPastedText(
  chunks: AsyncIterable<string>,
  limits: Limits,
): AsyncGenerator<ReadItem> {
  for await (const line of nonBlankLines(chunks, limits.maxLineLength, 'too_long')) {
    if ('problem' in line) {
      yield line;
      continue;
    }
    const { number, text } = line;
    yield* buildComment(
      { text, author: null, postedAt: null, url: null, sourceId: null },
      number,
      limits.maxTextLength,
    );
  }
}
