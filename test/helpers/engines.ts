// Medium tests run on both engines. PGlite always; PostgreSQL when
// QORGAN_TEST_DATABASE_URL points at a server (CI sets it). Each call to open() makes a
// fresh, migrated database, dropped again by close().
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';

export interface EngineCase {
  engine: Engine;
  /** A reason to skip (printed by the runner), or false. */
  skip: string | false;
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Connection string of the per-test database (PostgreSQL only). */
  url?: string;
}

export const POSTGRES_URL_VAR = 'QORGAN_TEST_DATABASE_URL';

export function engines(): EngineCase[] {
  const url = process.env[POSTGRES_URL_VAR];
  const missing = `PostgreSQL run not done: ${POSTGRES_URL_VAR} is not set (e.g. postgres://postgres@127.0.0.1:5432/test)`;
  if (!url && process.env.CI) {
    throw new Error(`${POSTGRES_URL_VAR} must be set in CI: medium tests run on both engines`);
  }
  return [
    { engine: 'pglite', skip: false, open: openPgliteTest },
    { engine: 'postgres', skip: url ? false : missing, open: () => openPostgresTest(url ?? '') },
  ];
}

async function openPgliteTest(): Promise<TestDatabase> {
  const database = await openDatabase({});
  await migrate(database);
  return database;
}

async function openPostgresTest(adminUrl: string): Promise<TestDatabase> {
  const name = `qorgan_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  await migrate(database);
  let closing: Promise<void> | undefined;
  return {
    ...database,
    url: url.toString(),
    close() {
      closing ??= (async () => {
        await database.close();
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        try {
          // pg-pool's end() resolves before its sockets have closed; a forced drop while
          // they are still leaving would kill them, and pg reports that as an uncaught
          // error in whichever test owned the pool. Wait until the server saw them go.
          const deadline = Date.now() + 5_000;
          for (;;) {
            const { rows } = await cleanup.query<{ n: number }>(
              'select count(*)::int as n from pg_stat_activity where datname = $1',
              [name],
            );
            if ((rows[0]?.n ?? 0) === 0 || Date.now() > deadline) break;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          await cleanup.query(`drop database if exists ${name} with (force)`);
        } finally {
          await cleanup.end();
        }
      })();
      return closing;
    },
  };
}
