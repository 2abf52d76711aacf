// In-app notifications and the opt-in notification address: who is notified when a report
// arrives, the member's list and unread count, marking read, and the address sealed with
// the server key (never in the audit log, never in plaintext in the table).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acceptInvitation, invite } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { actionsSince, auditHead, call, errorOf, randomHex } from '../helpers/http.ts';
import {
  createTestReport,
  intakeDepsOf,
  notifyAbout,
  type TestReport,
} from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { notifyOrganisation } from '../../src/server/modules/intake/staff/notify-organisation.ts';
import { sendNotificationEmail } from '../../src/server/jobs/definitions/send-notification-email.ts';

interface NotificationList {
  notifications: {
    id: string;
    kind: string;
    reportId: string | null;
    reportReference: string | null;
    createdAt: string;
    readAt: string | null;
  }[];
  unread: number;
}

for (const engine of engines()) {
  describe(`in-app notifications (${engine.engine})`, { skip: engine.skip }, () => {
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

    const notificationsOf = async (cookie: string) => {
      const res = await call(t, 'GET', '/api/notifications', { cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<NotificationList>();
    };
    const recipients = async (reportId: string) =>
      (
        await t.database.db
          .selectFrom('notifications')
          .select('member_id')
          .where('report_id', '=', reportId)
          .execute()
      )
        .map((r) => r.member_id)
        .sort();
    const emailJobs = async () =>
      (
        await t.database.db
          .selectFrom('jobs')
          .select(['payload', 'dedupe_key'])
          .where('kind', '=', sendNotificationEmail.kind)
          .execute()
      ).map((j) => (j.payload as { memberId: string }).memberId);
    const setEmail = (cookie: string, email: string | null) =>
      call(t, 'PUT', '/api/me/notification-email', { cookie, payload: { email } });

    test('a new report notifies each active member who reads reports, and nobody else', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t, 'Elsewhere');
      const readers = [
        org.admin,
        await addMember(t, org, 'coordinator'),
        await addMember(t, org, 'case_worker'),
        await addMember(t, org, 'lawyer'),
      ];
      const monitor = await addMember(t, org, 'monitor');
      await addMember(t, org, 'viewer');
      const pending = await acceptInvitation(t, org, (await invite(t, org, 'case_worker')).token);
      const leaving = await addMember(t, org, 'case_worker');
      await call(t, 'POST', `/api/members/${leaving.id}/disable`, {
        cookie: org.admin.cookie,
        payload: {},
      });
      const report = await createTestReport(t, org);
      await notifyAbout(t, org, report);

      assert.deepEqual(await recipients(report.reportId), readers.map((m) => m.id).sort());
      assert.ok(!(await recipients(report.reportId)).includes(pending.id));
      assert.ok(!(await recipients(report.reportId)).includes(monitor.id));
      assert.deepEqual(
        (await notificationsOf(other.admin.cookie)).notifications,
        [],
        'another organisation hears nothing',
      );
    });

    test('notifications commit with the report or not at all', async () => {
      const org = await createOrganisation(t);
      assert.equal((await setEmail(org.admin.cookie, 'admin-alerts@example.org')).statusCode, 200);
      const report = await createTestReport(t, org);
      const jobsBefore = (await emailJobs()).length;
      await assert.rejects(
        t.database.db.transaction().execute(async (trx) => {
          await notifyOrganisation({
            trx,
            deps: intakeDepsOf(t),
            organisationId: org.id,
            reportId: report.reportId,
            kind: 'report_received',
          });
          throw new Error('the submission failed after notifying');
        }),
        /submission failed/,
      );
      assert.deepEqual(await recipients(report.reportId), []);
      assert.equal((await emailJobs()).length, jobsBefore, 'no e-mail job either');
    });

    test('a member sees their notifications newest first with the report reference, and marks them read', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const reports: TestReport[] = [];
      for (let i = 0; i < 3; i += 1) {
        const report = await createTestReport(t, org);
        reports.push(report);
        await notifyAbout(t, org, report, i === 2 ? 'reporter_message' : 'report_received');
        t.clock.advance(1000);
      }
      const list = await notificationsOf(worker.cookie);
      assert.equal(list.unread, 3);
      assert.deepEqual(
        list.notifications.map((n) => [n.reportId, n.reportReference, n.kind, n.readAt]),
        [
          [reports[2]?.reportId, reports[2]?.reference, 'reporter_message', null],
          [reports[1]?.reportId, reports[1]?.reference, 'report_received', null],
          [reports[0]?.reportId, reports[0]?.reference, 'report_received', null],
        ],
      );

      // The admin's notification ids are ignored when the worker marks them.
      const adminIds = (await notificationsOf(org.admin.cookie)).notifications.map((n) => n.id);
      const newest = list.notifications[0]?.id ?? '';
      const marked = await call(t, 'POST', '/api/notifications/read', {
        cookie: worker.cookie,
        payload: { ids: [newest, ...adminIds] },
      });
      assert.equal(marked.statusCode, 204, marked.body);
      const after = await notificationsOf(worker.cookie);
      assert.equal(after.unread, 2);
      assert.equal(after.notifications[0]?.readAt, t.clock.now().toISOString());
      assert.equal((await notificationsOf(org.admin.cookie)).unread, 3, 'the admin’s stay unread');

      const all = await call(t, 'POST', '/api/notifications/read', {
        cookie: worker.cookie,
        payload: {},
      });
      assert.equal(all.statusCode, 204);
      assert.equal((await notificationsOf(worker.cookie)).unread, 0);
      const bad = await call(t, 'POST', '/api/notifications/read', {
        cookie: worker.cookie,
        payload: { ids: ['not-a-uuid'] },
      });
      assert.equal(bad.statusCode, 400);
    });

    test('the notification address is stored sealed, read back by its owner, and audited without itself', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const address = `quiet-${randomHex()}@example.org`;
      const head = await auditHead(t);

      const none = await call(t, 'GET', '/api/me/notification-email', { cookie: worker.cookie });
      assert.deepEqual(none.json(), { email: null });
      const set = await setEmail(worker.cookie, `  ${address.toUpperCase()} `);
      assert.equal(set.statusCode, 200, set.body);
      assert.deepEqual(set.json(), { email: address }, 'trimmed and lower-cased');
      const read = await call(t, 'GET', '/api/me/notification-email', { cookie: worker.cookie });
      assert.deepEqual(read.json(), { email: address });
      const other = await call(t, 'GET', '/api/me/notification-email', {
        cookie: org.admin.cookie,
      });
      assert.deepEqual(other.json(), { email: null }, 'each member sees only their own');

      const row = await t.database.db
        .selectFrom('members')
        .select('notify_email_sealed')
        .where('id', '=', worker.id)
        .executeTakeFirstOrThrow();
      assert.ok(row.notify_email_sealed);
      assert.ok(
        !Buffer.from(row.notify_email_sealed).includes(Buffer.from(address)),
        'not stored in plaintext',
      );

      const invalid = await setEmail(worker.cookie, 'not an address');
      assert.equal(invalid.statusCode, 400);
      assert.equal(errorOf(invalid).code, 'invalid_request');
      const cleared = await setEmail(worker.cookie, null);
      assert.deepEqual(cleared.json(), { email: null });
      assert.deepEqual(
        (await call(t, 'GET', '/api/me/notification-email', { cookie: worker.cookie })).json(),
        { email: null },
      );

      assert.deepEqual(await actionsSince(t, org.id, head), [
        'member.notification_email_changed',
        'member.notification_email_changed',
      ]);
      const rows = await t.database.db
        .selectFrom('audit_events')
        .select('fields')
        .where('organisation_id', '=', org.id)
        .where('seq', '>', head)
        .execute();
      assert.deepEqual(
        rows.map((r) => r.fields),
        [{ emails: 'on' }, { emails: 'off' }],
      );
      assert.ok(!JSON.stringify(rows).includes(address.split('@')[0] ?? address));
    });

    test('an e-mail job is stored for members who opted in, once per stretch of unread notifications', async () => {
      const org = await createOrganisation(t);
      const quiet = await addMember(t, org, 'case_worker');
      const keen = await addMember(t, org, 'coordinator');
      assert.equal(
        (await setEmail(keen.cookie, `keen-${randomHex()}@example.org`)).statusCode,
        200,
      );
      const jobsFor = async (memberId: string) =>
        (await emailJobs()).filter((id) => id === memberId).length;

      await notifyAbout(t, org, await createTestReport(t, org));
      assert.equal(await jobsFor(keen.id), 1);
      assert.equal(await jobsFor(quiet.id), 0, 'no address, no job');
      const payloads = await t.database.db
        .selectFrom('jobs')
        .select('payload')
        .where('kind', '=', sendNotificationEmail.kind)
        .execute();
      assert.ok(!JSON.stringify(payloads).includes('@'), 'no address in a job payload');

      // Still unread: the next report adds a notification but no second e-mail.
      await notifyAbout(t, org, await createTestReport(t, org), 'reporter_message');
      assert.equal(await jobsFor(keen.id), 1);
      assert.equal((await notificationsOf(keen.cookie)).unread, 2);

      // Once they have looked, the next arrival e-mails them again.
      t.clock.advance(1000);
      await call(t, 'POST', '/api/notifications/read', { cookie: keen.cookie, payload: {} });
      t.clock.advance(1000);
      await notifyAbout(t, org, await createTestReport(t, org));
      assert.equal(await jobsFor(keen.id), 2);
    });
  });
}
