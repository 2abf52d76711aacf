// The review queue and reviews: the most uncertain machine labels come first (active
// learning), a review confirms or corrects the label and leaves the queue, reviewing again
// replaces the confirmed label while the history keeps both, and only members whose role
// reviews may do it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommentDetailDto, CommentDto } from '../../src/common/api/monitoring.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf } from '../helpers/http.ts';
import {
  commentsOf,
  createTestCampaign,
  createTestItem,
  importLines,
  reviewAs,
} from '../helpers/monitoring.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** Invented comments whose machine scores spread from sure to unsure. */
const COMMENTS = [
  'Пидоры, валите из нашего города',
  'Хорошо снято, свет красивый',
  'Таких надо лечить, а не показывать',
  'Какая музыка играет на фоне?',
  'Burn them all',
  'Cute couple, leave them alone',
  'Бұл адам емес, хайуан',
  'Опять комментаторы проснулись',
  'Они просто идут по улице. Кому они мешают?',
  'Gays are mentally ill, period',
];

const uncertainty = (c: CommentDto) => Math.abs(c.machine.score - 0.5);

for (const engine of engines()) {
  describe(`monitoring review queue (${engine.engine})`, { skip: engine.skip }, () => {
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

    const queue = async (query: string, cookie = org.admin.cookie) => {
      const res = await call(t, 'GET', `/api/monitoring/review-queue?${query}`, { cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ comments: CommentDto[]; remaining: number }>();
    };

    test('the queue gives the most uncertain unreviewed comments first; reviewed ones leave it', async () => {
      const item = await createTestItem(t, org);
      await importLines(t, org, item.id, COMMENTS);
      const all = await commentsOf(t, org, `itemId=${item.id}`);
      const expected = [...all].sort(
        (a, b) => uncertainty(a) - uncertainty(b) || (a.id < b.id ? -1 : 1),
      );
      assert.ok(
        new Set(all.map((c) => c.machine.score.toFixed(3))).size > 3,
        'the scores differ, so the order means something',
      );
      const first = await queue(`itemId=${item.id}&limit=4`);
      assert.equal(first.remaining, COMMENTS.length);
      assert.deepEqual(
        first.comments.map((c) => c.id),
        expected.slice(0, 4).map((c) => c.id),
      );
      const top = first.comments[0];
      assert.ok(top);
      await reviewAs(t, org.admin, top.id, { hateful: !top.machine.hateful });
      const next = await queue(`itemId=${item.id}&limit=4`);
      assert.equal(next.remaining, COMMENTS.length - 1);
      assert.deepEqual(
        next.comments.map((c) => c.id),
        expected.slice(1, 5).map((c) => c.id),
      );
    });

    test('a campaign’s queue spans its items', async () => {
      const campaign = await createTestCampaign(t, org);
      const a = await createTestItem(t, org, { campaignId: campaign.id });
      const b = await createTestItem(t, org, { campaignId: campaign.id });
      await importLines(t, org, a.id, COMMENTS.slice(0, 5));
      await importLines(t, org, b.id, COMMENTS.slice(5));
      const all = await queue(`campaignId=${campaign.id}&limit=200`);
      assert.equal(all.remaining, COMMENTS.length);
      assert.deepEqual(new Set(all.comments.map((c) => c.itemId)), new Set([a.id, b.id]));
      const scores = all.comments.map(uncertainty);
      assert.deepEqual(
        scores,
        [...scores].sort((x, y) => x - y),
      );
    });

    test('confirm and correct: the latest review is the confirmed label, the history keeps all', async () => {
      const monitor = await addMember(t, org, 'monitor');
      const item = await createTestItem(t, org);
      await importLines(t, org, item.id, ['Burn them all']);
      const [comment] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.ok(comment);
      const head = await auditHead(t);
      const confirmed = await reviewAs(t, monitor, comment.id, {
        hateful: comment.machine.hateful,
        categories: comment.machine.categories,
      });
      assert.deepEqual(confirmed.confirmed?.hateful, comment.machine.hateful);
      assert.equal(confirmed.confirmed?.reviewedBy, monitor.id);
      t.clock.advance(60_000);
      const corrected = await reviewAs(t, org.admin, comment.id, {
        hateful: true,
        categories: ['threat', 'insult'],
      });
      assert.deepEqual(corrected.confirmed?.categories, ['insult', 'threat']);
      assert.equal(corrected.confirmed?.reviewedBy, org.admin.id);
      assert.deepEqual(corrected.machine, comment.machine, 'the machine label stays as it was');

      const detail = await call(t, 'GET', `/api/monitoring/comments/${comment.id}`, {
        cookie: org.admin.cookie,
      });
      const reviews = detail.json<CommentDetailDto>().reviews;
      assert.deepEqual(
        reviews.map((r) => [r.reviewerId, r.agreed]),
        [
          [monitor.id, true],
          [org.admin.id, false],
        ],
      );
      assert.deepEqual(await actionsSince(t, org.id, head), [
        'monitoring.comment_reviewed',
        'monitoring.comment_reviewed',
      ]);
    });

    test('a review must be consistent; viewers and case workers may not review', async () => {
      const item = await createTestItem(t, org);
      await importLines(t, org, item.id, ['Какая музыка играет на фоне?']);
      const [comment] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.ok(comment);
      const url = `/api/monitoring/comments/${comment.id}/reviews`;
      const bad = await call(t, 'POST', url, {
        cookie: org.admin.cookie,
        payload: { hateful: false, categories: ['insult'] },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(errorOf(bad).message, /not hateful has no categories/);
      for (const role of ['viewer', 'case_worker'] as const) {
        const member = await addMember(t, org, role);
        const res = await call(t, 'POST', url, {
          cookie: member.cookie,
          payload: { hateful: false },
        });
        assert.equal(res.statusCode, 403, role);
        const q = await call(t, 'GET', `/api/monitoring/review-queue?itemId=${item.id}`, {
          cookie: member.cookie,
        });
        assert.equal(q.statusCode, 403, role);
      }
      const other = await createOrganisation(t, 'Elsewhere');
      const hidden = await call(t, 'POST', url, {
        cookie: other.admin.cookie,
        payload: { hateful: false },
      });
      assert.equal(hidden.statusCode, 404);
      const [after] = await commentsOf(t, org, `itemId=${item.id}`);
      assert.equal(after?.confirmed, null, 'nobody refused changed the label');
    });
  });
}
