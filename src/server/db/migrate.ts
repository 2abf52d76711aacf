// Forward-only SQL migrations, applied in name order at start and by `qorgan migrate`.
// Each file runs in one transaction together with its row in schema_migrations; a file
// that was edited after it was applied stops the start-up, because the database no
// longer matches what the code expects.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import type { Database } from './client.ts';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  for (const file of files) {
    // The name is written into the migration's SQL text; keep it to a safe alphabet.
    if (!/^\d{4}_[a-z0-9_]+\.sql$/.test(file)) throw new Error(`bad migration file name: ${file}`);
  }
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8');
      return {
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    }),
  );
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(database: Database): Promise<MigrationResult> {
  await database.exec(`create table if not exists schema_migrations (
    name text primary key,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const migrations = await loadMigrations();
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const migration of migrations) {
    const done = await findApplied(database, migration.name);
    if (done) {
      assertUnchanged(migration, done.checksum);
      alreadyApplied += 1;
      continue;
    }
    try {
      await database.exec(
        `begin;
         insert into schema_migrations (name, checksum) values ('${migration.name}', '${migration.checksum}');
         ${migration.sql}
         ;
         commit;`,
      );
      applied.push(migration.name);
    } catch (error) {
      // Another process applying the same migration at the same moment wins the insert;
      // this one sees the row and moves on.
      const raced = await findApplied(database, migration.name);
      if (!raced) throw error;
      assertUnchanged(migration, raced.checksum);
      alreadyApplied += 1;
    }
  }
  return { applied, alreadyApplied };
}

async function findApplied(database: Database, name: string) {
  const result = await sql<{ checksum: string }>`
    select checksum from schema_migrations where name = ${name}`.execute(database.db);
  return result.rows[0];
}

function assertUnchanged(migration: Migration, checksum: string): void {
  if (checksum !== migration.checksum) {
    throw new Error(
      `migration ${migration.name} was changed after it was applied; migrations are ` +
        'forward-only: restore the file and add a new migration instead',
    );
  }
}
