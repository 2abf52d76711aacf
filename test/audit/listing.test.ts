// GET /api/audit: an admin reads their organisation's log, newest first, filtered by
// action (prefix), actor or object, a page at a time with `before`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { invite } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface AuditPage {
  events: {
    seq: number;
    action: string;
    actorMemberId: string | null;
    objectId: string | null;
    fields: Record<string, unknown>;
  }[];
  nextBefore: number | null;
}

for (const engine of engines()) {
  describe(`audit listing (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    const list = async (cookie: string, query: string) => {
      const res = await call(t, 'GET', `/api/audit${query}`, { cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<AuditPage>();
    };

    test('filters by action prefix, actor and object', async () => {
      const org = await createOrganisation(t);
      const coordinator = await addMember(t, org, 'coordinator');
      const invitations = [await invite(t, org), await invite(t, org)];
      await call(t, 'GET', '/api/members', { cookie: coordinator.cookie });

      const created = await list(org.admin.cookie, '?action=invitation.created');
      // Two from this test and one from addMember, newest first.
      assert.deepEqual(
        created.events.map((e) => e.action),
        ['invitation.created', 'invitation.created', 'invitation.created'],
      );
      assert.deepEqual(
        created.events.slice(0, 2).map((e) => e.objectId),
        [invitations[1]?.id, invitations[0]?.id],
      );

      const prefix = await list(org.admin.cookie, '?action=invitation.');
      assert.ok(
        prefix.events.length >= 4 && prefix.events.every((e) => e.action.startsWith('invitation.')),
        'a prefix matches created and accepted',
      );
      const noWildcards = await list(org.admin.cookie, '?action=invitation%25');
      assert.deepEqual(noWildcards.events, [], 'LIKE wildcards in the filter are literal');

      const byCoordinator = await list(org.admin.cookie, `?actor=${coordinator.id}`);
      assert.ok(byCoordinator.events.length > 0);
      assert.ok(byCoordinator.events.every((e) => e.actorMemberId === coordinator.id));
      assert.ok(byCoordinator.events.some((e) => e.action === 'members.read'));

      const byObject = await list(org.admin.cookie, `?object=${invitations[0]?.id ?? ''}`);
      assert.deepEqual(
        byObject.events.map((e) => e.action),
        ['invitation.created'],
      );
    });

    test('pages with `before` cover the whole log exactly once', async () => {
      const org = await createOrganisation(t);
      for (let i = 0; i < 6; i += 1) await invite(t, org);
      const all = await list(org.admin.cookie, '?limit=200');
      assert.equal(all.nextBefore, null);
      const seen: number[] = [];
      let before: number | null = null;
      let pages = 0;
      do {
        const page: AuditPage = await list(
          org.admin.cookie,
          `?limit=3${before === null ? '' : `&before=${before}`}`,
        );
        assert.ok(page.events.length <= 3);
        seen.push(...page.events.map((e) => e.seq));
        before = page.nextBefore;
        pages += 1;
      } while (before !== null && pages < 20);
      assert.deepEqual(
        seen,
        all.events.map((e) => e.seq),
      );
      assert.deepEqual(
        [...seen].sort((a, b) => b - a),
        seen,
        'newest first',
      );
      assert.ok(pages >= 3);
    });

    test('time range filters use from (inclusive) and to (exclusive)', async () => {
      const org = await createOrganisation(t);
      const rows = await t.database.db
        .selectFrom('audit_events')
        .select(['seq', 'at'])
        .where('organisation_id', '=', org.id)
        .orderBy('seq')
        .execute();
      const first = rows[0];
      assert.ok(first);
      const from = await list(
        org.admin.cookie,
        `?from=${encodeURIComponent(first.at.toISOString())}&limit=200`,
      );
      assert.equal(from.events.length, rows.length);
      const to = await list(
        org.admin.cookie,
        `?to=${encodeURIComponent(first.at.toISOString())}&limit=200`,
      );
      assert.deepEqual(to.events, []);
    });
  });
}
