// Who may touch a report. Another organisation's report answers exactly like a missing one
// (404, so an id is never confirmed); monitors and viewers may not open the inbox; a lawyer
// reads but may not triage; a pending member may do nothing. Refusals change and record
// nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HTTPMethods } from 'fastify';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import { sealTo } from '../../src/common/crypto/envelope.ts';
import { acceptInvitation, invite } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import {
  addMember,
  createOrganisation,
  type TestMember,
  type TestOrganisation,
} from '../helpers/factories.ts';
import { call, countAuditEvents, unknownId } from '../helpers/http.ts';
import { createTestReport, type TestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

interface Attempt {
  name: string;
  method: HTTPMethods;
  url: string;
  payload?: unknown;
  triage: boolean;
}

for (const engine of engines()) {
  describe(`authorisation of reports (${engine.engine})`, { skip: engine.skip }, () => {
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

    /** Every report route, aimed at `report` (an id, possibly of another organisation). */
    const attempts = (
      org: TestOrganisation,
      report: TestReport,
      assignee: string,
      reportId = report.reportId,
      fileId = report.fileIds[0] ?? unknownId(),
    ): Attempt[] => [
      { name: 'open', method: 'GET', url: `/api/reports/${reportId}`, triage: false },
      {
        name: 'download',
        method: 'GET',
        url: `/api/reports/${reportId}/files/${fileId}`,
        triage: false,
      },
      {
        name: 'status',
        method: 'POST',
        url: `/api/reports/${reportId}/status`,
        payload: { status: 'spam' },
        triage: true,
      },
      {
        name: 'assign',
        method: 'POST',
        url: `/api/reports/${reportId}/assignment`,
        payload: { memberId: assignee },
        triage: true,
      },
      {
        name: 'reply',
        method: 'POST',
        url: `/api/reports/${reportId}/messages`,
        payload: {
          sealedForOrg: toB64(sealTo(org.orgKeyPair.publicKey, 'hi')),
          sealedForReporter: toB64(sealTo(report.reporterKeyPair.publicKey, 'hi')),
        },
        triage: true,
      },
    ];

    const send = (actor: TestMember, a: Attempt) =>
      call(t, a.method, a.url, { cookie: actor.cookie, payload: a.payload });

    const snapshot = (reportId: string) =>
      Promise.all([
        t.database.db
          .selectFrom('reports')
          .select(['status', 'assigned_member_id', 'duplicate_of', 'updated_at'])
          .where('id', '=', reportId)
          .executeTakeFirstOrThrow(),
        t.database.db
          .selectFrom('report_messages')
          .select('id')
          .where('report_id', '=', reportId)
          .execute(),
      ]);

    const withFile = (org: TestOrganisation) =>
      createTestReport(t, org, {
        files: [{ name: 'f.txt', type: 'text/plain', bytes: new TextEncoder().encode('file') }],
      });

    test('another organisation’s report is not found, exactly like a report that does not exist', async () => {
      const org = await createOrganisation(t, 'Home');
      const outsider = await createOrganisation(t, 'Elsewhere');
      const report = await withFile(org);
      const before = await snapshot(report.reportId);
      const events = await countAuditEvents(t);

      const theirs = attempts(org, report, outsider.admin.id);
      const nobodys = attempts(org, report, outsider.admin.id, unknownId());
      for (const [i, a] of theirs.entries()) {
        const res = await send(outsider.admin, a);
        assert.equal(res.statusCode, 404, `${a.name}: ${res.body}`);
        const missing = await send(outsider.admin, nobodys[i] as Attempt);
        assert.equal(missing.statusCode, 404);
        assert.deepEqual(res.json(), missing.json(), `${a.name}: the same answer as for no report`);
      }
      // A file id of this organisation under the outsider's own report is not found either.
      const own = await withFile(outsider);
      const crossed = await call(
        t,
        'GET',
        `/api/reports/${own.reportId}/files/${report.fileIds[0] ?? ''}`,
        { cookie: outsider.admin.cookie },
      );
      assert.equal(crossed.statusCode, 404);
      const listed = await call(t, 'GET', '/api/reports', { cookie: outsider.admin.cookie });
      assert.equal(listed.statusCode, 200);
      assert.ok(!listed.body.includes(report.reportId), 'not in the outsider’s list');
      assert.ok(!listed.body.includes(report.reference));

      assert.deepEqual(await snapshot(report.reportId), before, 'nothing changed');
      assert.equal(
        await countAuditEvents(t),
        events,
        'nothing recorded (the outsider’s own report was created directly)',
      );
    });

    test('monitors and viewers may not open the inbox, a report or a file; only viewers (who read cases) open their notifications, with nothing about reports', async () => {
      const org = await createOrganisation(t);
      const report = await withFile(org);
      for (const role of ['monitor', 'viewer'] as const) {
        const member = await addMember(t, org, role);
        const before = await snapshot(report.reportId);
        const events = await countAuditEvents(t);
        const notifications = await send(member, {
          name: 'notifications',
          method: 'GET',
          url: '/api/notifications',
          triage: false,
        });
        if (role === 'viewer') {
          assert.equal(notifications.statusCode, 200, notifications.body);
          assert.ok(!notifications.body.includes(report.reportId), 'no report named');
        } else {
          assert.equal(notifications.statusCode, 403, notifications.body);
        }
        const all: Attempt[] = [
          { name: 'list', method: 'GET', url: '/api/reports', triage: false },
          {
            name: 'notification e-mail',
            method: 'PUT',
            url: '/api/me/notification-email',
            payload: { email: 'me@example.org' },
            triage: false,
          },
          ...attempts(org, report, member.id),
        ];
        for (const a of all) {
          const res = await send(member, a);
          assert.equal(res.statusCode, 403, `${role} ${a.name}: ${res.body}`);
        }
        // The same 403 for an id that does not exist: the role is refused before any lookup.
        for (const a of attempts(org, report, member.id, unknownId())) {
          assert.equal((await send(member, a)).statusCode, 403, `${role} ${a.name} (no such id)`);
        }
        assert.deepEqual(await snapshot(report.reportId), before);
        assert.equal(await countAuditEvents(t), events);
      }
    });

    test('a lawyer reads reports and files but may not change status, assign or reply', async () => {
      const org = await createOrganisation(t);
      const lawyer = await addMember(t, org, 'lawyer');
      const report = await withFile(org);
      const before = await snapshot(report.reportId);
      for (const a of attempts(org, report, lawyer.id)) {
        const res = await send(lawyer, a);
        assert.equal(res.statusCode, a.triage ? 403 : 200, `${a.name}: ${res.body}`);
      }
      assert.deepEqual(await snapshot(report.reportId), before);
      const list = await call(t, 'GET', '/api/reports', { cookie: lawyer.cookie });
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(report.reportId));
    });

    test('a pending member may do nothing with reports', async () => {
      const org = await createOrganisation(t);
      const pending = await acceptInvitation(t, org, (await invite(t, org, 'coordinator')).token);
      const report = await withFile(org);
      const before = await snapshot(report.reportId);
      const events = await countAuditEvents(t);
      const all: Attempt[] = [
        { name: 'list', method: 'GET', url: '/api/reports', triage: false },
        { name: 'notifications', method: 'GET', url: '/api/notifications', triage: false },
        ...attempts(org, report, pending.id),
      ];
      for (const a of all) {
        const res = await send(pending, a);
        assert.equal(res.statusCode, 403, `${a.name}: ${res.body}`);
      }
      assert.deepEqual(await snapshot(report.reportId), before);
      assert.equal(await countAuditEvents(t), events);
    });

    test('a member whose role was lowered to viewer loses the inbox at once', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const report = await createTestReport(t, org);
      const url = `/api/reports/${report.reportId}`;
      assert.equal((await call(t, 'GET', url, { cookie: worker.cookie })).statusCode, 200);
      const demoted = await call(t, 'PATCH', `/api/members/${worker.id}`, {
        cookie: org.admin.cookie,
        payload: { role: 'viewer' },
      });
      assert.equal(demoted.statusCode, 200, demoted.body);
      assert.equal((await call(t, 'GET', url, { cookie: worker.cookie })).statusCode, 403);
    });
  });
}
