// Closes a per-test database without racing its own connections. pg-pool's end() resolves
// before the sockets of its idle clients have closed, so the `drop database … with (force)`
// in engines.ts can terminate backends that are still saying goodbye; the client then
// emits "terminating connection due to administrator command" as an uncaught exception in
// whichever test created it. Here the pool is ended first and the drop waits until the
// server has seen every connection leave. (engines.ts could do the same in its close().)
import pg from 'pg';
import { POSTGRES_URL_VAR, type TestDatabase } from './engines.ts';

const WAIT_MS = 5_000;

export async function closeDatabase(database: TestDatabase): Promise<void> {
  const adminUrl = process.env[POSTGRES_URL_VAR];
  if (!database.url || !adminUrl) {
    await database.close();
    return;
  }
  await database.db.destroy();
  const name = new URL(database.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const { rows } = await admin.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if ((rows[0]?.n ?? 0) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await admin.end();
  }
  // Kysely's destroy() is idempotent, so close() only drops the database now.
  await database.close();
}
