// Triage actions: status (with the duplicate rules), assignment (only to members who read
// reports), replies sealed to the reporter. Each change is audited in its transaction; a
// refused request changes and records nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReportDetailDto, ReportSummaryDto } from '../../src/common/api/intake.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import {
  encryptField,
  generateSymmetricKey,
  openSealedText,
  sealTo,
} from '../../src/common/crypto/envelope.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { acceptInvitation, invite } from '../helpers/accounts.ts';
import { actionsSince, auditHead, call, errorOf, unknownId } from '../helpers/http.ts';
import { addReporterMessage, createTestReport, type TestReport } from '../helpers/reports.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`triage actions (${engine.engine})`, { skip: engine.skip }, () => {
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

    const setStatus = (cookie: string, reportId: string, payload: object) =>
      call(t, 'POST', `/api/reports/${reportId}/status`, { cookie, payload });
    const assign = (cookie: string, reportId: string, memberId: string | null) =>
      call(t, 'POST', `/api/reports/${reportId}/assignment`, { cookie, payload: { memberId } });
    const reply = (
      cookie: string,
      org: TestOrganisation,
      report: TestReport,
      text: string,
      overrides: Record<string, string> = {},
    ) =>
      call(t, 'POST', `/api/reports/${report.reportId}/messages`, {
        cookie,
        payload: {
          sealedForOrg: toB64(sealTo(org.orgKeyPair.publicKey, text)),
          sealedForReporter: toB64(sealTo(report.reporterKeyPair.publicKey, text)),
          ...overrides,
        },
      });
    const stored = (reportId: string) =>
      t.database.db
        .selectFrom('reports')
        .select(['status', 'duplicate_of', 'assigned_member_id', 'updated_at'])
        .where('id', '=', reportId)
        .executeTakeFirstOrThrow();
    const lastFields = async (orgId: string) =>
      await t.database.db
        .selectFrom('audit_events')
        .select(['fields', 'actor_member_id', 'object_id'])
        .where('organisation_id', '=', orgId)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();

    test('a case worker moves a report through statuses; each change is audited with from and to', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const report = await createTestReport(t, org);
      let head = await auditHead(t);
      t.clock.advance(60_000);

      const res = await setStatus(worker.cookie, report.reportId, { status: 'in_progress' });
      assert.equal(res.statusCode, 200, res.body);
      const summary = res.json<ReportSummaryDto>();
      assert.equal(summary.status, 'in_progress');
      assert.equal(summary.updatedAt, t.clock.now().toISOString());
      assert.deepEqual(await actionsSince(t, org.id, head), ['report.status_changed']);
      const event = await lastFields(org.id);
      assert.deepEqual(event, {
        fields: { from: 'new', to: 'in_progress' },
        actor_member_id: worker.id,
        object_id: report.reportId,
      });

      head = await auditHead(t);
      const again = await setStatus(worker.cookie, report.reportId, { status: 'in_progress' });
      assert.equal(again.statusCode, 200);
      assert.deepEqual(await actionsSince(t, org.id, head), [], 'no change, nothing recorded');

      for (const status of ['accepted', 'not_actionable', 'spam', 'closed', 'in_progress']) {
        const step = await setStatus(worker.cookie, report.reportId, { status });
        assert.equal(step.statusCode, 200, `${status}: ${step.body}`);
        assert.equal((await stored(report.reportId)).status, status);
      }
      const refused = await setStatus(worker.cookie, report.reportId, { status: 'new' });
      assert.equal(refused.statusCode, 400, 'a report cannot be made new again');
    });

    test('a duplicate names a report of the same organisation that is not itself and not a duplicate', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t, 'Elsewhere');
      const original = await createTestReport(t, org);
      const copy = await createTestReport(t, org);
      const third = await createTestReport(t, org);
      const foreign = await createTestReport(t, other);
      const head = await auditHead(t);

      const refusals: [object, string][] = [
        [{ status: 'duplicate' }, 'duplicate_of_required'],
        [{ status: 'duplicate', duplicateOf: copy.reportId }, 'duplicate_of_self'],
        [{ status: 'duplicate', duplicateOf: foreign.reportId }, 'duplicate_of_unknown'],
        [{ status: 'duplicate', duplicateOf: unknownId() }, 'duplicate_of_unknown'],
        [{ status: 'closed', duplicateOf: original.reportId }, 'duplicate_of_unexpected'],
      ];
      for (const [payload, code] of refusals) {
        const res = await setStatus(org.admin.cookie, copy.reportId, payload);
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
        assert.equal(errorOf(res).code, code);
      }
      // Another organisation's report and a missing one get the very same answer.
      const foreignRes = await setStatus(org.admin.cookie, copy.reportId, {
        status: 'duplicate',
        duplicateOf: foreign.reportId,
      });
      const missingRes = await setStatus(org.admin.cookie, copy.reportId, {
        status: 'duplicate',
        duplicateOf: unknownId(),
      });
      assert.deepEqual(foreignRes.json(), missingRes.json());
      assert.deepEqual(await actionsSince(t, org.id, head), []);
      assert.equal((await stored(copy.reportId)).status, 'new');

      const ok = await setStatus(org.admin.cookie, copy.reportId, {
        status: 'duplicate',
        duplicateOf: original.reportId,
      });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.json<ReportSummaryDto>().duplicateOf, original.reportId);
      assert.deepEqual((await lastFields(org.id)).fields, {
        from: 'new',
        to: 'duplicate',
        duplicateOf: original.reportId,
      });

      // Pointing at a duplicate is refused (chains end at an original, so no cycle forms).
      for (const [from, to] of [
        [third, copy],
        [original, copy],
      ] as const) {
        const chained = await setStatus(org.admin.cookie, from.reportId, {
          status: 'duplicate',
          duplicateOf: to.reportId,
        });
        assert.equal(chained.statusCode, 400);
        assert.equal(errorOf(chained).code, 'duplicate_of_duplicate');
      }

      // Leaving "duplicate" forgets what it repeated.
      const reopened = await setStatus(org.admin.cookie, copy.reportId, { status: 'in_progress' });
      assert.equal(reopened.json<ReportSummaryDto>().duplicateOf, null);
      assert.equal((await stored(copy.reportId)).duplicate_of, null);
    });

    test('a report is assigned only to an active member of the organisation who reads reports', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t, 'Elsewhere');
      const coordinator = await addMember(t, org, 'coordinator');
      const lawyer = await addMember(t, org, 'lawyer');
      const monitor = await addMember(t, org, 'monitor');
      const viewer = await addMember(t, org, 'viewer');
      const pending = await acceptInvitation(t, org, (await invite(t, org, 'case_worker')).token);
      const leaving = await addMember(t, org, 'case_worker');
      const disabled = await call(t, 'POST', `/api/members/${leaving.id}/disable`, {
        cookie: org.admin.cookie,
        payload: {},
      });
      assert.equal(disabled.statusCode, 200, disabled.body);
      const report = await createTestReport(t, org);
      const head = await auditHead(t);

      for (const memberId of [
        monitor.id,
        viewer.id,
        pending.id,
        leaving.id,
        other.admin.id,
        unknownId(),
      ]) {
        const res = await assign(coordinator.cookie, report.reportId, memberId);
        assert.equal(res.statusCode, 400, memberId);
        assert.equal(errorOf(res).code, 'invalid_assignee');
      }
      assert.deepEqual(await actionsSince(t, org.id, head), []);

      const toLawyer = await assign(coordinator.cookie, report.reportId, lawyer.id);
      assert.equal(toLawyer.statusCode, 200, toLawyer.body);
      assert.equal(toLawyer.json<ReportSummaryDto>().assignedMemberId, lawyer.id);
      assert.deepEqual((await lastFields(org.id)).fields, { from: null, to: lawyer.id });
      const toSelf = await assign(coordinator.cookie, report.reportId, coordinator.id);
      assert.equal(toSelf.statusCode, 200);
      assert.deepEqual((await lastFields(org.id)).fields, { from: lawyer.id, to: coordinator.id });
      const unassigned = await assign(coordinator.cookie, report.reportId, null);
      assert.equal(unassigned.json<ReportSummaryDto>().assignedMemberId, null);
      assert.deepEqual(await actionsSince(t, org.id, head), [
        'report.assigned',
        'report.assigned',
        'report.assigned',
      ]);
      const idle = await auditHead(t);
      await assign(coordinator.cookie, report.reportId, null);
      assert.deepEqual(await actionsSince(t, org.id, idle), [], 'no change, nothing recorded');
    });

    test('a reply is stored sealed twice; the codename opens the reporter’s copy; the first reply moves a new report on', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const report = await createTestReport(t, org);
      await addReporterMessage(t, org, report, 'Please help');
      t.clock.advance(60_000);
      const head = await auditHead(t);
      const text = 'Мы получили ваше сообщение. Мы свяжемся с вами.';

      const res = await reply(worker.cookie, org, report, text);
      assert.equal(res.statusCode, 201, res.body);
      const message = res.json<{ id: string; author: string; authorMemberId: string }>();
      assert.deepEqual([message.author, message.authorMemberId], ['staff', worker.id]);
      assert.deepEqual(await actionsSince(t, org.id, head), [
        'report.replied',
        'report.status_changed',
      ]);
      assert.equal((await stored(report.reportId)).status, 'in_progress');
      assert.deepEqual((await lastFields(org.id)).fields, {
        from: 'new',
        to: 'in_progress',
        reason: 'replied',
      });

      const row = await t.database.db
        .selectFrom('report_messages')
        .selectAll()
        .where('id', '=', message.id)
        .executeTakeFirstOrThrow();
      assert.equal(openSealedText(report.reporterKeyPair, row.sealed_for_reporter), text);
      assert.equal(openSealedText(org.orgKeyPair, row.sealed_for_org), text);

      const detail = (
        await call(t, 'GET', `/api/reports/${report.reportId}`, { cookie: worker.cookie })
      ).json<ReportDetailDto>();
      assert.deepEqual(
        detail.messages.map((m) => [
          m.author,
          openSealedText(org.orgKeyPair, fromB64(m.sealedForOrg)),
        ]),
        [
          ['reporter', 'Please help'],
          ['staff', text],
        ],
      );
      assert.equal(detail.report.awaitingReply, false);
      assert.ok(
        !JSON.stringify(detail).includes(toB64(row.sealed_for_reporter)),
        'the reporter’s copy stays on the server',
      );

      // A later reply leaves the status alone.
      await setStatus(worker.cookie, report.reportId, { status: 'accepted' });
      const later = await auditHead(t);
      assert.equal((await reply(worker.cookie, org, report, 'Update')).statusCode, 201);
      assert.deepEqual(await actionsSince(t, org.id, later), ['report.replied']);
      assert.equal((await stored(report.reportId)).status, 'accepted');
    });

    test('a reply that is not two sealed copies of one text is refused and nothing is stored', async () => {
      const org = await createOrganisation(t);
      const report = await createTestReport(t, org);
      const head = await auditHead(t);
      const key = generateSymmetricKey();
      const sealedOrg = (s: string) => toB64(sealTo(org.orgKeyPair.publicKey, s));
      const cases: [Record<string, string>, string][] = [
        // A symmetric field envelope is not a sealed box.
        [{ sealedForOrg: toB64(encryptField(key, 'hello there', 'x')) }, 'invalid_envelope'],
        // The right header but too short to hold a sealed box with any text.
        [{ sealedForReporter: toB64(Uint8Array.of(1, 2, 0, 0, 0, 0)) }, 'invalid_envelope'],
        // Base64url characters that decode to nothing valid.
        [{ sealedForOrg: 'AAAAA' }, 'invalid_envelope'],
        // Two different texts.
        [{ sealedForOrg: sealedOrg('Hello, a longer text') }, 'reply_mismatch'],
      ];
      for (const [overrides, code] of cases) {
        const res = await reply(org.admin.cookie, org, report, 'Hello', overrides);
        assert.equal(res.statusCode, 400, `${JSON.stringify(overrides)}: ${res.body}`);
        assert.equal(errorOf(res).code, code);
      }
      const unknownField = await call(t, 'POST', `/api/reports/${report.reportId}/messages`, {
        cookie: org.admin.cookie,
        payload: { sealedForOrg: sealedOrg('a'), sealedForReporter: sealedOrg('a'), text: 'a' },
      });
      assert.equal(unknownField.statusCode, 400);
      const count = await t.database.db
        .selectFrom('report_messages')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('report_id', '=', report.reportId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
      assert.equal((await stored(report.reportId)).status, 'new');
      assert.deepEqual(await actionsSince(t, org.id, head), []);
    });
  });
}
