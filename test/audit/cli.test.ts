// The command line, run as a child process like an operator would: `qorgan org create`
// prints the 24 recovery words once and refuses bad input; `qorgan audit verify` says
// "intact" (exit 0) and names the tampered event after an insider edits a row (exit 1).
// PGlite: the data folder's embedded database. PostgreSQL: DATABASE_URL.
import { tempBlobStore } from '../helpers/blobs.ts';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { deriveRecoveryKeys, recoveryWordsToSecret } from '../../src/common/crypto/recovery.ts';
import { buildApp } from '../../src/server/app.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import type { DB } from '../../src/server/db/types.generated.ts';
import { instanceSecretsFrom, loadInstanceSecret } from '../../src/server/secrets.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { loginCookie } from '../helpers/factories.ts';
import { randomHex } from '../helpers/http.ts';
import { testClock } from '../helpers/test-app.ts';

const NODE = new URL('../../node_modules/.bin/node', import.meta.url).pathname;
const CLI = new URL('../../src/cli/main.ts', import.meta.url).pathname;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

for (const engine of engines()) {
  describe(`qorgan org create and audit verify (${engine.engine})`, { skip: engine.skip }, () => {
    let dataDir: string;
    let postgres: TestDatabase | undefined;
    let env: NodeJS.ProcessEnv;
    const slug = `cli-${randomHex()}`;
    const email = `cli-admin-${randomHex()}@example.org`;
    const password = 'a password long enough';
    let words: string[] = [];

    before(async () => {
      await loadSodium();
      dataDir = await mkdtemp(path.join(tmpdir(), 'qorgan-cli-'));
      await writeFile(path.join(dataDir, 'password.txt'), `${password}\n`, { mode: 0o600 });
      await writeFile(path.join(dataDir, 'short.txt'), 'too short\n', { mode: 0o600 });
      env = { ...process.env, QORGAN_LOG_LEVEL: 'silent' };
      delete env.DATABASE_URL;
      if (engine.engine === 'postgres') {
        postgres = await engine.open();
        env.DATABASE_URL = postgres.url;
      }
    });
    after(async () => {
      if (postgres) await postgres.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    const run = (...args: string[]) =>
      new Promise<Run>((resolve) => {
        execFile(NODE, [CLI, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
          resolve({
            code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
            stdout,
            stderr,
          });
        });
      });
    const orgCreate = (...extra: string[]) =>
      run(
        'org',
        'create',
        '--data',
        dataDir,
        '--name',
        'CLI organisation',
        '--slug',
        slug,
        '--admin-email',
        email,
        '--locale',
        'en',
        ...extra,
      );
    /** Opens the database the CLI used; for PGlite only while no CLI process has it open. */
    const withDb = async <T>(use: (db: Kysely<DB>) => Promise<T>): Promise<T> => {
      if (postgres) return use(postgres.db);
      const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pgdata') });
      try {
        return await use(database.db);
      } finally {
        await database.close();
      }
    };
    const organisations = () =>
      withDb(async (db) =>
        db
          .selectFrom('organisations')
          .select(['id', 'recovery_public_key'])
          .where('slug', '=', slug)
          .execute(),
      );

    test('a short password is refused with a clear message, exit code 1, and nothing created', async () => {
      const res = await orgCreate('--admin-password-file', path.join(dataDir, 'short.txt'));
      assert.equal(res.code, 1, res.stderr);
      assert.match(res.stderr, /at least 12 characters/);
      if (engine.engine === 'pglite')
        await assert.rejects(stat(path.join(dataDir, 'pgdata')), 'no database was even opened');
      else assert.deepEqual(await organisations(), []);
    });

    test('a bad slug is refused with exit code 1 and the rule', async () => {
      const res = await run(
        'org',
        'create',
        '--data',
        dataDir,
        '--name',
        'X',
        '--slug',
        'Not A Slug!',
        '--admin-email',
        email,
        '--admin-password-file',
        path.join(dataDir, 'password.txt'),
      );
      assert.equal(res.code, 1);
      assert.match(res.stderr, /--slug/);
      assert.match(res.stderr, /2–63 letters/);
    });

    test('org create prints the 24 recovery words once, and they are the organisation’s recovery key', async () => {
      const res = await orgCreate('--admin-password-file', path.join(dataDir, 'password.txt'));
      assert.equal(res.code, 0, res.stderr);
      assert.ok(!res.stdout.includes(password), 'the password is not echoed');
      assert.equal(res.stdout.split('RECOVERY KEY').length - 1, 1, 'shown once');
      const numbered = [...res.stdout.matchAll(/(\d+)\. ([a-z]+)/g)];
      assert.deepEqual(
        numbered.map((m) => Number(m[1])),
        Array.from({ length: 24 }, (_, i) => i + 1),
      );
      words = numbered.map((m) => m[2] ?? '');
      const recovery = deriveRecoveryKeys(recoveryWordsToSecret(words.join(' ')));
      const [org] = await organisations();
      assert.ok(org, 'the organisation exists');
      assert.deepEqual(new Uint8Array(org.recovery_public_key), recovery.box.publicKey);

      const again = await orgCreate('--admin-password-file', path.join(dataDir, 'password.txt'));
      assert.equal(again.code, 1, 'the same slug twice is refused');
      assert.match(again.stderr, /already used/);
      assert.ok(!again.stdout.includes('RECOVERY KEY'), 'no second set of words');
    });

    test('the admin made by the CLI signs in with the password from the file', async () => {
      const secrets = instanceSecretsFrom(await loadInstanceSecret(dataDir));
      const database =
        postgres ?? (await openDatabase({ pgliteDir: path.join(dataDir, 'pgdata') }));
      const config = defaultConfig({ authHash: TEST_KDF });
      const clock = testClock(new Date());
      const blobs = await tempBlobStore();
      const app = await buildApp({
        config,
        database,
        secrets,
        blobs,
        logger: false,
        now: clock.now,
      });
      try {
        const t = { app, database, secrets, config, clock, blobs, close: () => app.close() };
        assert.ok(await loginCookie(t, email, password));
      } finally {
        await app.close();
        if (!postgres) await database.close();
      }
    });

    test('audit verify says intact, then names the event an insider edited', async () => {
      const intact = await run('audit', 'verify', '--data', dataDir);
      assert.equal(intact.code, 0, intact.stderr);
      assert.match(intact.stdout, /intact: \d+ events checked/);

      const seq = await withDb(async (db) => {
        const row = await db
          .selectFrom('audit_events')
          .select('seq')
          .where('action', '=', 'organisation.created')
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        await sql`alter table audit_events disable trigger audit_events_no_update`.execute(db);
        await sql`update audit_events set fields = '{"slug":"someone-else"}'::jsonb where seq = ${row.seq}`.execute(
          db,
        );
        await sql`alter table audit_events enable trigger audit_events_no_update`.execute(db);
        return row.seq;
      });
      const damaged = await run('audit', 'verify', '--data', dataDir);
      assert.equal(damaged.code, 1, damaged.stdout);
      assert.match(damaged.stderr, /DAMAGED/);
      assert.match(damaged.stderr, new RegExp(`event ${seq}: .*edited`));
    });
  });
}
