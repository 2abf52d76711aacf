// Opens the database: PGlite (embedded PostgreSQL in WASM) in the data folder by default,
// PostgreSQL when a URL is given. Both sit behind one Kysely instance and one schema.
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './types.generated.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /** Runs SQL text that may hold several statements (migrations only). */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** Folder for the PGlite data files; absent means in memory (tests). */
  pgliteDir?: string | undefined;
  /** Maximum PostgreSQL pool size. */
  poolSize?: number;
}

// int8 columns (audit sequence, job ids) are read as numbers on both engines: they stay
// far below 2^53, and one representation keeps repository code engine-independent.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
// A calendar date (an incident's day) stays the string 'YYYY-MM-DD': turning it into a
// Date would shift it by the server's time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (v: string) => v);

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.pgliteDir);
}

async function openPglite(dir: string | undefined): Promise<Database> {
  // Loaded only here: a server on PostgreSQL does not carry the embedded database's code.
  const { PGlite, types: pgliteTypes } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(dir, {
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.DATE]: (v: string) => v,
    },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    engine: 'pglite',
    async exec(sqlText) {
      try {
        await pglite.exec(sqlText);
      } catch (error) {
        // A failed statement inside an explicit transaction leaves it open and aborted.
        await pglite.exec('rollback').catch(() => undefined);
        throw error;
      }
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client whose connection dies (server restart, failover) emits 'error' on the
  // pool; unhandled, that would crash the process. The pool drops the client and the next
  // query opens a fresh connection, so logging is all there is to do.
  pool.on('error', (error) => {
    console.error(
      `PostgreSQL connection lost (${error.message}); it will be reopened on the next query`,
    );
  });
  // Fail at start, with the reason, rather than on the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async exec(sqlText) {
      const client = await pool.connect();
      try {
        await client.query(sqlText);
      } catch (error) {
        // Never return a connection to the pool inside an aborted transaction.
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}
