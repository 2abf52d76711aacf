// Counts and CSV exports: per item and per campaign, by category, language and day, with
// machine-flagged and human-confirmed always apart (only a review confirms), and CSV files
// a spreadsheet opens safely: a cell that starts like a formula is prefixed with a quote.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { CommentDto, CountsDto } from '../../src/common/api/monitoring.ts';
import { csvCell } from '../../src/server/modules/monitoring/csv-writer.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import {
  commentsOf,
  createTestCampaign,
  createTestItem,
  importFile,
  reviewAs,
} from '../helpers/monitoring.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const jsonl = (rows: { text: string; date?: string; author?: string }[]) =>
  rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('csv cells', () => {
  test('formula-like text is prefixed with a quote; separators and quotes are escaped', () => {
    assert.equal(csvCell('=HYPERLINK("http://x","y")'), `"'=HYPERLINK(""http://x"",""y"")"`);
    assert.equal(csvCell('+7 701 000 00 00'), "'+7 701 000 00 00");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@someone'), "'@someone");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell('a, b'), '"a, b"');
    assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
    assert.equal(csvCell(-0.5), '-0.5', 'numbers are numbers, not text');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(true), 'true');
  });
});

for (const engine of engines()) {
  describe(`monitoring counts and exports (${engine.engine})`, { skip: engine.skip }, () => {
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

    const get = (url: string) => call(t, 'GET', url, { cookie: org.admin.cookie });
    const counts = async (query: string) => {
      const res = await get(`/api/monitoring/counts?${query}`);
      assert.equal(res.statusCode, 200, res.body);
      return res.json<CountsDto>();
    };

    test('machine-flagged and confirmed are separate; only reviews confirm', async () => {
      const campaign = await createTestCampaign(t, org);
      const a = await createTestItem(t, org, { campaignId: campaign.id });
      const b = await createTestItem(t, org, { campaignId: campaign.id });
      await importFile(
        t,
        org.admin.cookie,
        a.id,
        'format=jsonl',
        jsonl([
          { text: 'Пидоры, валите из нашего города', date: '2026-02-14T10:00:00Z' },
          { text: 'Хорошо снято, свет красивый', date: '2026-02-14T11:00:00Z' },
          { text: 'Burn them all', date: '2026-02-15T09:00:00Z' },
        ]),
      );
      await importFile(
        t,
        org.admin.cookie,
        b.id,
        'format=jsonl',
        jsonl([
          { text: 'Бұл адам емес, хайуан', date: '2026-02-15T12:00:00Z' },
          { text: 'undated' },
        ]),
      );
      const comments = [
        ...(await commentsOf(t, org, `itemId=${a.id}`)),
        ...(await commentsOf(t, org, `itemId=${b.id}`)),
      ];
      const byText = (text: string) => comments.find((c) => c.text === text) as CommentDto;
      const flagged = comments.filter((c) => c.machine.hateful);
      const before = await counts(`campaignId=${campaign.id}`);
      assert.deepEqual(before.totals, {
        comments: 5,
        machineFlagged: flagged.length,
        reviewed: 0,
        confirmedHateful: 0,
      });
      assert.ok(
        before.byCategory.every((c) => c.confirmed === 0),
        'nothing confirmed yet',
      );
      const machineSlurs = flagged.filter((c) => c.machine.categories.includes('slur')).length;
      assert.equal(
        before.byCategory.find((c) => c.category === 'slur')?.machineFlagged,
        machineSlurs,
      );

      // The reviewer confirms the slur, corrects the threat's categories, and says the
      // Kazakh comment is hateful too, whatever the machine said.
      await reviewAs(t, org.admin, byText('Пидоры, валите из нашего города').id, {
        hateful: true,
        categories: ['slur', 'insult'],
      });
      await reviewAs(t, org.admin, byText('Burn them all').id, {
        hateful: true,
        categories: ['threat'],
      });
      await reviewAs(t, org.admin, byText('Бұл адам емес, хайуан').id, {
        hateful: true,
        categories: ['dehumanisation'],
      });
      await reviewAs(t, org.admin, byText('Хорошо снято, свет красивый').id, { hateful: false });

      const after = await counts(`campaignId=${campaign.id}`);
      assert.deepEqual(after.totals, {
        comments: 5,
        machineFlagged: flagged.length,
        reviewed: 4,
        confirmedHateful: 3,
      });
      assert.deepEqual(
        after.byCategory.map((c) => [c.category, c.confirmed]),
        [
          ['insult', 1],
          ['dehumanisation', 1],
          ['threat', 1],
          ['slur', 1],
          ['derogation', 0],
        ],
      );
      assert.deepEqual(
        after.byCategory.map((c) => c.machineFlagged),
        before.byCategory.map((c) => c.machineFlagged),
        'reviews never change the machine figures',
      );
      assert.deepEqual(
        after.byDay.map((d) => [d.day, d.comments, d.confirmedHateful]),
        [
          ['2026-02-14', 2, 1],
          ['2026-02-15', 2, 2],
          [null, 1, 0],
        ],
      );
      const languages = new Map(after.byLanguage.map((l) => [l.language, l]));
      assert.equal(languages.get('ru')?.comments, 2);
      assert.equal(languages.get('ru')?.confirmedHateful, 1);
      assert.equal(languages.get('kk-cyrl')?.confirmedHateful, 1);
      assert.equal(languages.get('en')?.confirmedHateful, 1);
      assert.deepEqual(
        after.byItem.map((i) => [i.itemId, i.comments, i.confirmedHateful]).sort(),
        [
          [a.id, 3, 2],
          [b.id, 2, 1],
        ].sort(),
      );
      const itemCounts = await counts(`itemId=${b.id}`);
      assert.deepEqual(itemCounts.totals.comments, 2);
      assert.equal(itemCounts.campaignId, null);
    });

    test('comment filters: machine label, confirmed label, category, language, unreviewed; pages', async () => {
      const item = await createTestItem(t, org);
      const texts = Array.from({ length: 7 }, (_, i) => `Neutral invented comment number ${i}`);
      await importFile(
        t,
        org.admin.cookie,
        item.id,
        'format=text',
        ['Burn them all', ...texts].join('\n'),
      );
      const all = await commentsOf(t, org, `itemId=${item.id}`);
      const threat = all.find((c) => c.text === 'Burn them all') as CommentDto;
      await reviewAs(t, org.admin, threat.id, { hateful: true, categories: ['threat'] });
      const ids = async (query: string) =>
        (await commentsOf(t, org, `itemId=${item.id}&${query}`)).map((c) => c.id);
      assert.deepEqual(await ids('confirmed=hateful'), [threat.id]);
      assert.deepEqual(await ids('confirmedCategory=threat'), [threat.id]);
      assert.equal((await ids('confirmed=unreviewed')).length, 7);
      assert.deepEqual(
        await ids('machine=hateful'),
        all.filter((c) => c.machine.hateful).map((c) => c.id),
      );
      assert.deepEqual(
        await ids('language=en'),
        all.filter((c) => c.language === 'en').map((c) => c.id),
      );

      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          `/api/monitoring/comments?itemId=${item.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = res.json<{ comments: CommentDto[]; next: string | null }>();
        assert.ok(page.comments.length <= 3);
        paged.push(...page.comments.map((c) => c.id));
        cursor = page.next;
      } while (cursor);
      assert.deepEqual(
        paged,
        all.map((c) => c.id),
      );
      const bad = await get(`/api/monitoring/comments?itemId=${item.id}&cursor=bm9wZQ`);
      assert.equal(bad.statusCode, 400);
      const both = await get(`/api/monitoring/comments?itemId=${item.id}&campaignId=${item.id}`);
      assert.equal(both.statusCode, 400);
    });

    test('the comments CSV carries both labels and defuses formulas', async () => {
      const item = await createTestItem(t, org);
      const hostile = '=HYPERLINK("https://example.invalid/x","click")';
      await importFile(
        t,
        org.admin.cookie,
        item.id,
        'format=jsonl',
        jsonl([
          { text: hostile, author: '@attacker', date: '2026-02-14T10:00:00Z' },
          { text: 'Burn them all, "now"', author: '+77010000000', date: '2026-02-14T11:00:00Z' },
        ]),
      );
      const [first, second] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.ok(first && second);
      await reviewAs(t, org.admin, second.id, { hateful: true, categories: ['threat'] });
      const res = await get(`/api/monitoring/exports/comments.csv?itemId=${item.id}`);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /^text\/csv/);
      assert.match(
        String(res.headers['content-disposition']),
        /attachment; filename="comments-item-/,
      );
      assert.ok(res.body.startsWith('\uFEFF'), 'a byte order mark for spreadsheets');
      const rows = parse(res.body.slice(1), { columns: true }) as Record<string, string>[];
      assert.equal(rows.length, 2);
      assert.equal(rows[0]?.text, `'${hostile}`);
      assert.equal(rows[0]?.author, "'@attacker");
      assert.equal(rows[0]?.confirmed_hateful, '');
      assert.equal(rows[1]?.text, 'Burn them all, "now"');
      assert.equal(rows[1]?.author, "'+77010000000");
      assert.equal(rows[1]?.machine_hateful, String(second.machine.hateful));
      assert.equal(rows[1]?.confirmed_hateful, 'true');
      assert.equal(rows[1]?.confirmed_categories, 'threat');
      assert.equal(rows[1]?.sha256, second.sha256);
      const filtered = await get(
        `/api/monitoring/exports/comments.csv?itemId=${item.id}&confirmed=hateful`,
      );
      assert.equal((parse(filtered.body.slice(1), { columns: true }) as unknown[]).length, 1);
    });

    test('the counts CSV has one row per figure, machine and confirmed apart', async () => {
      const item = await createTestItem(t, org);
      await importFile(
        t,
        org.admin.cookie,
        item.id,
        'format=jsonl',
        jsonl([{ text: 'Burn them all', date: '2026-02-16T10:00:00Z' }]),
      );
      const [comment] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.ok(comment);
      await reviewAs(t, org.admin, comment.id, { hateful: true, categories: ['threat'] });
      const res = await get(`/api/monitoring/exports/counts.csv?itemId=${item.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const rows = parse(res.body.slice(1), { columns: true }) as Record<string, string>[];
      const row = (dimension: string, value: string) =>
        rows.find((r) => r.dimension === dimension && r.value === value);
      assert.deepEqual(row('total', ''), {
        dimension: 'total',
        value: '',
        comments: '1',
        machine_flagged: comment.machine.hateful ? '1' : '0',
        reviewed: '1',
        confirmed_hateful: '1',
      });
      assert.equal(row('category', 'threat')?.confirmed_hateful, '1');
      assert.equal(row('category', 'slur')?.confirmed_hateful, '0');
      assert.equal(row('day', '2026-02-16')?.comments, '1');
      assert.equal(row('language', 'en')?.confirmed_hateful, '1');
      assert.equal(row('item', item.id)?.reviewed, '1');
    });
  });
}
