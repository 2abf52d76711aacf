// Comment import speed and memory: a 1,000,000-row CSV and a 200,000-message Telegram
// Desktop export, each written to a temporary file first (deleted afterwards) and read the
// way `qorgan monitor import` reads a file: a file stream into readComments(). Rows per
// second cover decoding, parsing, dates, checks and the SHA-256 of every comment; no
// database. Peak RSS is sampled while reading (every 4,096 comments), with V8 left to
// collect garbage when it wants, next to the RSS before the read (after a full collection).
//
//   node_modules/.bin/node bench/monitoring-import.bench.ts     table, then JSON on the last line
//   npm run bench -- monitoring-import                            through the bench runner
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  readComments,
  type ReadCommentsOptions,
} from '../src/server/modules/monitoring/import/index.ts';

// Each input is written by one child process and read by another, so a read starts from a
// fresh process (its "RSS before" is Node with the importer loaded) and carries nothing of
// the writing or of the other read. The read runs without forced collections.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void; // exposed by the flag just set
const WRITE_FLAG = '--write-input';
const READ_FLAG = '--read-input';

const CSV_ROWS = Number(process.env.QORGAN_BENCH_CSV_ROWS ?? 1_000_000);
const TELEGRAM_MESSAGES = Number(process.env.QORGAN_BENCH_TELEGRAM_MESSAGES ?? 200_000);
const MB = 1024 * 1024;

type Row = Record<string, number | string>;

// Invented comments of realistic length and mix: Russian, Kazakh, English, quotes, commas
// and line breaks inside the text, emoji.
const TEXTS = [
  'Спасибо за репортаж, очень нужная тема. Когда будет продолжение?',
  'Бұл видео туралы не ойлайсыз? Маған ұнады, рахмет авторға!',
  'Where was this filmed? I would like to share it with my friends.',
  'Он сказал "посмотрим", а потом ушёл, не попрощавшись.\nВторая строка комментария.',
  'Ну такое... 🤔 Я бы поспорил с автором, но в целом согласен, аргументы есть.',
  'Қалыңыз қалай? Жақсы пост, бірақ дереккөздер қайда? Сілтеме бере аласыз ба?',
];

async function writeFileFrom(file: string, pieces: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  let batch = '';
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= 256 * 1024) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
}

function* csvRows(): Generator<string> {
  yield 'id,author,date,text,url\n';
  for (let i = 1; i <= CSV_ROWS; i++) {
    const text = TEXTS[i % TEXTS.length]!.replaceAll('"', '""');
    const minute = String(i % 60).padStart(2, '0');
    yield `${i},user_${i % 5000},2025-0${1 + (i % 9)}-1${i % 10} 1${i % 10}:${minute},"${text}",https://example.org/p/1?c=${i}\n`;
  }
}

function* telegramExport(): Generator<string> {
  yield '{\n "name": "Invented channel",\n "type": "public_channel",\n "id": 1234567890,\n "messages": [\n';
  for (let i = 1; i <= TELEGRAM_MESSAGES; i++) {
    const text = TEXTS[i % TEXTS.length]!;
    const service = i % 50 === 0;
    const message = service
      ? {
          id: i,
          type: 'service',
          date: '2025-03-01T12:00:00',
          date_unixtime: String(1740812400 + i),
          actor: 'Admin',
          actor_id: 'user1',
          action: 'pin_message',
          text: '',
          text_entities: [],
        }
      : {
          id: i,
          type: 'message',
          date: '2025-03-01T12:00:00',
          date_unixtime: String(1740812400 + i),
          from: `Member ${i % 5000}`,
          from_id: `user${i % 5000}`,
          text: i % 3 === 0 ? [{ type: 'bold', text: 'Важно: ' }, text] : text,
          text_entities: [{ type: 'plain', text }],
        };
    yield `${i === 1 ? '' : ',\n'}  ${JSON.stringify(message, null, 1).replaceAll('\n', '\n  ')}`;
  }
  yield '\n ]\n}\n';
}

async function measure(
  name: string,
  file: string,
  bytes: number,
  options: ReadCommentsOptions,
): Promise<Row> {
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let comments = 0;
  let problems = 0;
  const started = performance.now();
  for await (const item of readComments(createReadStream(file), options)) {
    if (item.comment) comments++;
    else problems++;
    if ((comments & 0xfff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    input: name,
    file_mb: Math.round((bytes / MB) * 10) / 10,
    comments,
    problems,
    seconds: Math.round(seconds * 100) / 100,
    comments_per_s: Math.round(comments / seconds),
    mb_per_s: Math.round((bytes / MB / seconds) * 10) / 10,
    rss_before_mb: Math.round(rssBefore / MB),
    peak_rss_mb: Math.round(peak / MB),
  };
}

async function inChild<T>(args: string[]): Promise<T | undefined> {
  const child = fork(fileURLToPath(import.meta.url), args, { stdio: 'inherit' });
  let message: T | undefined;
  child.on('message', (value) => (message = value as T));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${args.join(' ')} failed (exit code ${code})`);
  return message;
}

async function benchInput(kind: 'csv' | 'telegram', dir: string): Promise<Row> {
  const file = path.join(dir, kind === 'csv' ? 'comments.csv' : 'result.json');
  await inChild([WRITE_FLAG, kind, file]);
  const row = await inChild<Row>([READ_FLAG, kind, file]);
  await rm(file);
  if (!row) throw new Error(`the ${kind} read sent no figures`);
  return row;
}

export async function run(): Promise<{ name: string; results: Row[] }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'qorgan-import-bench-'));
  try {
    const results = [await benchInput('csv', dir), await benchInput('telegram', dir)];
    return { name: 'Comment import (readComments, no database)', results };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === WRITE_FLAG) {
  const [kind, file] = process.argv.slice(3);
  await writeFileFrom(file!, kind === 'csv' ? csvRows() : telegramExport());
} else if (process.argv[2] === READ_FLAG) {
  const [kind, file] = process.argv.slice(3);
  const bytes = (await stat(file!)).size;
  const row =
    kind === 'csv'
      ? await measure(`CSV, ${CSV_ROWS.toLocaleString('en')} rows`, file!, bytes, { format: 'csv' })
      : await measure(
          `Telegram export, ${TELEGRAM_MESSAGES.toLocaleString('en')} messages`,
          file!,
          bytes,
          {
            format: 'telegram',
          },
        );
  process.send?.(row);
  process.disconnect?.();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run();
  console.log(result.name);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
  console.table(result.results);
  console.log(JSON.stringify(result));
}
