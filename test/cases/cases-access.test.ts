// Who may see and change a case, on both engines: another organisation gets 404 like a
// missing case; a restricted case answers 404 on every route to a member who is not
// assigned and not an admin, and is absent from their lists and dashboard; an admin sees
// it; a viewer reads but cannot write; a monitor gets nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseSummaryDto, DashboardDto } from '../../src/common/api/cases.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestMember } from '../helpers/factories.ts';
import { call, countAuditEvents } from '../helpers/http.ts';
import { buildIntervention } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  addTestTask,
  createTestCase,
  createTestIncident,
  getCaseDetail,
  recordTestConsent,
  seal,
  type TestCase,
} from '../helpers/cases.ts';

/** Every route that names a case or something in it, with a valid body. */
function caseRoutes(
  kase: TestCase,
  taskId: string,
  consentId: string,
  incidentId: string,
  memberId: string,
) {
  const id = kase.id;
  return [
    ['GET', `/api/cases/${id}`, undefined],
    ['PATCH', `/api/cases/${id}`, { expectedVersion: 1, restricted: false }],
    ['DELETE', `/api/cases/${id}`, undefined],
    ['POST', `/api/cases/${id}/status`, { expectedVersion: 1, status: 'active' }],
    ['GET', `/api/cases/${id}/versions`, undefined],
    ['POST', `/api/cases/${id}/versions/1/restore`, { expectedVersion: 1 }],
    ['PUT', `/api/cases/${id}/members/${memberId}`, {}],
    ['DELETE', `/api/cases/${id}/members/${memberId}`, undefined],
    ['PUT', `/api/cases/${id}/incidents/${incidentId}`, {}],
    ['DELETE', `/api/cases/${id}/incidents/${incidentId}`, undefined],
    ['GET', `/api/cases/${id}/timeline`, undefined],
    ['GET', `/api/cases/${id}/tasks`, undefined],
    [
      'POST',
      `/api/cases/${id}/tasks`,
      {
        id: crypto.randomUUID(),
        sealedTitle: seal(kase.recordKey, 'tasks', 'sealed_title', id, 'x'),
      },
    ],
    ['GET', `/api/cases/${id}/contacts`, undefined],
    [
      'POST',
      `/api/cases/${id}/contacts`,
      { id: crypto.randomUUID(), contactedAt: new Date().toISOString(), channel: 'phone' },
    ],
    ['GET', `/api/cases/${id}/consents`, undefined],
    [
      'POST',
      `/api/cases/${id}/consents`,
      { id: crypto.randomUUID(), source: 'recorded', scope: ['case'], sealedNote: 'AAAAAA' },
    ],
    ['POST', `/api/cases/${id}/consents/${consentId}/withdraw`, {}],
    ['GET', `/api/cases/${id}/referral-plan?scope=case`, undefined],
    ['GET', `/api/cases/${id}/referrals`, undefined],
    [
      'POST',
      `/api/cases/${id}/referrals`,
      {
        id: crypto.randomUUID(),
        partnerOrganisationId: crypto.randomUUID(),
        consentId,
        scope: ['case'],
        keys: [{ recordId: id, recordType: 'case', sealedKey: 'AAAAAA' }],
      },
    ],
    ['GET', `/api/tasks/${taskId}`, undefined],
    ['PATCH', `/api/tasks/${taskId}`, { expectedVersion: 1, status: 'done' }],
    ['GET', `/api/tasks/${taskId}/versions`, undefined],
    ['POST', `/api/tasks/${taskId}/versions/1/restore`, { expectedVersion: 1 }],
  ] as const;
}

for (const engine of engines()) {
  describe(`cases: who may see and change a case (${engine.engine})`, { skip: engine.skip }, () => {
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

    const listIds = async (member: TestMember, query = '') => {
      const res = await call(t, 'GET', `/api/cases${query}`, { cookie: member.cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ cases: CaseSummaryDto[] }>().cases.map((c) => c.id);
    };
    const dashboardOf = async (member: TestMember) => {
      const res = await call(t, 'GET', '/api/dashboard', { cookie: member.cookie });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<DashboardDto>();
    };

    test('another organisation’s case answers 404 on every route, exactly like a missing one, and changes nothing', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, worker);
      const task = await addTestTask(t, worker, kase);
      const consentId = await recordTestConsent(t, worker, kase, ['case']);
      const incident = await createTestIncident(t, org);
      const outsider = await createOrganisation(t, 'Elsewhere');
      const before = await countAuditEvents(t);
      for (const [method, url, payload] of caseRoutes(
        kase,
        task.id,
        consentId,
        incident.id,
        worker.id,
      )) {
        const res = await call(t, method, url, { cookie: outsider.admin.cookie, payload });
        assert.equal(res.statusCode, 404, `${method} ${url}: ${res.body}`);
      }
      assert.equal(await countAuditEvents(t), before, 'nothing was recorded');
      assert.ok(!(await listIds(outsider.admin)).includes(kase.id));
    });

    test('a restricted case: 404 everywhere to a case worker who is not assigned, absent from lists and the dashboard; an assigned member and an admin see it', async () => {
      const org = await createOrganisation(t);
      const assigned = await addMember(t, org, 'case_worker');
      const notAssigned = await addMember(t, org, 'case_worker');
      const coordinator = await addMember(t, org, 'coordinator');
      const kase = await createTestCase(t, org, assigned, { restricted: true, status: 'urgent' });
      const task = await addTestTask(t, assigned, kase, {
        dueAt: new Date(t.clock.now().getTime() + 86_400_000),
      });
      const consentId = await recordTestConsent(t, assigned, kase, ['case']);
      const incident = await createTestIncident(t, org);
      for (const outsider of [notAssigned, coordinator]) {
        const before = await countAuditEvents(t);
        for (const [method, url, payload] of caseRoutes(
          kase,
          task.id,
          consentId,
          incident.id,
          outsider.id,
        )) {
          const res = await call(t, method, url, { cookie: outsider.cookie, payload });
          // Roles without the route's permission get their usual 403 first.
          assert.ok(
            res.statusCode === 404 || res.statusCode === 403,
            `${outsider.role} ${method} ${url}: ${res.statusCode} ${res.body}`,
          );
          if (method === 'GET' && !url.includes('referral')) {
            assert.equal(res.statusCode, 404, `${outsider.role} ${method} ${url}`);
          }
        }
        assert.equal(await countAuditEvents(t), before, 'no refused request was recorded');
        assert.ok(!(await listIds(outsider)).includes(kase.id), 'not in the list');
        assert.ok(!(await listIds(outsider, '?restricted=true')).includes(kase.id));
        const dash = await dashboardOf(outsider);
        assert.ok(!dash.urgentCases.some((c) => c.id === kase.id), 'not among urgent cases');
      }

      // The same urgent restricted case is on the dashboard of the assigned member and an admin.
      for (const insider of [assigned, org.admin]) {
        assert.equal((await getCaseDetail(t, insider, kase.id)).case.restricted, true);
        assert.ok((await listIds(insider)).includes(kase.id));
        assert.ok((await dashboardOf(insider)).urgentCases.some((c) => c.id === kase.id));
      }
      assert.ok(
        (await dashboardOf(assigned)).tasks.some((x) => x.id === task.id),
        'the assignee’s task shows',
      );

      // Assigning the coordinator lets them in; unassigning shuts them out again and takes
      // back the notification naming the case.
      const put = await call(t, 'PUT', `/api/cases/${kase.id}/members/${coordinator.id}`, {
        cookie: org.admin.cookie,
        payload: {},
      });
      assert.equal(put.statusCode, 204, put.body);
      assert.equal(
        (await call(t, 'GET', `/api/cases/${kase.id}`, { cookie: coordinator.cookie })).statusCode,
        200,
      );
      const off = await call(t, 'DELETE', `/api/cases/${kase.id}/members/${coordinator.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(off.statusCode, 204);
      assert.equal(
        (await call(t, 'GET', `/api/cases/${kase.id}`, { cookie: coordinator.cookie })).statusCode,
        404,
      );
      const notes = await call(t, 'GET', '/api/notifications', { cookie: coordinator.cookie });
      assert.ok(
        !notes
          .json<{ notifications: { caseId: string | null }[] }>()
          .notifications.some((n) => n.caseId === kase.id),
      );
    });

    test('an intervention can be attached to a restricted case only by someone who sees it; to others the case is unknown', async () => {
      const org = await createOrganisation(t);
      const assigned = await addMember(t, org, 'case_worker');
      const notAssigned = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, assigned, { restricted: true });
      const refused = buildIntervention(org, { coded: { caseId: kase.id } });
      const res = await call(t, 'POST', '/api/interventions', {
        cookie: notAssigned.cookie,
        payload: refused.body,
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.body, /case_unknown/);
      const stored = await t.database.db
        .selectFrom('interventions')
        .select('id')
        .where('id', '=', refused.body.id)
        .execute();
      assert.equal(stored.length, 0, 'nothing stored');
      const allowed = buildIntervention(org, { coded: { caseId: kase.id } });
      const ok = await call(t, 'POST', '/api/interventions', {
        cookie: assigned.cookie,
        payload: allowed.body,
      });
      assert.equal(ok.statusCode, 201, ok.body);
    });

    test('a task owner on a restricted case must be able to see it', async () => {
      const org = await createOrganisation(t);
      const assigned = await addMember(t, org, 'case_worker');
      const notAssigned = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, assigned, { restricted: true });
      const res = await call(t, 'POST', `/api/cases/${kase.id}/tasks`, {
        cookie: assigned.cookie,
        payload: {
          id: crypto.randomUUID(),
          ownerMemberId: notAssigned.id,
          sealedTitle: seal(kase.recordKey, 'tasks', 'sealed_title', kase.id, 'x'),
        },
      });
      assert.equal(res.statusCode, 400);
      await addTestTask(t, assigned, kase, { ownerMemberId: org.admin.id });
    });

    test('a viewer reads cases but cannot change them; a monitor gets nothing', async () => {
      const org = await createOrganisation(t);
      const worker = await addMember(t, org, 'case_worker');
      const viewer = await addMember(t, org, 'viewer');
      const monitor = await addMember(t, org, 'monitor');
      const kase = await createTestCase(t, org, worker);
      const task = await addTestTask(t, worker, kase);
      assert.equal((await getCaseDetail(t, viewer, kase.id)).case.id, kase.id);
      assert.ok((await listIds(viewer)).includes(kase.id));
      for (const [method, url] of [
        ['GET', `/api/cases/${kase.id}/timeline`],
        ['GET', `/api/cases/${kase.id}/versions`],
        ['GET', `/api/tasks/${task.id}`],
        ['GET', '/api/dashboard'],
      ] as const) {
        assert.equal((await call(t, method, url, { cookie: viewer.cookie })).statusCode, 200, url);
      }
      const writes = [
        ['PATCH', `/api/cases/${kase.id}`, { expectedVersion: 1, restricted: true }],
        ['POST', `/api/cases/${kase.id}/status`, { expectedVersion: 1, status: 'active' }],
        ['PATCH', `/api/tasks/${task.id}`, { expectedVersion: 1, status: 'done' }],
      ] as const;
      for (const [method, url, payload] of writes) {
        const res = await call(t, method, url, { cookie: viewer.cookie, payload });
        assert.equal(res.statusCode, 403, `${method} ${url}`);
      }
      for (const url of [
        `/api/cases/${kase.id}`,
        '/api/cases',
        '/api/dashboard',
        `/api/tasks/${task.id}`,
      ]) {
        assert.equal((await call(t, 'GET', url, { cookie: monitor.cookie })).statusCode, 403, url);
      }
      const dash = await dashboardOf(viewer);
      assert.equal(dash.newReports, null, 'a viewer does not read reports');
      assert.equal(dash.pendingReferrals, null);
    });
  });
}
