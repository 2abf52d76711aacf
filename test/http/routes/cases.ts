// The cases module's routes for the route table (../route-table.ts). Each build makes the
// objects a valid request needs in `org`: cases opened by the organisation's admin (not
// restricted, so every role that reads cases sees them), partners and referrals.
import { randomUUID } from 'node:crypto';
import type { ConsentScope } from '../../../src/common/cases/vocabulary.ts';
import {
  addTestTask,
  buildReferral,
  createTestCase,
  createTestIncident,
  createTestPerson,
  makePartner,
  recordTestConsent,
  referCase,
  seal,
} from '../../helpers/cases.ts';
import { call } from '../../helpers/http.ts';
import { createOrganisation, type TestOrganisation } from '../../helpers/factories.ts';
import { createTestReport } from '../../helpers/reports.ts';
import type { TestApp } from '../../helpers/test-app.ts';
import { plain, type RouteCase } from '../route-case.ts';

const newCase = (t: TestApp, org: TestOrganisation) => createTestCase(t, org, org.admin);

/** A case of `org` with a consent, ready to refer to a fresh partner. */
async function referrable(t: TestApp, org: TestOrganisation, scope: ConsentScope[] = ['case']) {
  const partner = await createOrganisation(t, 'Partner');
  await makePartner(t, org, partner);
  const kase = await newCase(t, org);
  const consentId = await recordTestConsent(t, org.admin, kase, scope);
  return { partner, kase, consentId };
}

/** A referral from `org` to a fresh partner, pending. */
async function outgoingReferral(t: TestApp, org: TestOrganisation) {
  const { partner, kase, consentId } = await referrable(t, org);
  return referCase(t, org, org.admin, kase.id, { partner, consentId, scope: ['case'] });
}

/** A referral from a fresh organisation to `org`; accepted by `org`'s admin if asked. */
async function incomingReferral(t: TestApp, org: TestOrganisation, accept = false) {
  const from = await createOrganisation(t, 'Referrer');
  await makePartner(t, from, org);
  const kase = await newCase(t, from);
  const consentId = await recordTestConsent(t, from.admin, kase, ['case']);
  const id = await referCase(t, from, from.admin, kase.id, {
    partner: org,
    consentId,
    scope: ['case'],
  });
  if (accept) {
    const res = await call(t, 'POST', `/api/referrals/${id}/accept`, {
      cookie: org.admin.cookie,
      payload: {},
    });
    if (res.statusCode !== 200) throw new Error(`accept: ${res.statusCode} ${res.body}`);
  }
  return id;
}

/** A case that has a version 2, so a restore changes something. */
async function editedCase(t: TestApp, org: TestOrganisation) {
  const kase = await newCase(t, org);
  await call(t, 'PATCH', `/api/cases/${kase.id}`, {
    cookie: org.admin.cookie,
    payload: { expectedVersion: 1, contactAlertDays: 9 },
  });
  return kase;
}

export const CASES_ROUTES: RouteCase[] = [
  { method: 'GET', route: '/api/cases', need: 'cases.read', ok: 200, build: plain('/api/cases') },
  {
    method: 'POST',
    route: '/api/cases',
    need: 'cases.write',
    ok: 201,
    build: async () => {
      const id = randomUUID();
      return {
        url: '/api/cases',
        payload: {
          id,
          // Not a real sealed key: authorisation is decided before anything is opened.
          sealedRecordKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          sealedTitle: 'AAAAAAAAAAAA',
        },
      };
    },
  },
  {
    method: 'GET',
    route: '/api/cases/settings',
    need: 'cases.read',
    ok: 200,
    build: plain('/api/cases/settings'),
  },
  {
    method: 'PUT',
    route: '/api/cases/settings',
    need: 'organisation.update',
    ok: 200,
    build: plain('/api/cases/settings', { contactAlertDays: 5 }),
  },
  {
    method: 'GET',
    route: '/api/cases/:id',
    need: 'cases.read',
    ok: 200,
    build: async (t, org) => ({ url: `/api/cases/${(await newCase(t, org)).id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/cases/:id',
    need: 'cases.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/cases/${(await newCase(t, org)).id}`,
      payload: { expectedVersion: 1, contactAlertDays: 5 },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/cases/:id',
    need: 'records.delete',
    ok: 204,
    build: async (t, org) => ({ url: `/api/cases/${(await newCase(t, org)).id}` }),
  },
  {
    method: 'POST',
    route: '/api/cases/:id/status',
    need: 'cases.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/cases/${(await newCase(t, org)).id}/status`,
      payload: { expectedVersion: 1, status: 'active' },
    }),
  },
  {
    method: 'GET',
    route: '/api/cases/:id/versions',
    need: 'cases.read',
    ok: 200,
    build: async (t, org) => ({ url: `/api/cases/${(await newCase(t, org)).id}/versions` }),
  },
  {
    method: 'POST',
    route: '/api/cases/:id/versions/:version/restore',
    need: 'cases.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/cases/${(await editedCase(t, org)).id}/versions/1/restore`,
      payload: { expectedVersion: 2 },
    }),
  },
  {
    method: 'PUT',
    route: '/api/cases/:id/members/:memberId',
    need: 'cases.assign',
    ok: 204,
    build: async (t, org, actor) => ({
      url: `/api/cases/${(await newCase(t, org)).id}/members/${actor.id}`,
      payload: {},
    }),
  },
  {
    method: 'DELETE',
    route: '/api/cases/:id/members/:memberId',
    need: 'cases.assign',
    ok: 204,
    build: async (t, org) => ({
      url: `/api/cases/${(await newCase(t, org)).id}/members/${org.admin.id}`,
    }),
  },
  ...(['PUT', 'DELETE'] as const).flatMap((method): RouteCase[] => [
    {
      method,
      route: '/api/cases/:id/incidents/:incidentId',
      need: 'cases.write',
      ok: 204,
      build: async (t, org) => ({
        url: `/api/cases/${(await newCase(t, org)).id}/incidents/${(await createTestIncident(t, org)).id}`,
        ...(method === 'PUT' ? { payload: {} } : {}),
      }),
    },
    {
      method,
      route: '/api/cases/:id/people/:personId',
      need: 'cases.write',
      ok: 204,
      build: async (t, org) => ({
        url: `/api/cases/${(await newCase(t, org)).id}/people/${(await createTestPerson(t, org)).id}`,
        ...(method === 'PUT' ? { payload: {} } : {}),
      }),
    },
    {
      method,
      route: '/api/cases/:id/reports/:reportId',
      need: 'cases.write',
      ok: 204,
      build: async (t, org) => ({
        url: `/api/cases/${(await newCase(t, org)).id}/reports/${(await createTestReport(t, org, { status: 'accepted' })).reportId}`,
        ...(method === 'PUT' ? { payload: {} } : {}),
      }),
    },
  ]),
  ...(['timeline', 'tasks', 'contacts', 'consents', 'referrals'] as const).map(
    (part): RouteCase => ({
      method: 'GET',
      route: `/api/cases/:id/${part}`,
      need: 'cases.read',
      ok: 200,
      build: async (t, org) => ({ url: `/api/cases/${(await newCase(t, org)).id}/${part}` }),
    }),
  ),
  {
    method: 'POST',
    route: '/api/cases/:id/tasks',
    need: 'cases.write',
    ok: 201,
    build: async (t, org) => {
      const kase = await newCase(t, org);
      const id = randomUUID();
      return {
        url: `/api/cases/${kase.id}/tasks`,
        payload: { id, sealedTitle: seal(kase.recordKey, 'tasks', 'sealed_title', id, 'Call') },
      };
    },
  },
  {
    method: 'POST',
    route: '/api/cases/:id/contacts',
    need: 'cases.write',
    ok: 201,
    build: async (t, org) => ({
      url: `/api/cases/${(await newCase(t, org)).id}/contacts`,
      payload: { id: randomUUID(), contactedAt: t.clock.now().toISOString(), channel: 'phone' },
    }),
  },
  {
    method: 'POST',
    route: '/api/cases/:id/consents',
    need: 'cases.write',
    ok: 201,
    build: async (t, org) => {
      const kase = await newCase(t, org);
      const id = randomUUID();
      return {
        url: `/api/cases/${kase.id}/consents`,
        payload: {
          id,
          source: 'recorded',
          scope: ['case'],
          sealedNote: seal(kase.recordKey, 'consents', 'sealed_note', id, 'By phone'),
        },
      };
    },
  },
  {
    method: 'POST',
    route: '/api/cases/:id/consents/:consentId/withdraw',
    need: 'cases.write',
    ok: 200,
    build: async (t, org) => {
      const kase = await newCase(t, org);
      const consentId = await recordTestConsent(t, org.admin, kase, ['case']);
      return { url: `/api/cases/${kase.id}/consents/${consentId}/withdraw`, payload: {} };
    },
  },
  {
    method: 'GET',
    route: '/api/cases/:id/referral-plan',
    need: 'referrals.send',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/cases/${(await newCase(t, org)).id}/referral-plan?scope=case,incidents`,
    }),
  },
  {
    method: 'POST',
    route: '/api/cases/:id/referrals',
    need: 'referrals.send',
    ok: 201,
    build: async (t, org) => {
      const { partner, kase, consentId } = await referrable(t, org);
      return {
        url: `/api/cases/${kase.id}/referrals`,
        payload: await buildReferral(t, org, org.admin, kase.id, {
          partner: { id: partner.id, publicKey: partner.orgKeyPair.publicKey },
          consentId,
          scope: ['case'],
        }),
      };
    },
  },
  { method: 'GET', route: '/api/tasks', need: 'cases.read', ok: 200, build: plain('/api/tasks') },
  {
    method: 'GET',
    route: '/api/tasks/:id',
    need: 'cases.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/tasks/${(await addTestTask(t, org.admin, await newCase(t, org))).id}`,
    }),
  },
  {
    method: 'PATCH',
    route: '/api/tasks/:id',
    need: 'cases.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/tasks/${(await addTestTask(t, org.admin, await newCase(t, org))).id}`,
      payload: { expectedVersion: 1, status: 'done' },
    }),
  },
  {
    method: 'GET',
    route: '/api/tasks/:id/versions',
    need: 'cases.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/tasks/${(await addTestTask(t, org.admin, await newCase(t, org))).id}/versions`,
    }),
  },
  {
    method: 'POST',
    route: '/api/tasks/:id/versions/:version/restore',
    need: 'cases.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/tasks/${(await addTestTask(t, org.admin, await newCase(t, org))).id}/versions/1/restore`,
      payload: { expectedVersion: 1 },
    }),
  },
  {
    method: 'GET',
    route: '/api/referrals',
    need: 'referrals.decide',
    ok: 200,
    build: plain('/api/referrals?direction=incoming'),
  },
  {
    method: 'GET',
    route: '/api/referrals/:id',
    need: 'referrals.decide',
    ok: 200,
    build: async (t, org) => ({ url: `/api/referrals/${await incomingReferral(t, org)}` }),
  },
  ...(['accept', 'decline'] as const).map((verb): RouteCase => ({
    method: 'POST',
    route: `/api/referrals/:id/${verb}`,
    need: 'referrals.decide',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/referrals/${await incomingReferral(t, org)}/${verb}`,
      payload: {},
    }),
  })),
  {
    method: 'POST',
    route: '/api/referrals/:id/withdraw',
    need: 'referrals.send',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/referrals/${await outgoingReferral(t, org)}/withdraw`,
      payload: {},
    }),
  },
  {
    method: 'GET',
    route: '/api/referrals/:id/bundle',
    need: 'cases.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/referrals/${await incomingReferral(t, org, true)}/bundle`,
    }),
  },
  {
    method: 'GET',
    route: '/api/partners',
    need: 'referrals.send',
    ok: 200,
    build: plain('/api/partners'),
  },
  {
    method: 'GET',
    route: '/api/partners/organisations',
    need: 'partners.manage',
    ok: 200,
    build: plain('/api/partners/organisations'),
  },
  {
    method: 'PUT',
    route: '/api/partners/:organisationId',
    need: 'partners.manage',
    ok: 204,
    build: async (t) => ({
      url: `/api/partners/${(await createOrganisation(t, 'Partner')).id}`,
      payload: {},
    }),
  },
  {
    method: 'DELETE',
    route: '/api/partners/:organisationId',
    need: 'partners.manage',
    ok: 204,
    build: async (t, org) => {
      const partner = await createOrganisation(t, 'Partner');
      await makePartner(t, org, partner);
      return { url: `/api/partners/${partner.id}` };
    },
  },
  {
    method: 'GET',
    route: '/api/partners/:organisationId/public-key',
    need: 'referrals.send',
    ok: 200,
    build: async (t, org) => {
      const partner = await createOrganisation(t, 'Partner');
      await makePartner(t, org, partner);
      return { url: `/api/partners/${partner.id}/public-key` };
    },
  },
  {
    method: 'GET',
    route: '/api/dashboard',
    need: 'cases.read',
    ok: 200,
    build: plain('/api/dashboard'),
  },
];
