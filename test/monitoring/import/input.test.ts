// What readComments reads from: a web ReadableStream (an upload's body, a Blob) as well as
// an async iterable (a file stream), and a caller that stops early closes the source.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readComments } from '../../../src/server/modules/monitoring/import/index.ts';
import { collect, utf8 } from './support.ts';

test('reads a web ReadableStream', async () => {
  const stream = new Blob([utf8('text,author\nпривет,ann\n')]).stream();
  const { comments } = await collect(stream, { format: 'csv' });
  assert.deepEqual(
    comments.map((c) => [c.text, c.author]),
    [['привет', 'ann']],
  );
});

for (const format of ['csv', 'jsonl', 'telegram', 'text'] as const) {
  test(`a caller that stops early closes the source (${format})`, async () => {
    let closed = false;
    let chunksRead = 0;
    async function* endless(): AsyncGenerator<Uint8Array> {
      try {
        if (format === 'telegram') yield utf8('{"type": "private_group", "messages": [');
        else if (format === 'csv') yield utf8('text\n');
        for (let i = 0; ; i++) {
          chunksRead++;
          const line =
            format === 'telegram'
              ? `${i ? ',' : ''}{"id": ${i}, "type": "message", "text": "m${i}"}`
              : format === 'jsonl'
                ? `{"text": "m${i}"}\n`
                : `m${i}\n`;
          yield utf8(line.repeat(format === 'telegram' ? 1 : 100));
        }
      } finally {
        closed = true;
      }
    }
    let seen = 0;
    for await (const item of readComments(endless(), { format })) {
      assert.ok(item.comment, JSON.stringify(item));
      if (++seen === 3) break;
    }
    assert.equal(closed, true);
    assert.ok(chunksRead < 100_000, 'the source was not read to the end (it has none)');
  });
}
