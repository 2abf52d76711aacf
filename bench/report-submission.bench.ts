// Report submissions per second through the real public form (POST /report/:slug, the
// no-JavaScript path: multipart parsing, codename derivation, encryption in memory, the
// file stream-encrypted into the blob store, one transaction), without a file and with a
// 5 MB PDF, on PGlite and on PostgreSQL. As the floor, plain INSERTs of rows of the same
// size through the same driver. Then the server's peak memory while one 100 MB file is
// uploaded: it must stay flat, far below the file size.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import pino from 'pino';
import { TEST_KDF } from '../src/common/crypto/keys.ts';
import { loadSodium } from '../src/common/crypto/sodium.ts';
import { buildApp } from '../src/server/app.ts';
import { defaultConfig } from '../src/server/config.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { createLogger } from '../src/server/logger.ts';
import { instanceSecretsFrom } from '../src/server/secrets.ts';
import { tempBlobStore } from '../test/helpers/blobs.ts';
import { POSTGRES_URL_VAR } from '../test/helpers/engines.ts';
import { createOrganisation } from '../test/helpers/factories.ts';
import type { TestApp } from '../test/helpers/test-app.ts';
import { freshPostgresDatabase } from './lib/postgres.ts';
import type { SubmissionLoad, SubmissionLoadResult } from './lib/submission-client.ts';

const SECONDS = 10;
const CONCURRENCY = 4;
const FILE_BYTES = 5 * 1024 * 1024;
const BIG_FILE_BYTES = 100 * 1024 * 1024;
const NARRATIVE = 'Invented benchmark narrative. '.repeat(40);

type Row = Record<string, number | string>;

export async function run(): Promise<{ name: string; results: Row[] }> {
  await loadSodium();
  const results: Row[] = [];
  results.push(...(await measure('pglite', async () => openDatabase({}))));
  const postgresUrl = process.env[POSTGRES_URL_VAR];
  if (postgresUrl) {
    const fresh = await freshPostgresDatabase(postgresUrl);
    try {
      results.push(...(await measure('postgres', () => openDatabase({ databaseUrl: fresh.url }))));
    } finally {
      await fresh.drop();
    }
  } else {
    results.push({
      engine: 'postgres',
      case: '-',
      note: `not run: ${POSTGRES_URL_VAR} is not set`,
    });
  }
  return {
    name: `report submissions, ${CONCURRENCY} concurrent senders, ${SECONDS} s per case`,
    results,
  };
}

async function measure(engine: string, open: () => Promise<Database>): Promise<Row[]> {
  const database = await open();
  await migrate(database);
  const config = defaultConfig({
    kdf: TEST_KDF,
    authHash: TEST_KDF,
    intake: {
      ...defaultConfig().intake,
      // The bench is one client sending as fast as it can: lift the flood limits.
      perClientSubmissions: 1_000_000,
      globalSubmissionsPerMinute: 1_000_000,
      maxFileBytes: BIG_FILE_BYTES + 1024 * 1024,
    },
  });
  const secrets = instanceSecretsFrom(new Uint8Array(randomBytes(32)));
  const logger = createLogger({ destination: pino.destination('/dev/null') });
  const blobs = await tempBlobStore();
  const app = await buildApp({ config, database, secrets, blobs, logger });
  const t: TestApp = {
    app,
    database,
    secrets,
    config,
    clock: {
      now: () => new Date(),
      advance: () => {
        throw new Error('the bench runs on the real clock');
      },
    },
    blobs,
    close: async () => {},
  };
  const rows: Row[] = [];
  try {
    const org = await createOrganisation(t, 'Bench organisation');
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const url = `${base}/report/${org.slug}`;
    const fields = await formFields(url);

    // First, while the heap is fresh: what one 100 MB upload adds to the server's memory.
    const memory = await peakMemoryDuringUpload(url, fields, BIG_FILE_BYTES);
    rows.push({
      engine,
      case: '100 MB upload: server memory',
      'rss before MiB': mib(memory.before),
      'rss peak MiB': mib(memory.peak),
      'rss growth MiB': mib(memory.peak - memory.before),
      status: memory.status,
    });
    for (const fileBytes of [0, FILE_BYTES]) {
      const load: SubmissionLoad = { url, fields, fileBytes, concurrency: CONCURRENCY, seconds: 1 };
      await runWorker(load); // warm-up
      const r = await runWorker({ ...load, seconds: SECONDS });
      if (r.failed > 0) throw new Error(`${r.failed} submissions failed, first: ${r.firstFailure}`);
      const floor = await insertFloor(database, fileBytes);
      rows.push({
        engine,
        case: fileBytes ? 'with a 5 MB file' : 'no file',
        'submissions/s': round1(r.perSecond),
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        'INSERT floor rows/s': round1(floor),
        submissions: r.ok,
      });
    }
  } finally {
    await app.close();
    await blobs.dispose();
    await database.close();
  }
  return rows;
}

/** Fetches the form once, for its token: a form token stays valid for hours. */
async function formFields(url: string): Promise<[string, string][]> {
  const page = await (await fetch(`${url}?lang=ru`)).text();
  const token = /name="form_token" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('the report form has no form_token field');
  return [
    ['form_token', token],
    ['lang', 'ru'],
    ['reporter_role', 'victim'],
    ['incident_types', 'threats'],
    ['incident_types', 'online_hate'],
    ['date_precision', 'month'],
    ['date_year', '2026'],
    ['date_month', '3'],
    ['oblast', 'almaty_city'],
    ['place_type', 'online'],
    ['online_platform', 'instagram'],
    ['perpetrator_types', 'online_accounts'],
    ['bias_indicators', 'words'],
    ['reported_to_police', 'no'],
    ['not_reported_reasons', 'fear_outing'],
    ['wishes', 'statistics'],
    ['contact', 'Invented contact, Signal only'],
    ['narrative', NARRATIVE],
  ];
}

function runWorker(load: SubmissionLoad): Promise<SubmissionLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./lib/submission-client.ts', import.meta.url), {
      workerData: load,
    });
    worker.once('message', (result: SubmissionLoadResult) => resolve(result));
    worker.once('error', reject);
  });
}

/**
 * Plain INSERTs of rows the size of a stored report (and, with a file, of the file's
 * ciphertext as one bytea) through the same Kysely driver, by the same number of
 * concurrent senders: what the database alone can take.
 */
async function insertFloor(database: Database, fileBytes: number): Promise<number> {
  const db = database.db;
  await sql`create table if not exists bench_floor (id uuid primary key, coded text[], sealed bytea, file bytea)`.execute(
    db,
  );
  const sealed = new Uint8Array(randomBytes(NARRATIVE.length + 400));
  const file = fileBytes ? new Uint8Array(randomBytes(fileBytes + 1024)) : null;
  const deadline = performance.now() + SECONDS * 1000;
  let rows = 0;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < deadline) {
      await sql`insert into bench_floor (id, coded, sealed, file) values (${crypto.randomUUID()}, ${['threats', 'online_hate']}, ${sealed}, ${file})`.execute(
        db,
      );
      rows += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const perSecond = rows / ((performance.now() - started) / 1000);
  await sql`drop table bench_floor`.execute(db);
  return perSecond;
}

/**
 * Streams one multipart submission with a `bytes`-long PDF generated on the fly (the
 * client holds 64 KiB at a time) and samples this process's RSS — the server's, since the
 * client side is a generator — every 20 ms.
 */
async function peakMemoryDuringUpload(
  url: string,
  fields: [string, string][],
  bytes: number,
): Promise<{ before: number; peak: number; status: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const boundary = `----qorganbench${randomBytes(8).toString('hex')}`;
  const head = fields
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    )
    .join('');
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  const pdfHead = Buffer.from('%PDF-1.4\n');
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length':
            Buffer.byteLength(head) + Buffer.byteLength(fileHead) + bytes + Buffer.byteLength(tail),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => (body += text));
        res.on('end', () => {
          if (!body.includes('class="codename"')) {
            reject(new Error(`the 100 MB submission got no receipt: ${res.statusCode}`));
          } else resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on('error', reject);
    void (async () => {
      const write = (data: Buffer | string) =>
        new Promise<void>((done) => (req.write(data) ? done() : req.once('drain', done)));
      await write(head);
      await write(fileHead);
      await write(pdfHead);
      let sent = pdfHead.length;
      while (sent < bytes) {
        const piece = bytes - sent >= chunk.length ? chunk : chunk.subarray(0, bytes - sent);
        await write(piece);
        sent += piece.length;
      }
      req.end(tail);
    })();
  });
  clearInterval(sampler);
  return { before, peak, status };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mib = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
