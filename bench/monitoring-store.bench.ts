// Comments into the database: what `qorgan monitor import` (and the web import) does after
// parsing — classify each comment and store it in batches of 500, one transaction per
// batch with the import's counts — on 50,000 invented comments in PGlite and, when
// QORGAN_TEST_DATABASE_URL is set, PostgreSQL. Then the same file again (every comment a
// duplicate), a retrain from 2,000 reviewed labels (the request, with the training time),
// and the background job it enqueues, which labels every unreviewed comment again.
// Parsing alone is bench/monitoring-import.bench.ts. RSS is the whole process's (PGlite's
// WebAssembly heap included), sampled every 50 ms and after each batch; each engine runs
// in the same process, PostgreSQL after PGlite.
//
//   node_modules/.bin/node bench/monitoring-store.bench.ts
//   npm run bench -- monitoring-store
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildNewOrganisation } from '../src/common/accounts/client-ops.ts';
import { TEST_KDF } from '../src/common/crypto/keys.ts';
import { loadSodium } from '../src/common/crypto/sodium.ts';
import { defaultConfig } from '../src/server/config.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { registerOrganisation } from '../src/server/modules/accounts/register-organisation.ts';
import { createItem } from '../src/server/modules/monitoring/create-item.ts';
import { importComments } from '../src/server/modules/monitoring/import-comments.ts';
import { retrainModel } from '../src/server/modules/monitoring/retrain-model.ts';
import { jobDefinitions } from '../src/server/jobs/registry.ts';
import { jobRunner } from '../src/server/jobs/worker.ts';
import { createLogger } from '../src/server/logger.ts';
import { instanceSecretsFrom } from '../src/server/secrets.ts';
import { POSTGRES_URL_VAR } from '../test/helpers/engines.ts';
import { freshPostgresDatabase } from './lib/postgres.ts';

const COMMENTS = 50_000;
const REVIEWED = 2_000;

type Row = Record<string, number | string>;

// Invented sentence parts (not from any dataset): hostile frames and ordinary ones.
const HOSTILE = [
  'пидоры, валите из нашего города',
  'таких надо лечить',
  'это не люди, а скот',
  'найти бы его адрес',
  'бұлар ұят, елден қуу керек',
  'bular uiat, elden quu kerek',
  'disgusting faggots',
  'they should all be locked up',
];
const ORDINARY = [
  'хорошее видео, спасибо',
  'какая музыка на фоне',
  'әдемі видео, рахмет',
  'ademi video, raqmet',
  'nice shot, what camera',
  'оставьте людей в покое',
  'угрозы это статья',
  'my dog barks like that too',
];

function* invented(count: number, seed: string): Generator<{ text: string; hateful: boolean }> {
  for (let i = 0; i < count; i++) {
    const hateful = i % 4 === 0;
    const list = hateful ? HOSTILE : ORDINARY;
    const a = list[i % list.length] ?? '';
    const b = ORDINARY[(i * 7) % ORDINARY.length] ?? '';
    yield { text: `${a} ${i % 3 === 0 ? b : ''} #${seed}${i}`.replace(/\s+/g, ' '), hateful };
  }
}

/** JSON lines in 64 KiB chunks, as a file stream would give them. */
async function* jsonLines(count: number, seed: string): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk = '';
  let i = 0;
  for (const c of invented(count, seed)) {
    chunk += `${JSON.stringify({ text: c.text, author: `@user${i % 997}`, date: new Date(Date.UTC(2026, 1, 14) + i * 5000).toISOString() })}\n`;
    i++;
    if (chunk.length >= 64 * 1024) {
      yield encoder.encode(chunk);
      chunk = '';
    }
  }
  if (chunk) yield encoder.encode(chunk);
}

export async function run(): Promise<{ name: string; results: Row[] }> {
  await loadSodium();
  const results: Row[] = [];
  results.push(...(await measure('pglite', () => openDatabase({}))));
  const postgresUrl = process.env[POSTGRES_URL_VAR];
  if (postgresUrl) {
    const fresh = await freshPostgresDatabase(postgresUrl);
    try {
      results.push(...(await measure('postgres', () => openDatabase({ databaseUrl: fresh.url }))));
    } finally {
      await fresh.drop();
    }
  } else {
    results.push({ engine: 'postgres', case: `not run: ${POSTGRES_URL_VAR} is not set` });
  }
  return { name: 'Monitoring: classify and store comments, retrain', results };
}

async function measure(engine: string, open: () => Promise<Database>): Promise<Row[]> {
  const database = await open();
  try {
    await migrate(database);
    const built = buildNewOrganisation({
      name: 'Bench',
      slug: `bench-${randomBytes(4).toString('hex')}`,
      defaultLocale: 'en',
      admin: {
        email: 'bench@example.invalid',
        displayName: 'Bench',
        password: 'correct horse battery staple',
        locale: 'en',
        kdf: TEST_KDF,
      },
    });
    const deps = { db: database.db, now: () => new Date() };
    const { organisationId, memberId } = await registerOrganisation({
      deps: {
        ...deps,
        secrets: instanceSecretsFrom(new Uint8Array(randomBytes(32))),
        config: defaultConfig({ kdf: TEST_KDF, authHash: TEST_KDF }),
      },
      organisation: built.body.organisation,
      admin: built.body.admin,
    });
    const actor = { memberId, organisationId, role: 'admin' as const, status: 'active' as const };
    const itemId = await createItem({
      deps,
      actor,
      input: {
        campaignId: null,
        platform: 'other',
        url: 'https://example.invalid/bench',
        author: null,
        publishedAt: null,
        title: 'bench',
        notes: '',
      },
    });
    const seed = randomUUID().slice(0, 6);
    const rows: Row[] = [];
    let peak = 0;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const sampler = setInterval(sample, 50);
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    try {
      for (const pass of ['new comments', 'the same file again (all duplicates)']) {
        const rssBefore = process.memoryUsage().rss;
        peak = rssBefore;
        const started = performance.now();
        const result = await importComments({
          deps,
          actor: null,
          itemId,
          format: 'jsonl',
          via: 'cli',
          source: jsonLines(COMMENTS, seed),
          onBatch: sample,
        });
        const seconds = (performance.now() - started) / 1000;
        rows.push({
          engine,
          case: `import ${COMMENTS} comments: ${pass}`,
          comments_per_s: Math.round(COMMENTS / seconds),
          seconds: Number(seconds.toFixed(2)),
          imported: result.imported,
          duplicates: result.duplicates,
          rss_before_mb: mb(rssBefore),
          peak_rss_mb: mb(peak),
        });
      }

      // Reviewed labels as a monitor would leave them (written directly: the review use
      // case's speed is not what this measures).
      const texts = new Map([...invented(COMMENTS, seed)].map((c) => [c.text, c.hateful]));
      const toReview = await database.db
        .selectFrom('monitored_comments')
        .select(['id', 'text'])
        .where('item_id', '=', itemId)
        .orderBy('id')
        .limit(REVIEWED)
        .execute();
      for (const c of toReview) {
        const hateful = texts.get(c.text) === true;
        await sql`update monitored_comments set confirmed_hateful = ${hateful},
          confirmed_categories = ${sql.val(hateful ? ['insult'] : [])}::text[],
          reviewed_by = ${memberId}, reviewed_at = now() where id = ${c.id}`.execute(database.db);
      }
      const rssBefore = process.memoryUsage().rss;
      peak = rssBefore;
      const started = performance.now();
      const status = await retrainModel({ deps, actor });
      sample();
      const seconds = (performance.now() - started) / 1000;
      const model = status.organisationModel;
      rows.push({
        engine,
        case: `retrain from ${REVIEWED} reviewed labels (the request)`,
        training_s: model?.trainingSeconds ?? 0,
        seconds: Number(seconds.toFixed(2)),
        in_use: String(model?.inUse ?? false),
        rss_before_mb: mb(rssBefore),
        peak_rss_mb: mb(peak),
      });
      // The background job it enqueued: label the unreviewed comments again.
      const runJob = jobRunner({
        db: database.db,
        engine: database.engine,
        definitions: jobDefinitions,
        logger: createLogger({ level: 'silent' }),
      });
      const relabelStarted = performance.now();
      while (await runJob()) sample();
      const relabelSeconds = (performance.now() - relabelStarted) / 1000;
      const relabelled = await database.db
        .selectFrom('monitored_comments')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('item_id', '=', itemId)
        .where('reviewed_at', 'is', null)
        .where('classifier_version', '=', status.activeVersion)
        .executeTakeFirstOrThrow();
      rows.push({
        engine,
        case: 'relabel the unreviewed comments (background job)',
        comments_per_s: Math.round(Number(relabelled.n) / relabelSeconds),
        seconds: Number(relabelSeconds.toFixed(2)),
        relabelled: Number(relabelled.n),
        peak_rss_mb: mb(peak),
      });
    } finally {
      clearInterval(sampler);
    }
    return rows;
  } finally {
    await database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = await run();
  console.table(output.results);
  console.log(JSON.stringify(output));
}
