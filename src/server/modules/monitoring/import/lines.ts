// A decoded text stream cut into lines (LF or CRLF), numbered from 1, for the formats that
// are line-based (JSON lines, pasted text). A line longer than the limit is not kept in
// memory: it is skipped up to its end and reported, so a file without any line break
// cannot fill the memory.

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
