// Enormous files stream: a 200 MB CSV and a 100 MB Telegram export, generated on the fly
// and never held whole, are read while the memory the reader keeps stays flat. What is
// measured is the memory still in use after a full garbage collection (JavaScript heap
// plus buffers), sampled during the read: a reader that kept the file, or the comments
// it has already handed out, would grow by hundreds of MB. The peak RSS without forced
// collections depends on how lazily V8 collects; bench/monitoring-import.bench.ts reports
// it, and the speed, for a 1,000,000-row file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  readComments,
  type ReadCommentsOptions,
} from '../../../src/server/modules/monitoring/import/index.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void; // exposed by the flag just set

const MB = 1024 * 1024;
const encoder = new TextEncoder();

/** Yields about `totalBytes` of text made by `piece(i)`, in 64 KiB chunks of bytes. */
async function* generate(
  head: string,
  piece: (i: number) => string,
  tail: string,
  totalBytes: number,
): AsyncGenerator<Uint8Array> {
  let produced = 0;
  let batch = head;
  for (let i = 1; produced < totalBytes; i++) {
    batch += piece(i);
    if (batch.length >= 64 * 1024) {
      const bytes = encoder.encode(batch);
      produced += bytes.length;
      yield bytes;
      batch = '';
    }
  }
  yield encoder.encode(batch + tail);
}

async function measure(
  input: AsyncIterable<Uint8Array>,
  options: ReadCommentsOptions,
): Promise<{ comments: number; problems: number; growthMb: number }> {
  let comments = 0;
  let problems = 0;
  let baseline = 0;
  let peak = 0;
  for await (const item of readComments(input, options)) {
    if (item.comment) comments++;
    else problems++;
    // Every 32,768 comments; the first sample (after warm-up: compiled code, parser
    // buffers) is the baseline.
    if ((comments & 0x7fff) === 0 && item.comment) {
      collectGarbage();
      const { heapUsed, external } = process.memoryUsage();
      if (baseline === 0) baseline = heapUsed + external;
      peak = Math.max(peak, heapUsed + external);
    }
  }
  return { comments, problems, growthMb: (peak - baseline) / MB };
}

const TEXT =
  'Это придуманный комментарий для проверки потокового импорта, с запятой, "кавычками" и переносом\nстроки; ол да ұзын мәтін. ';

test('a 200 MB CSV is read with flat memory', async () => {
  let rows = 0;
  const input = generate(
    'id,author,date,text\n',
    (i) => {
      rows = i;
      return `${i},user_${i % 1000},2025-03-0${1 + (i % 9)} 12:${String(i % 60).padStart(2, '0')},"${TEXT.replaceAll('"', '""').repeat(1 + (i % 3))}"\n`;
    },
    '',
    200 * MB,
  );
  const result = await measure(input, { format: 'csv' });
  assert.equal(result.problems, 0);
  assert.equal(result.comments, rows, 'every row imported');
  assert.ok(result.comments > 300_000, `${result.comments} rows`);
  assert.ok(result.growthMb < 50, `memory in use grew by ${result.growthMb.toFixed(1)} MB`);
});

test('a 100 MB Telegram export is read with flat memory', async () => {
  let messages = 0;
  const input = generate(
    '{\n "name": "Invented channel",\n "type": "public_channel",\n "id": 1,\n "messages": [\n',
    (i) => {
      messages = i;
      const message = {
        id: i,
        type: 'message',
        date: '2025-03-01T12:00:00',
        date_unixtime: String(1740812400 + i),
        from: `user ${i % 1000}`,
        from_id: `user${i % 1000}`,
        text: ['Смотрите ', { type: 'link', text: 'https://example.org' }, ` ${TEXT}`],
        text_entities: [],
      };
      return `${i === 1 ? '' : ',\n'}  ${JSON.stringify(message)}`;
    },
    '\n ]\n}\n',
    100 * MB,
  );
  const result = await measure(input, { format: 'telegram' });
  assert.equal(result.problems, 0);
  assert.equal(result.comments, messages, 'every message imported');
  assert.ok(result.growthMb < 50, `memory in use grew by ${result.growthMb.toFixed(1)} MB`);
});
