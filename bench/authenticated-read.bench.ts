// Requests per second of authenticated reads through a real listening server: GET /api/me
// (session lookup + member + organisation) and GET /api/members (the same, plus the
// member list and the audit event every read of sealed data writes). On PGlite and, when
// QORGAN_TEST_DATABASE_URL is set, on PostgreSQL in a fresh database. 10 connections,
// 10 s per route after a 1 s warm-up.
import { tempBlobStore } from '../test/helpers/blobs.ts';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { TEST_KDF } from '../src/common/crypto/keys.ts';
import { loadSodium } from '../src/common/crypto/sodium.ts';
import { buildApp } from '../src/server/app.ts';
import { defaultConfig } from '../src/server/config.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { createLogger } from '../src/server/logger.ts';
import { instanceSecretsFrom } from '../src/server/secrets.ts';
import { POSTGRES_URL_VAR } from '../test/helpers/engines.ts';
import { addMember, createOrganisation } from '../test/helpers/factories.ts';
import type { TestApp } from '../test/helpers/test-app.ts';
import { runLoad } from './lib/load-generator.ts';
import { freshPostgresDatabase } from './lib/postgres.ts';

const CONNECTIONS = 10;
const SECONDS = 10;
const WARMUP_SECONDS = 1;
const ROUTES = ['/api/me', '/api/members'] as const;
/** Members besides the admin, so the list is an organisation's, not a single row. */
const EXTRA_MEMBERS = 7;

export async function run(): Promise<{ name: string; results: Record<string, number | string>[] }> {
  const results: Record<string, number | string>[] = [];
  const postgresUrl = process.env[POSTGRES_URL_VAR];
  results.push(...(await measure('pglite', () => openDatabase({}))));
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
      route: '-',
      note: `not run: ${POSTGRES_URL_VAR} is not set`,
    });
  }
  return {
    name: `authenticated reads, ${CONNECTIONS} connections, ${SECONDS} s per route`,
    results,
  };
}

async function measure(
  engine: string,
  open: () => Promise<Database>,
): Promise<Record<string, number | string>[]> {
  await loadSodium();
  const database = await open();
  await migrate(database);
  // The server's own settings, except the cost of deriving login keys (not measured here).
  const config = defaultConfig({ kdf: TEST_KDF, authHash: TEST_KDF });
  const secrets = instanceSecretsFrom(new Uint8Array(randomBytes(32)));
  // The real request log, written where it costs what it costs but is not read.
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
    close: async () => {
      await app.close();
      await blobs.dispose();
    },
  };
  const rows: Record<string, number | string>[] = [];
  try {
    const org = await createOrganisation(t, 'Bench organisation');
    for (let i = 0; i < EXTRA_MEMBERS; i += 1)
      await addMember(t, org, i % 2 === 0 ? 'case_worker' : 'lawyer');
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the server has no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    for (const route of ROUTES) {
      const check = await fetch(`${base}${route}`, { headers: { cookie: org.admin.cookie } });
      if (check.status !== 200)
        throw new Error(`${route} answered ${check.status}: ${await check.text()}`);
      const load = {
        url: `${base}${route}`,
        headers: { cookie: org.admin.cookie },
        connections: CONNECTIONS,
      };
      await runLoad({ ...load, duration: WARMUP_SECONDS });
      const r = await runLoad({ ...load, duration: SECONDS });
      if (r.non2xx > 0 || r.errors > 0)
        throw new Error(`${route}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
      rows.push({
        engine,
        route: `GET ${route}`,
        'req/s': Math.round(r.reqPerSec),
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        'max ms': r.maxMs,
        requests: r.requests,
      });
    }
  } finally {
    await app.close();
    await database.close();
  }
  return rows;
}
