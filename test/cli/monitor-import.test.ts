// `qorgan monitor import` through the real command line, against a data folder (PGlite)
// or DATABASE_URL (PostgreSQL): each format is imported into the item, problems are
// printed with their line numbers while the rest is imported, the summary gives the
// counts, importing the same file again stores nothing twice, and bad invocations fail
// with a clear message.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { buildNewOrganisation } from '../../src/common/accounts/client-ops.ts';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { registerOrganisation } from '../../src/server/modules/accounts/register-organisation.ts';
import { createItem } from '../../src/server/modules/monitoring/create-item.ts';
import { instanceSecretsFrom } from '../../src/server/secrets.ts';
import { engines } from '../helpers/engines.ts';

const execFileAsync = promisify(execFile);
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

for (const engine of engines()) {
  describe(`qorgan monitor import (${engine.engine})`, { skip: engine.skip }, () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    /** Opens the database the command uses (closed again before the command runs, on PGlite). */
    let open: () => Promise<Database>;
    let close: () => Promise<void> = async () => {};
    let organisationId: string;
    let memberId: string;

    before(async () => {
      await loadSodium();
      dir = await mkdtemp(path.join(tmpdir(), 'qorgan-monitor-import-'));
      if (engine.engine === 'postgres') {
        const database = await engine.open();
        env = { ...process.env, DATABASE_URL: database.url };
        open = async () => database;
        close = () => database.close();
      } else {
        env = { ...process.env, DATABASE_URL: '' };
        open = async () => {
          const database = await openDatabase({ pgliteDir: path.join(dir, 'pgdata') });
          await migrate(database);
          return database;
        };
      }
      const database = await open();
      const built = buildNewOrganisation({
        name: 'CLI import test',
        slug: `cli-${randomBytes(4).toString('hex')}`,
        defaultLocale: 'en',
        admin: {
          email: 'admin@cli.invalid',
          displayName: 'Admin',
          password: 'correct horse battery staple',
          locale: 'en',
          kdf: TEST_KDF,
        },
      });
      const created = await registerOrganisation({
        deps: {
          db: database.db,
          secrets: instanceSecretsFrom(new Uint8Array(randomBytes(32))),
          config: defaultConfig({ kdf: TEST_KDF, authHash: TEST_KDF }),
          now: () => new Date(),
        },
        organisation: built.body.organisation,
        admin: built.body.admin,
      });
      organisationId = created.organisationId;
      memberId = created.memberId;
      if (engine.engine === 'pglite') await database.close();
    });
    after(async () => {
      await close();
      await rm(dir, { recursive: true, force: true });
    });

    /** A fresh monitored item. */
    const newItem = async (): Promise<string> => {
      const database = await open();
      try {
        return await createItem({
          deps: { db: database.db, now: () => new Date() },
          actor: { memberId, organisationId, role: 'admin', status: 'active' },
          input: {
            campaignId: null,
            platform: 'telegram',
            url: 'https://example.invalid/channel/1',
            author: null,
            publishedAt: null,
            title: 'CLI test',
            notes: '',
          },
        });
      } finally {
        if (engine.engine === 'pglite') await database.close();
      }
    };

    const commentsOf = async (itemId: string) => {
      const database = await open();
      try {
        return await database.db
          .selectFrom('monitored_comments')
          .select(['text', 'author', 'line', 'machine_hateful', 'language'])
          .where('item_id', '=', itemId)
          .orderBy('line')
          .execute();
      } finally {
        if (engine.engine === 'pglite') await database.close();
      }
    };

    const run = async (args: string[]): Promise<Outcome> => {
      try {
        const { stdout, stderr } = await execFileAsync(
          process.execPath,
          [MAIN, 'monitor', 'import', ...args, '--data', dir],
          { env, maxBuffer: 16 * 1024 * 1024 },
        );
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };

    const file = async (name: string, content: string) => {
      const target = path.join(dir, name);
      await writeFile(target, content);
      return target;
    };

    test('CSV with a column map: the summary counts, a bad row is reported by line', async () => {
      const item = await newItem();
      const csv = await file(
        'comments.csv',
        'User,Message,Date\n@a,"Burn them all",2026-02-14 10:00\n@b,,2026-02-14 11:00\n@c,"Cute couple, leave them alone",\n',
      );
      const out = await run([
        csv,
        '--item',
        item,
        '--format',
        'csv',
        '--map',
        'text=Message,author=User,postedAt=Date',
      ]);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /Imported 2 new comment\(s\) into item/);
      assert.match(out.stdout, /0 duplicate\(s\)/);
      assert.match(out.stdout, /1 problem\(s\)/);
      assert.match(out.stderr, /^line 3: missing_text: /m);
      // Not a terminal: plain progress lines, ending at the whole file.
      assert.match(out.stderr, /100% .* MB, 2 comments, \d+ comments\/s/);
      const rows = await commentsOf(item);
      assert.deepEqual(
        rows.map((r) => [r.line, r.author, r.text]),
        [
          [2, '@a', 'Burn them all'],
          [4, '@c', 'Cute couple, leave them alone'],
        ],
      );
      assert.equal(rows[0]?.machine_hateful, true);

      const again = await run([
        csv,
        '--item',
        item,
        '--format',
        'csv',
        '--map',
        'text=Message,author=User,postedAt=Date',
      ]);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /Imported 0 new comment\(s\).*2 duplicate\(s\)/);
      assert.equal((await commentsOf(item)).length, 2);
    });

    test('CSV without a header, by column numbers', async () => {
      const item = await newItem();
      const csv = await file(
        'headerless.csv',
        '@a;first invented comment\n@b;second invented comment\n',
      );
      const out = await run([
        csv,
        '--item',
        item,
        '--format',
        'csv',
        '--map',
        'text=2,author=1',
        '--no-header',
      ]);
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual(
        (await commentsOf(item)).map((r) => [r.author, r.text]),
        [
          ['@a', 'first invented comment'],
          ['@b', 'second invented comment'],
        ],
      );
    });

    test('JSON lines, a Telegram export and pasted text', async () => {
      const jsonlItem = await newItem();
      const jsonl = await file(
        'comments.jsonl',
        `${JSON.stringify({ text: 'Бұл адам емес, хайуан', author: '@q' })}\nnot json\n${JSON.stringify({ message: 'Любовь — не преступление' })}\n`,
      );
      const a = await run([jsonl, '--item', jsonlItem, '--format', 'jsonl']);
      assert.equal(a.code, 0, a.stderr);
      assert.match(a.stderr, /^line 2: invalid_json: /m);
      assert.match(a.stdout, /Imported 2 new comment\(s\).*1 problem\(s\)/);
      assert.deepEqual(
        (await commentsOf(jsonlItem)).map((r) => [r.line, r.language]),
        [
          [1, 'kk-cyrl'],
          [3, 'ru'],
        ],
      );

      const telegramItem = await newItem();
      const telegram = await file(
        'result.json',
        JSON.stringify({
          name: 'Invented channel',
          type: 'public_channel',
          id: 7,
          messages: [
            {
              id: 1,
              type: 'message',
              date: '2026-02-14T12:00:00',
              from: 'Asel',
              text: 'Ребята, держитесь',
            },
            {
              id: 2,
              type: 'message',
              date: '2026-02-14T12:01:00',
              from: 'Bek',
              text: 'Gays are mentally ill, period',
            },
          ],
        }),
      );
      const b = await run([telegram, '--item', telegramItem, '--format', 'telegram']);
      assert.equal(b.code, 0, b.stderr);
      assert.deepEqual(
        (await commentsOf(telegramItem)).map((r) => r.author),
        ['Asel', 'Bek'],
      );

      const textItem = await newItem();
      const pasted = await file('pasted.txt', 'one invented line\n\nanother invented line\n');
      const c = await run([pasted, '--item', textItem, '--format', 'text']);
      assert.equal(c.code, 0, c.stderr);
      assert.equal((await commentsOf(textItem)).length, 2);
    });

    test('Ctrl-C stops between batches: whole batches stay, the import is marked failed', async () => {
      const item = await newItem();
      const lines = Array.from({ length: 150_000 }, (_, i) => `придуманный комментарий ${i}`);
      const big = await file('big.txt', lines.join('\n') + '\n');
      const child = spawn(
        process.execPath,
        [
          MAIN,
          'monitor',
          'import',
          big,
          '--item',
          item,
          '--format',
          'text',
          '--batch',
          '100',
          '--data',
          dir,
        ],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      let interrupted = false;
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // Interrupt once a progress line shows comments stored, twice as an impatient
        // person would: the second must not kill it in the middle of a batch.
        if (!interrupted && /, [1-9]\d* comments, /.test(stderr)) {
          interrupted = true;
          child.kill('SIGINT');
          setTimeout(() => child.kill('SIGINT'), 20);
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 130, stderr);
      assert.match(stderr, /Interrupted\. Every batch stored so far is complete/);
      assert.equal(stdout, '');
      const stored = (await commentsOf(item)).length;
      assert.ok(stored > 0 && stored < lines.length, `${stored} stored`);
      assert.equal(stored % 100, 0, 'only whole batches');
      const database = await open();
      try {
        const row = await database.db
          .selectFrom('monitoring_imports')
          .select(['status', 'imported'])
          .where('item_id', '=', item)
          .executeTakeFirstOrThrow();
        assert.deepEqual(row, { status: 'failed', imported: stored });
      } finally {
        if (engine.engine === 'pglite') await database.close();
      }
    });

    test('bad invocations fail with a clear message and store nothing', async () => {
      const item = await newItem();
      const pasted = await file('x.txt', 'x\n');
      const unknown = await run([pasted, '--item', randomUUID(), '--format', 'text']);
      assert.equal(unknown.code, 1);
      assert.match(unknown.stderr, /The monitored item was not found/);
      const noMap = await run([pasted, '--item', item, '--format', 'csv', '--no-header']);
      assert.equal(noMap.code, 1);
      assert.match(noMap.stderr, /--no-header needs --map/);
      const badFormat = await run([pasted, '--item', item, '--format', 'xml']);
      assert.notEqual(badFormat.code, 0);
      assert.match(badFormat.stderr, /Allowed choices are csv, jsonl, telegram, text/);
      const missing = await run([path.join(dir, 'nope.txt'), '--item', item, '--format', 'text']);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /cannot read/);
      assert.equal((await commentsOf(item)).length, 0);
    });
  });
}
