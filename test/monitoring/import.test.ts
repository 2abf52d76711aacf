// Importing comments through the web: every format, problems reported with their line
// numbers while the rest is imported, duplicates across imports recognised and not stored
// twice, each comment classified and kept verbatim with the SHA-256 of its record, the
// size limit, and the CSV preview of the column-mapping step.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type {
  CommentDetailDto,
  ImportResultDto,
  MonitoredItemDto,
} from '../../src/common/api/monitoring.ts';
import { importComments } from '../../src/server/modules/monitoring/import-comments.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf } from '../helpers/http.ts';
import { commentsOf, createTestItem, importFile, importLines } from '../helpers/monitoring.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

for (const engine of engines()) {
  describe(`monitoring imports (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
      org = await createOrganisation(t);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('pasted text: one comment per line, classified, verbatim, with its hash', async () => {
      const item = await createTestItem(t, org);
      const head = await auditHead(t);
      const lines = ['  Пидоры, валите из нашего города  ', 'Хорошо снято, свет красивый'];
      const result = await importLines(t, org, item.id, lines);
      assert.deepEqual(
        [result.status, result.imported, result.duplicates, result.problemCount, result.via],
        ['done', 2, 0, 0, 'web'],
      );
      assert.equal(result.importedBy, org.admin.id);
      const comments = await commentsOf(t, org, `itemId=${item.id}`);
      assert.deepEqual(comments.map((c) => c.text).sort(), [...lines].sort());
      const hostile = comments.find((c) => c.text.startsWith('  Пидоры'));
      assert.ok(hostile);
      assert.equal(hostile.machine.hateful, true);
      assert.ok(hostile.machine.categories.includes('slur'));
      assert.equal(hostile.language, 'ru');
      assert.ok(hostile.machine.evidence.rules.length > 0, 'the matched rule is the evidence');
      assert.match(hostile.machine.classifierVersion, /lexicon/);
      assert.equal(hostile.confirmed, null);

      const detail = await call(t, 'GET', `/api/monitoring/comments/${hostile.id}`, {
        cookie: org.admin.cookie,
      });
      const body = detail.json<CommentDetailDto>();
      assert.equal(sha256(body.verbatimRecord), hostile.sha256, 'the record hashes to the hash');
      assert.equal(JSON.parse(body.verbatimRecord).text, lines[0]);
      assert.deepEqual(await actionsSince(t, org.id, head), [
        'monitoring.import_started',
        'monitoring.import_finished',
      ]);
    });

    test('JSON lines: bad lines reported with their numbers, the rest imported', async () => {
      const item = await createTestItem(t, org);
      const file = [
        JSON.stringify({
          text: 'Cute couple, leave them alone',
          author: '@a',
          date: '2026-02-14T10:00:00Z',
        }),
        '{"text": "broken',
        JSON.stringify({ author: '@nobody' }),
        JSON.stringify({
          text: 'Burn them all',
          author: '@b',
          date: '2026-02-15T09:30:00Z',
          url: 'https://example.invalid/c/2',
        }),
        '',
      ].join('\n');
      const res = await importFile(t, org.admin.cookie, item.id, 'format=jsonl', file);
      assert.equal(res.statusCode, 201, res.body);
      const result = res.json<ImportResultDto>();
      assert.equal(result.imported, 2);
      assert.equal(result.problemCount, 2);
      assert.deepEqual(
        result.problems.map((p) => [p.line, p.code]),
        [
          [2, 'invalid_json'],
          [3, 'missing_text'],
        ],
      );
      const comments = await commentsOf(t, org, `itemId=${item.id}`);
      assert.deepEqual(
        comments.map((c) => [c.text, c.author, c.postedAt, c.line]),
        [
          ['Cute couple, leave them alone', '@a', '2026-02-14T10:00:00.000Z', 1],
          ['Burn them all', '@b', '2026-02-15T09:30:00.000Z', 4],
        ],
      );
      const detail = await call(t, 'GET', `/api/monitoring/comments/${comments[1]?.id ?? ''}`, {
        cookie: org.admin.cookie,
      });
      const body = detail.json<CommentDetailDto>();
      assert.equal(sha256(body.verbatimRecord), body.comment.sha256);
      const listed = await call(t, 'GET', `/api/monitoring/items/${item.id}/imports`, {
        cookie: org.admin.cookie,
      });
      assert.deepEqual(
        listed.json<{ imports: ImportResultDto[] }>().imports.map((i) => i.id),
        [result.id],
      );
    });

    test('CSV with a column mapping, and without a header by column numbers', async () => {
      const item = await createTestItem(t, org);
      const csv =
        'Пользователь;Сообщение;Дата\r\n@qazaq;"Бұл адам емес, хайуан";14.02.2026 20:15\r\n@x;"Әдемі видео; рахмет";\r\n';
      const res = await importFile(
        t,
        org.admin.cookie,
        item.id,
        `format=csv&textColumn=${encodeURIComponent('Сообщение')}&authorColumn=${encodeURIComponent('Пользователь')}&postedAtColumn=${encodeURIComponent('Дата')}`,
        csv,
      );
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json<ImportResultDto>().imported, 2);
      const comments = await commentsOf(t, org, `itemId=${item.id}`);
      // 20:15 in Almaty (UTC+5) is 15:15 UTC; the undated comment comes last.
      assert.deepEqual(
        comments.map((c) => [c.author, c.text, c.postedAt]),
        [
          ['@qazaq', 'Бұл адам емес, хайуан', '2026-02-14T15:15:00.000Z'],
          ['@x', 'Әдемі видео; рахмет', null],
        ],
      );
      assert.equal(comments[0]?.language, 'kk-cyrl');

      const other = await createTestItem(t, org);
      const headerless = await importFile(
        t,
        org.admin.cookie,
        other.id,
        'format=csv&textColumn=2&authorColumn=1&header=false',
        '@one,first comment\n@two,second comment\n',
      );
      assert.equal(headerless.statusCode, 201, headerless.body);
      assert.equal(headerless.json<ImportResultDto>().imported, 2);
      const missing = await importFile(t, org.admin.cookie, other.id, 'format=csv', 'a,b\n');
      assert.equal(missing.statusCode, 400);
      assert.match(errorOf(missing).message, /textColumn/);
    });

    test('a Telegram Desktop export: messages with text, service messages skipped', async () => {
      const item = await createTestItem(t, org);
      const exported = {
        name: 'Invented group',
        type: 'public_supergroup',
        id: 1,
        messages: [
          {
            id: 1,
            type: 'service',
            date: '2026-02-14T12:00:00',
            actor: 'Admin',
            action: 'pin_message',
            text: '',
          },
          {
            id: 2,
            type: 'message',
            date: '2026-02-14T12:01:00',
            from: 'Asel',
            from_id: 'user1',
            text: 'Любовь — не преступление',
          },
          {
            id: 3,
            type: 'message',
            date: '2026-02-14T12:02:00',
            from: 'Bek',
            from_id: 'user2',
            text: ['Их всех ', { type: 'bold', text: 'надо изолировать' }],
          },
        ],
      };
      const res = await importFile(
        t,
        org.admin.cookie,
        item.id,
        'format=telegram',
        JSON.stringify(exported),
      );
      assert.equal(res.statusCode, 201, res.body);
      const comments = await commentsOf(t, org, `itemId=${item.id}`);
      assert.deepEqual(
        comments.map((c) => [c.author, c.text, c.sourceId]),
        [
          ['Asel', 'Любовь — не преступление', '2'],
          ['Bek', 'Их всех надо изолировать', '3'],
        ],
      );
    });

    test('duplicates across two imports are counted and not stored twice', async () => {
      const item = await createTestItem(t, org);
      const first = await importLines(t, org, item.id, ['one', 'two', 'three']);
      assert.deepEqual([first.imported, first.duplicates], [3, 0]);
      const second = await importLines(t, org, item.id, ['two', 'three', 'four', 'four']);
      assert.deepEqual([second.imported, second.duplicates], [1, 3]);
      const comments = await commentsOf(t, org, `itemId=${item.id}`);
      assert.deepEqual(comments.map((c) => c.text).sort(), ['four', 'one', 'three', 'two']);
      // The same comment under another item is that item's own.
      const elsewhere = await createTestItem(t, org);
      assert.equal((await importLines(t, org, elsewhere.id, ['one'])).imported, 1);
      const got = await call(t, 'GET', `/api/monitoring/items/${item.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(got.json<MonitoredItemDto>().tally.comments, 4);
    });

    test('empty lines and empty files are handled; a huge body is refused before it is read', async () => {
      const item = await createTestItem(t, org);
      const empty = await importFile(t, org.admin.cookie, item.id, 'format=text', '');
      assert.equal(empty.statusCode, 201, empty.body);
      assert.equal(empty.json<ImportResultDto>().imported, 0);
      const blanks = await importFile(
        t,
        org.admin.cookie,
        item.id,
        'format=text',
        '\n \nreal one\n',
      );
      assert.equal(blanks.json<ImportResultDto>().imported, 1);

      const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61);
      const tooLarge = await importFile(t, org.admin.cookie, item.id, 'format=text', big);
      assert.equal(tooLarge.statusCode, 413);
      assert.match(errorOf(tooLarge).message, /qorgan monitor import/);
      const json = await call(t, 'POST', `/api/monitoring/items/${item.id}/imports?format=text`, {
        cookie: org.admin.cookie,
        payload: { text: 'not a file' },
      });
      assert.equal(json.statusCode, 415);
    });

    test('a viewer may not import; another organisation gets 404 and nothing is stored', async () => {
      const item = await createTestItem(t, org);
      const viewer = await addMember(t, org, 'viewer');
      const refused = await importFile(t, viewer.cookie, item.id, 'format=text', 'x\n');
      assert.equal(refused.statusCode, 403);
      const other = await createOrganisation(t, 'Elsewhere');
      const hidden = await importFile(t, other.admin.cookie, item.id, 'format=text', 'x\n');
      assert.equal(hidden.statusCode, 404);
      assert.equal((await commentsOf(t, org, `itemId=${item.id}`)).length, 0);
    });

    test('an interrupted import keeps whole batches only, is marked failed, and a rerun adds the rest', async () => {
      const item = await createTestItem(t, org);
      // Long non-ASCII lines: the importer reads the first 64 KiB, up to a non-ASCII byte,
      // before it decides the encoding.
      const lines = Array.from(
        { length: 25 },
        (_, i) => `придуманный комментарий ${i} ${'длинный '.repeat(500)}\n`,
      );
      const deps = { db: t.database.db, now: t.clock.now };
      const actor = {
        memberId: org.admin.id,
        organisationId: org.id,
        role: 'admin' as const,
        status: 'active' as const,
      };
      // The connection drops after 23 lines: two batches of 10 are stored, the third is not.
      const cut = async function* () {
        for (const [i, line] of lines.entries()) {
          if (i === 23) throw new Error('connection reset');
          yield new TextEncoder().encode(line);
        }
      };
      await assert.rejects(
        importComments({
          deps,
          actor,
          itemId: item.id,
          format: 'text',
          via: 'web',
          batchSize: 10,
          source: cut(),
        }),
        /connection reset/,
      );
      assert.equal((await commentsOf(t, org, `itemId=${item.id}`)).length, 20);
      const listed = await call(t, 'GET', `/api/monitoring/items/${item.id}/imports`, {
        cookie: org.admin.cookie,
      });
      const [failed] = listed.json<{ imports: ImportResultDto[] }>().imports;
      assert.deepEqual([failed?.status, failed?.imported], ['failed', 20]);

      const whole = async function* () {
        for (const line of lines) yield new TextEncoder().encode(line);
      };
      const rerun = await importComments({
        deps,
        actor,
        itemId: item.id,
        format: 'text',
        via: 'web',
        batchSize: 10,
        source: whole(),
      });
      assert.deepEqual([rerun.status, rerun.imported, rerun.duplicates], ['done', 5, 20]);
      assert.equal((await commentsOf(t, org, `itemId=${item.id}`)).length, 25);
    });

    test('the CSV preview shows the encoding, delimiter, header and first rows', async () => {
      const bytes = new Uint8Array([
        // "Автор;Текст\n@a;Привет\n" in cp1251
        0xc0, 0xe2, 0xf2, 0xee, 0xf0, 0x3b, 0xd2, 0xe5, 0xea, 0xf1, 0xf2, 0x0a, 0x40, 0x61, 0x3b,
        0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x0a,
      ]);
      const res = await call(t, 'POST', '/api/monitoring/csv-preview?wholeFile=true', {
        cookie: org.admin.cookie,
        headers: { 'content-type': 'application/octet-stream' },
        payload: Buffer.from(bytes),
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), {
        encoding: 'windows-1251',
        delimiter: ';',
        header: ['Автор', 'Текст'],
        rows: [['@a', 'Привет']],
      });
    });
  });
}
