// Cases on both engines: creation as a browser does it (the creator assigned, the key
// stored only sealed), edits with edit conflicts, history and restore, the status
// workflow with outcomes, lists with filters and keyset pages, assignment with
// notifications, links to records of the same organisation only, and deletion with
// crypto-erasure.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { CaseSummaryDto } from '../../src/common/api/cases.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  addTestTask,
  createTestCase,
  createTestIncident,
  createTestPerson,
  getCaseDetail,
  open,
  openKey,
  recordTestConsent,
  recordTestContact,
  seal,
  signInAgain,
} from '../helpers/cases.ts';

for (const engine of engines()) {
  describe(`cases: workflow (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('a case worker opens a case: assigned, key sealed to the organisation, title opens in the browser', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const person = await createTestPerson(t, org);
      const kase = await createTestCase(t, org, worker, {
        title: 'Free Arman',
        centralPersonId: person.id,
        contactAlertDays: 3,
      });
      assert.match(kase.reference, /^C-[0-9A-Z]{6}$/);
      const detail = await getCaseDetail(t, worker, kase.id);
      assert.equal(detail.case.status, 'open');
      assert.deepEqual(detail.case.assignedMemberIds, [worker.id]);
      assert.equal(detail.case.centralPersonId, person.id);
      assert.deepEqual(
        detail.people.map((p) => p.id),
        [person.id],
        'the central person is linked',
      );
      assert.equal(detail.case.effectiveContactAlertDays, 3);
      const key = openKey(detail.case.sealedRecordKey, org.orgKeyPair);
      assert.deepEqual(key, kase.recordKey);
      assert.equal(
        open(key, 'cases', 'sealed_title', kase.id, detail.case.sealedTitle ?? ''),
        'Free Arman',
      );
      assert.equal(
        open(key, 'cases', 'sealed_goal', kase.id, detail.sealedGoal ?? ''),
        'A is safe',
      );
      const row = await t.database.db
        .selectFrom('record_keys')
        .selectAll()
        .where('record_id', '=', kase.id)
        .execute();
      assert.equal(row.length, 1);
      assert.equal(row[0]?.record_type, 'case');
      assert.equal(row[0]?.referral_id, null);
    });

    test('an edit made on an old version is a 409 edit_conflict and writes nothing', async () => {
      const org = await createOrganisation(t);
      const a = await addMember(t, org, 'case_worker');
      const b = await addMember(t, org, 'lawyer');
      const kase = await createTestCase(t, org, a);
      const first = await call(t, 'PATCH', `/api/cases/${kase.id}`, {
        cookie: a.cookie,
        payload: {
          expectedVersion: 1,
          sealedTitle: seal(kase.recordKey, 'cases', 'sealed_title', kase.id, 'by A'),
        },
      });
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json<{ version: number }>().version, 2);
      const second = await call(t, 'PATCH', `/api/cases/${kase.id}`, {
        cookie: b.cookie,
        payload: {
          expectedVersion: 1,
          sealedTitle: seal(kase.recordKey, 'cases', 'sealed_title', kase.id, 'by B'),
        },
      });
      assert.equal(second.statusCode, 409);
      assert.equal(errorOf(second).code, 'edit_conflict');
      const detail = await getCaseDetail(t, a, kase.id);
      assert.equal(detail.case.version, 2);
      assert.equal(
        open(kase.recordKey, 'cases', 'sealed_title', kase.id, detail.case.sealedTitle ?? ''),
        'by A',
      );
      const stale = await call(t, 'POST', `/api/cases/${kase.id}/status`, {
        cookie: b.cookie,
        payload: { expectedVersion: 1, status: 'active' },
      });
      assert.equal(stale.statusCode, 409, 'a status change on an old version conflicts too');
    });

    test('history lists every version with changed fields; restoring writes the old snapshot as a new version', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, worker, { title: 'first title' });
      const edit = await call(t, 'PATCH', `/api/cases/${kase.id}`, {
        cookie: worker.cookie,
        payload: {
          expectedVersion: 1,
          sealedTitle: seal(kase.recordKey, 'cases', 'sealed_title', kase.id, 'second title'),
          contactAlertDays: 10,
        },
      });
      assert.equal(edit.statusCode, 200, edit.body);
      const history = await call(t, 'GET', `/api/cases/${kase.id}/versions`, {
        cookie: worker.cookie,
      });
      assert.equal(history.statusCode, 200, history.body);
      const versions = history.json<{
        versions: {
          version: number;
          changeKind: string;
          changedFields: string[];
          snapshot: Record<string, unknown>;
        }[];
      }>().versions;
      assert.deepEqual(
        versions.map((v) => [v.version, v.changeKind]),
        [
          [2, 'update'],
          [1, 'create'],
        ],
      );
      assert.deepEqual(versions[0]?.changedFields.sort(), ['contact_alert_days', 'sealed_title']);
      const oldTitle = versions[1]?.snapshot.sealed_title;
      assert.equal(typeof oldTitle, 'string');
      assert.equal(
        open(kase.recordKey, 'cases', 'sealed_title', kase.id, String(oldTitle)),
        'first title',
        'the browser opens an old sealed value with the case key',
      );
      const conflict = await call(t, 'POST', `/api/cases/${kase.id}/versions/1/restore`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 1 },
      });
      assert.equal(conflict.statusCode, 409);
      const restored = await call(t, 'POST', `/api/cases/${kase.id}/versions/1/restore`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 2 },
      });
      assert.equal(restored.statusCode, 200, restored.body);
      assert.equal(restored.json<{ version: number }>().version, 3);
      const detail = await getCaseDetail(t, worker, kase.id);
      assert.equal(
        open(kase.recordKey, 'cases', 'sealed_title', kase.id, detail.case.sealedTitle ?? ''),
        'first title',
      );
      assert.equal(detail.case.contactAlertDays, null);
      const missing = await call(t, 'POST', `/api/cases/${kase.id}/versions/9/restore`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 3 },
      });
      assert.equal(missing.statusCode, 404);
    });

    test('closing needs an outcome; reopening clears it', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, worker);
      const noOutcome = await call(t, 'POST', `/api/cases/${kase.id}/status`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 1, status: 'closed' },
      });
      assert.equal(noOutcome.statusCode, 400);
      const outcomeWhileOpen = await call(t, 'POST', `/api/cases/${kase.id}/status`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 1, status: 'active', outcome: 'person_safe' },
      });
      assert.equal(outcomeWhileOpen.statusCode, 400);
      const closed = await call(t, 'POST', `/api/cases/${kase.id}/status`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 1, status: 'closed', outcome: 'person_safe' },
      });
      assert.equal(closed.statusCode, 200, closed.body);
      let detail = await getCaseDetail(t, worker, kase.id);
      assert.equal(detail.case.status, 'closed');
      assert.equal(detail.case.outcome, 'person_safe');
      assert.ok(detail.case.closedAt);
      assert.equal(detail.case.contactOverdue, false);
      const reopened = await call(t, 'POST', `/api/cases/${kase.id}/status`, {
        cookie: worker.cookie,
        payload: { expectedVersion: 2, status: 'urgent' },
      });
      assert.equal(reopened.statusCode, 200, reopened.body);
      detail = await getCaseDetail(t, worker, kase.id);
      assert.equal(detail.case.status, 'urgent');
      assert.equal(detail.case.outcome, null);
      assert.equal(detail.case.closedAt, null);
    });

    test('lists filter by status, assignment, restriction and overdue contact, and page by keyset', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const other = await addMember(t, org, 'case_worker');
      const made = [];
      for (let i = 0; i < 5; i += 1) {
        made.push(await createTestCase(t, org, worker, { contactAlertDays: 30 }));
        t.clock.advance(1000);
      }
      const theirs = await createTestCase(t, org, other, { status: 'urgent' });
      const restricted = await createTestCase(t, org, worker, { restricted: true });
      const list = async (query: string, who = worker) => {
        const res = await call(t, 'GET', `/api/cases?${query}`, { cookie: who.cookie });
        assert.equal(res.statusCode, 200, res.body);
        return res.json<{ cases: CaseSummaryDto[]; next: string | null }>();
      };
      assert.equal((await list('')).cases.length, 7);
      assert.deepEqual(
        (await list('status=urgent')).cases.map((c) => c.id),
        [theirs.id],
      );
      assert.equal((await list('assigned=me')).cases.length, 6);
      assert.deepEqual(
        (await list('restricted=true')).cases.map((c) => c.id),
        [restricted.id],
      );
      const pages: string[] = [];
      let after: string | null = null;
      do {
        const page: { cases: CaseSummaryDto[]; next: string | null } = await list(
          `sort=created&order=asc&limit=2${after ? `&after=${after}` : ''}`,
        );
        pages.push(...page.cases.map((c) => c.id));
        after = page.next;
      } while (after);
      assert.equal(pages.length, 7);
      assert.equal(new Set(pages).size, 7, 'no case twice across pages');
      assert.deepEqual(
        pages.slice(0, 5),
        made.map((m) => m.id),
        'oldest first',
      );
      const bad = await call(t, 'GET', '/api/cases?after=bm9wZQ', { cookie: worker.cookie });
      assert.equal(bad.statusCode, 400);
      assert.equal(errorOf(bad).code, 'invalid_cursor');

      t.clock.advance(8 * 86_400_000);
      await signInAgain(t, worker, other);
      const overdue = (await list('overdue=true')).cases.map((c) => c.id);
      assert.ok(overdue.includes(theirs.id), 'default 7 days passed');
      assert.ok(!overdue.includes(made[0]?.id ?? ''), 'its own 30 days did not');
      await recordTestContact(t, other, theirs, t.clock.now());
      assert.ok(!(await list('overdue=true')).cases.some((c) => c.id === theirs.id));
    });

    test('assignment: only active members whose role reads cases; the assignee is notified', async () => {
      const org = await createOrganisation(t);
      const coordinator = await addMember(t, org, 'coordinator');
      const viewer = await addMember(t, org, 'viewer');
      const monitor = await addMember(t, org, 'monitor');
      const elsewhere = await createOrganisation(t);
      const kase = await createTestCase(t, org, coordinator);
      for (const memberId of [monitor.id, elsewhere.admin.id, randomUUID()]) {
        const res = await call(t, 'PUT', `/api/cases/${kase.id}/members/${memberId}`, {
          cookie: coordinator.cookie,
          payload: {},
        });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(errorOf(res).code, 'invalid_assignee');
      }
      const ok = await call(t, 'PUT', `/api/cases/${kase.id}/members/${viewer.id}`, {
        cookie: coordinator.cookie,
        payload: {},
      });
      assert.equal(ok.statusCode, 204, ok.body);
      const again = await call(t, 'PUT', `/api/cases/${kase.id}/members/${viewer.id}`, {
        cookie: coordinator.cookie,
        payload: {},
      });
      assert.equal(again.statusCode, 204);
      const notes = await call(t, 'GET', '/api/notifications', { cookie: viewer.cookie });
      assert.equal(notes.statusCode, 200, notes.body);
      const list = notes.json<{
        notifications: { kind: string; caseId: string | null; caseReference: string | null }[];
      }>().notifications;
      assert.deepEqual(
        list.map((n) => [n.kind, n.caseId, n.caseReference]),
        [['case_assigned', kase.id, kase.reference]],
        'one notification, naming the case by reference',
      );
      const detail = await getCaseDetail(t, coordinator, kase.id);
      assert.deepEqual(detail.case.assignedMemberIds.sort(), [coordinator.id, viewer.id].sort());
      const off = await call(t, 'DELETE', `/api/cases/${kase.id}/members/${viewer.id}`, {
        cookie: coordinator.cookie,
      });
      assert.equal(off.statusCode, 204);
      assert.deepEqual((await getCaseDetail(t, coordinator, kase.id)).case.assignedMemberIds, [
        coordinator.id,
      ]);
    });

    test('links: records of the same organisation only; a report must be accepted', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, worker);
      const incident = await createTestIncident(t, org);
      const foreign = await createTestIncident(t, other);
      const fresh = await createTestReport(t, org);
      const accepted = await createTestReport(t, org, { status: 'accepted' });
      const put = (path: string) =>
        call(t, 'PUT', `/api/cases/${kase.id}/${path}`, { cookie: worker.cookie, payload: {} });
      assert.equal((await put(`incidents/${incident.id}`)).statusCode, 204);
      assert.equal((await put(`incidents/${foreign.id}`)).statusCode, 404);
      assert.equal((await put(`incidents/${randomUUID()}`)).statusCode, 404);
      const notAccepted = await put(`reports/${fresh.reportId}`);
      assert.equal(notAccepted.statusCode, 400);
      assert.equal(errorOf(notAccepted).code, 'report_not_accepted');
      assert.equal((await put(`reports/${accepted.reportId}`)).statusCode, 204);
      const detail = await getCaseDetail(t, worker, kase.id);
      assert.deepEqual(
        detail.incidents.map((i) => i.id),
        [incident.id],
      );
      assert.deepEqual(
        detail.reports.map((r) => r.id),
        [accepted.reportId],
      );
      assert.deepEqual(
        openKey(detail.incidents[0]?.sealedRecordKey ?? '', org.orgKeyPair),
        incident.recordKey,
      );
      const unlink = await call(t, 'DELETE', `/api/cases/${kase.id}/incidents/${incident.id}`, {
        cookie: worker.cookie,
      });
      assert.equal(unlink.statusCode, 204);
      assert.equal((await getCaseDetail(t, worker, kase.id)).incidents.length, 0);
    });

    test('deleting a case (admin) destroys its key and history; tasks, contacts and consents go too; the incident stays', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, worker);
      const incident = await createTestIncident(t, org);
      await call(t, 'PUT', `/api/cases/${kase.id}/incidents/${incident.id}`, {
        cookie: worker.cookie,
        payload: {},
      });
      const task = await addTestTask(t, worker, kase);
      await recordTestContact(t, worker, kase, t.clock.now());
      await recordTestConsent(t, worker, kase, ['case']);
      const refused = await call(t, 'DELETE', `/api/cases/${kase.id}`, { cookie: worker.cookie });
      assert.equal(refused.statusCode, 403);
      const gone = await call(t, 'DELETE', `/api/cases/${kase.id}`, { cookie: org.admin.cookie });
      assert.equal(gone.statusCode, 204, gone.body);
      const db = t.database.db;
      const count = async (
        table: 'cases' | 'tasks' | 'case_contacts' | 'consents',
        column: 'id' | 'case_id',
      ) => (await db.selectFrom(table).select('id').where(column, '=', kase.id).execute()).length;
      assert.equal(await count('cases', 'id'), 0);
      assert.equal(await count('tasks', 'case_id'), 0);
      assert.equal(await count('case_contacts', 'case_id'), 0);
      assert.equal(await count('consents', 'case_id'), 0);
      const keys = await db
        .selectFrom('record_keys')
        .select('record_id')
        .where('record_id', '=', kase.id)
        .execute();
      assert.equal(keys.length, 0, 'every copy of the case key is destroyed');
      const history = await db
        .selectFrom('record_versions')
        .select('id')
        .where('record_id', 'in', [kase.id, task.id])
        .execute();
      assert.equal(history.length, 0, 'the history of the case and its tasks is gone');
      const incidentStill = await db
        .selectFrom('incidents')
        .select('id')
        .where('id', '=', incident.id)
        .execute();
      assert.equal(incidentStill.length, 1);
      const audit = await db
        .selectFrom('audit_events')
        .select(['action', 'fields'])
        .where('object_id', '=', kase.id)
        .where('action', '=', 'case.deleted')
        .execute();
      assert.equal(audit.length, 1, 'the deletion is in the audit log');
      assert.equal(
        (await call(t, 'GET', `/api/cases/${kase.id}`, { cookie: org.admin.cookie })).statusCode,
        404,
      );
    });
  });
}
