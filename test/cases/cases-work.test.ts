// The work on a case, on both engines: last-contact alerts (once per silence, resolved by a
// contact, the case's or the organisation's number of days), task reminders (once), task
// edits with conflicts and history, the timeline in date order with the keys that open
// each item, and the dashboard.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DashboardDto, TaskDto, TimelineItemDto } from '../../src/common/api/cases.ts';
import { fromB64 } from '../../src/common/crypto/encoding.ts';
import { openSealedText } from '../../src/common/crypto/envelope.ts';
import { casesCheckContacts } from '../../src/server/jobs/definitions/cases-check-contacts.ts';
import { checkCaseContacts } from '../../src/server/modules/cases/check-case-contacts.ts';
import { sendTaskReminders } from '../../src/server/modules/cases/send-task-reminders.ts';
import { recurringJobs } from '../../src/server/jobs/registry.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  addTestTask,
  createTestCase,
  createTestIncident,
  createTestIntervention,
  createTestPerson,
  getCaseDetail,
  linkToCase,
  open,
  openKey,
  recordTestContact,
  seal,
  signInAgain,
} from '../helpers/cases.ts';

const DAY = 86_400_000;

for (const engine of engines()) {
  describe(
    `cases: contacts, tasks, timeline, dashboard (${engine.engine})`,
    { skip: engine.skip },
    () => {
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

      const check = () => checkCaseContacts({ db: t.database.db, now: t.clock.now() });
      const alertsOf = (caseId: string) =>
        t.database.db
          .selectFrom('contact_alerts')
          .select(['since', 'resolved_at'])
          .where('case_id', '=', caseId)
          .orderBy('since')
          .execute();
      const notificationsOf = (memberId: string, kind: string) =>
        t.database.db
          .selectFrom('notifications')
          .select(['case_id', 'task_id'])
          .where('member_id', '=', memberId)
          .where('kind', '=', kind)
          .execute();

      test('the hourly job is registered', () => {
        const recurring = recurringJobs.find((r) => r.job === casesCheckContacts);
        assert.ok(recurring);
        assert.equal(recurring.everyMs, 3_600_000);
      });

      test('no contact for N days raises one alert per silence, notifies the assignees once, and a contact resolves it', async () => {
        const org = await createOrganisation(t);
        const worker = await addMember(t, org, 'case_worker');
        const kase = await createTestCase(t, org, worker, { contactAlertDays: 3 });
        await call(t, 'PUT', `/api/cases/${kase.id}/members/${org.admin.id}`, {
          cookie: org.admin.cookie,
          payload: {},
        });
        t.clock.advance(2 * DAY);
        await check();
        assert.equal((await alertsOf(kase.id)).length, 0, 'not yet: counted from creation');
        t.clock.advance(1 * DAY + 60_000);
        await check();
        await check();
        const alerts = await alertsOf(kase.id);
        assert.equal(alerts.length, 1, 'once, however often the job runs');
        assert.equal(alerts[0]?.resolved_at, null);
        assert.equal((await notificationsOf(worker.id, 'contact_overdue')).length, 1);
        assert.equal((await notificationsOf(org.admin.id, 'contact_overdue')).length, 1);
        await signInAgain(t, worker);
        const detail = await getCaseDetail(t, worker, kase.id);
        assert.equal(detail.case.contactOverdue, true);
        assert.ok(detail.openAlertSince);
        const dash = await call(t, 'GET', '/api/dashboard', { cookie: worker.cookie });
        assert.ok(dash.json<DashboardDto>().overdueContacts.some((c) => c.id === kase.id));

        const contactAt = t.clock.now();
        await recordTestContact(t, worker, kase, contactAt, 'He answered; he is at home.');
        const resolved = await alertsOf(kase.id);
        assert.ok(resolved[0]?.resolved_at, 'the contact resolves the alert');
        const after = await getCaseDetail(t, worker, kase.id);
        assert.equal(after.case.contactOverdue, false);
        assert.equal(after.case.lastContactAt, contactAt.toISOString());
        assert.equal(after.openAlertSince, null);
        assert.equal(
          open(
            kase.recordKey,
            'case_contacts',
            'sealed_note',
            after.lastContact?.id ?? '',
            after.lastContact?.sealedNote ?? '',
          ),
          'He answered; he is at home.',
        );

        // A new silence after the contact is a new period: one more alert, later.
        t.clock.advance(2 * DAY);
        await check();
        assert.equal((await alertsOf(kase.id)).length, 1);
        t.clock.advance(1 * DAY + 60_000);
        await check();
        await check();
        assert.equal((await alertsOf(kase.id)).length, 2);
        assert.equal((await notificationsOf(worker.id, 'contact_overdue')).length, 2);

        // A contact entered late, older than the last one, does not move the last contact back.
        await signInAgain(t, worker);
        await recordTestContact(t, worker, kase, new Date(contactAt.getTime() - DAY));
        assert.equal(
          (await getCaseDetail(t, worker, kase.id)).case.lastContactAt,
          contactAt.toISOString(),
        );
        const future = await call(t, 'POST', `/api/cases/${kase.id}/contacts`, {
          cookie: worker.cookie,
          payload: {
            id: crypto.randomUUID(),
            contactedAt: new Date(t.clock.now().getTime() + DAY).toISOString(),
            channel: 'phone',
          },
        });
        assert.equal(future.statusCode, 400);
      });

      test('the organisation default applies when the case sets none; closed cases raise nothing; admins set the default', async () => {
        const org = await createOrganisation(t);
        const worker = await addMember(t, org, 'case_worker');
        const set = await call(t, 'PUT', '/api/cases/settings', {
          cookie: org.admin.cookie,
          payload: { contactAlertDays: 2 },
        });
        assert.equal(set.statusCode, 200, set.body);
        const refused = await call(t, 'PUT', '/api/cases/settings', {
          cookie: worker.cookie,
          payload: { contactAlertDays: 30 },
        });
        assert.equal(refused.statusCode, 403);
        const bad = await call(t, 'PUT', '/api/cases/settings', {
          cookie: org.admin.cookie,
          payload: { contactAlertDays: 0 },
        });
        assert.equal(bad.statusCode, 400);
        const read = await call(t, 'GET', '/api/cases/settings', { cookie: worker.cookie });
        assert.deepEqual(read.json(), { contactAlertDays: 2 });
        const open = await createTestCase(t, org, worker);
        const closed = await createTestCase(t, org, worker);
        const close = await call(t, 'POST', `/api/cases/${closed.id}/status`, {
          cookie: worker.cookie,
          payload: { expectedVersion: 1, status: 'closed', outcome: 'lost_contact' },
        });
        assert.equal(close.statusCode, 200);
        assert.equal((await getCaseDetail(t, worker, open.id)).case.effectiveContactAlertDays, 2);
        t.clock.advance(2 * DAY + 60_000);
        await check();
        assert.equal((await alertsOf(open.id)).length, 1);
        assert.equal((await alertsOf(closed.id)).length, 0);
      });

      test('a task reminder is sent once to its owner at its time; a new reminder time arms it again', async () => {
        const org = await createOrganisation(t);
        const worker = await addMember(t, org, 'case_worker');
        const kase = await createTestCase(t, org, worker);
        const now = t.clock.now().getTime();
        const task = await addTestTask(t, worker, kase, {
          dueAt: new Date(now + 3 * DAY),
          remindAt: new Date(now + 2 * DAY),
        });
        const remind = () => sendTaskReminders({ db: t.database.db, now: t.clock.now() });
        await remind();
        assert.equal((await notificationsOf(worker.id, 'task_due')).length, 0);
        t.clock.advance(2 * DAY);
        await remind();
        await remind();
        const sent = await notificationsOf(worker.id, 'task_due');
        assert.deepEqual(sent, [{ case_id: kase.id, task_id: task.id }]);
        await signInAgain(t, worker);
        const moved = await call(t, 'PATCH', `/api/tasks/${task.id}`, {
          cookie: worker.cookie,
          payload: { expectedVersion: 1, remindAt: new Date(now + 2.5 * DAY).toISOString() },
        });
        assert.equal(moved.statusCode, 200, moved.body);
        t.clock.advance(DAY);
        await remind();
        assert.equal((await notificationsOf(worker.id, 'task_due')).length, 2);
        await signInAgain(t, worker);
        const late = await call(t, 'PATCH', `/api/tasks/${task.id}`, {
          cookie: worker.cookie,
          payload: { expectedVersion: 2, remindAt: new Date(now + 4 * DAY).toISOString() },
        });
        assert.equal(late.statusCode, 400);
        assert.equal(errorOf(late).code, 'reminder_after_due');
      });

      test('tasks: edits conflict on an old version, done stamps completion, history restores', async () => {
        const org = await createOrganisation(t);
        const worker = await addMember(t, org, 'case_worker');
        const lawyer = await addMember(t, org, 'lawyer');
        const kase = await createTestCase(t, org, worker);
        const task = await addTestTask(t, worker, kase, { title: 'Call the lawyer' });
        const title = seal(
          kase.recordKey,
          'tasks',
          'sealed_title',
          task.id,
          'Call the lawyer today',
        );
        const first = await call(t, 'PATCH', `/api/tasks/${task.id}`, {
          cookie: worker.cookie,
          payload: { expectedVersion: 1, sealedTitle: title, ownerMemberId: lawyer.id },
        });
        assert.equal(first.statusCode, 200, first.body);
        const stale = await call(t, 'PATCH', `/api/tasks/${task.id}`, {
          cookie: lawyer.cookie,
          payload: { expectedVersion: 1, status: 'done' },
        });
        assert.equal(stale.statusCode, 409);
        assert.equal(errorOf(stale).code, 'edit_conflict');
        const done = await call(t, 'PATCH', `/api/tasks/${task.id}`, {
          cookie: lawyer.cookie,
          payload: { expectedVersion: 2, status: 'done' },
        });
        assert.equal(done.statusCode, 200);
        const body = done.json<{ task: TaskDto; sealedRecordKey: string }>();
        assert.equal(body.task.status, 'done');
        assert.ok(body.task.completedAt);
        assert.deepEqual(openKey(body.sealedRecordKey, org.orgKeyPair), kase.recordKey);
        const versions = await call(t, 'GET', `/api/tasks/${task.id}/versions`, {
          cookie: worker.cookie,
        });
        assert.deepEqual(
          versions.json<{ versions: { version: number }[] }>().versions.map((v) => v.version),
          [3, 2, 1],
        );
        const restored = await call(t, 'POST', `/api/tasks/${task.id}/versions/1/restore`, {
          cookie: worker.cookie,
          payload: { expectedVersion: 3 },
        });
        assert.equal(restored.statusCode, 200, restored.body);
        const back = restored.json<{ task: TaskDto }>().task;
        assert.equal(back.status, 'open');
        assert.equal(back.completedAt, null);
        assert.equal(back.ownerMemberId, worker.id);
        assert.equal(back.version, 4);
        assert.equal(
          open(kase.recordKey, 'tasks', 'sealed_title', task.id, back.sealedTitle),
          'Call the lawyer',
        );
        const other = await createOrganisation(t);
        const foreignOwner = await call(t, 'PATCH', `/api/tasks/${task.id}`, {
          cookie: worker.cookie,
          payload: { expectedVersion: 4, ownerMemberId: other.admin.id },
        });
        assert.equal(foreignOwner.statusCode, 400);
        assert.equal(errorOf(foreignOwner).code, 'invalid_owner');
      });

      test('the timeline merges incidents, interventions, tasks, contacts and the linked report’s messages and files by date', async () => {
        const org = await createOrganisation(t);
        const worker = await addMember(t, org, 'case_worker');
        const viewer = await addMember(t, org, 'viewer');
        const kase = await createTestCase(t, org, worker);
        const created = t.clock.now().getTime();
        const incident = await createTestIncident(t, org, {
          date: '2020-05-01',
          title: 'First beating',
        });
        const later = await createTestIncident(t, org, { date: '2020-06-10' });
        await linkToCase(t, worker, kase.id, 'incidents', later.id);
        await linkToCase(t, worker, kase.id, 'incidents', incident.id);
        await createTestIntervention(t, org, {
          caseId: kase.id,
          submittedOn: '2020-05-20',
          responseOn: '2020-05-25',
        });
        const report = await createTestReport(t, org, {
          status: 'accepted',
          receivedAt: new Date('2020-05-02T10:00:00Z'),
          files: [{ name: 'a.jpg', type: 'image/jpeg', bytes: new Uint8Array([9, 9]) }],
        });
        await linkToCase(t, worker, kase.id, 'reports', report.reportId);
        await addTestTask(t, worker, kase, { dueAt: new Date(created + 5 * DAY), title: 'Visit' });
        await recordTestContact(t, worker, kase, new Date(created - DAY), 'Called');

        const res = await call(t, 'GET', `/api/cases/${kase.id}/timeline`, {
          cookie: worker.cookie,
        });
        assert.equal(res.statusCode, 200, res.body);
        const timeline = res.json<{ items: TimelineItemDto[]; keys: Record<string, string> }>();
        const kinds = timeline.items.map((i) => i.kind);
        assert.deepEqual(
          timeline.items.map((i) => i.at),
          [...timeline.items.map((i) => i.at)].sort(),
          'in date order',
        );
        assert.deepEqual(kinds.slice(0, 3), ['incident', 'report_received', 'report_file']);
        assert.ok(kinds.indexOf('intervention_submitted') < kinds.indexOf('intervention_response'));
        assert.ok(kinds.indexOf('intervention_response') < kinds.lastIndexOf('incident'));
        assert.deepEqual(kinds.slice(-3), ['contact', 'case_opened', 'task_due']);
        // Each sealed value opens with the key the item names.
        const first = timeline.items[0];
        assert.ok(first?.keyRecordId);
        const key = openKey(timeline.keys[first.keyRecordId] ?? '', org.orgKeyPair);
        assert.equal(
          open(key, 'incidents', 'sealed_title', incident.id, first.sealed.sealed_title ?? ''),
          'First beating',
        );
        const file = timeline.items.find((i) => i.kind === 'report_file');
        assert.equal(file?.opensWith, 'organisation');
        assert.ok(file?.sealed.sealed_file_key);
        openSealedText(org.orgKeyPair, fromB64(file.sealed.sealed_meta ?? ''));
        const contact = timeline.items.find((i) => i.kind === 'contact');
        assert.equal(contact?.keyRecordId, kase.id);
        assert.equal(
          open(
            openKey(timeline.keys[kase.id] ?? '', org.orgKeyPair),
            'case_contacts',
            'sealed_note',
            contact.sourceId,
            contact.sealed.sealed_note ?? '',
          ),
          'Called',
        );
        // A viewer, who may not read reports, gets the timeline without them.
        const viewed = await call(t, 'GET', `/api/cases/${kase.id}/timeline`, {
          cookie: viewer.cookie,
        });
        assert.equal(viewed.statusCode, 200);
        assert.ok(
          !viewed
            .json<{ items: TimelineItemDto[] }>()
            .items.some((i) => i.kind.startsWith('report')),
        );
      });

      test('the dashboard: urgent cases, my tasks this week and overdue, new reports, overdue contacts', async () => {
        const org = await createOrganisation(t);
        const worker = await addMember(t, org, 'case_worker');
        const colleague = await addMember(t, org, 'case_worker');
        const held = await createTestPerson(t, org);
        const urgent = await createTestCase(t, org, worker, {
          status: 'urgent',
          contactAlertDays: 1,
          centralPersonId: held.id,
        });
        const calm = await createTestCase(t, org, worker, { contactAlertDays: 30 });
        const now = t.clock.now().getTime();
        const soon = await addTestTask(t, worker, calm, { dueAt: new Date(now + 3 * DAY) });
        const overdue = await addTestTask(t, worker, calm, { dueAt: new Date(now - DAY) });
        const far = await addTestTask(t, worker, calm, { dueAt: new Date(now + 20 * DAY) });
        const theirs = await addTestTask(t, colleague, calm, { dueAt: new Date(now + DAY) });
        const fresh = await createTestReport(t, org);
        await createTestReport(t, org, { status: 'accepted' });
        t.clock.advance(DAY + 60_000);
        await signInAgain(t, worker);
        const res = await call(t, 'GET', '/api/dashboard', { cookie: worker.cookie });
        assert.equal(res.statusCode, 200, res.body);
        const dash = res.json<DashboardDto>();
        assert.deepEqual(
          dash.urgentCases.map((c) => c.id),
          [urgent.id],
        );
        const taskIds = dash.tasks.map((x) => x.id);
        assert.deepEqual(
          taskIds,
          [overdue.id, soon.id],
          'overdue first, then this week; not later, not others’',
        );
        assert.ok(!taskIds.includes(far.id) && !taskIds.includes(theirs.id));
        assert.equal(dash.tasks[0]?.overdue, true);
        assert.ok(dash.caseKeys[calm.id]);
        assert.deepEqual(
          dash.newReports?.map((r) => r.id),
          [fresh.reportId],
        );
        assert.deepEqual(
          dash.overdueContacts.map((c) => c.id),
          [urgent.id],
        );
        assert.equal(
          dash.overdueContacts[0]?.centralPersonCodeName,
          held.codeName,
          'the alert names the person at the centre by code name',
        );
        const list = await call(t, 'GET', '/api/cases?limit=50', { cookie: worker.cookie });
        const named = Object.fromEntries(
          list
            .json<{ cases: { id: string; centralPersonCodeName: string | null }[] }>()
            .cases.map((c) => [c.id, c.centralPersonCodeName]),
        );
        assert.deepEqual(named, { [urgent.id]: held.codeName, [calm.id]: null });
        assert.ok(
          Array.isArray(dash.pendingReferrals) === false,
          'a case worker does not decide referrals',
        );
      });
    },
  );
}
