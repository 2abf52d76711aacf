// Every route of the app with what it needs (a permission from ROLE_PERMISSIONS, any
// signed-in member, or nothing) and how to build a valid request for a given actor. The
// authorisation and header tests walk this table; a test fails when the app has a route
// the table lacks, so no new route can skip them.
import * as OTPAuth from 'otpauth';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import { sealTo } from '../../src/common/crypto/envelope.ts';
import {
  approvalFor,
  enrolTotp,
  invite,
  acceptInvitation,
  passwordChangeFor,
  codeNow,
} from '../helpers/accounts.ts';
import type { TestMember, TestOrganisation } from '../helpers/factories.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { randomHex } from '../helpers/http.ts';
import { createTestReport } from '../helpers/reports.ts';
import { plain, type RouteCase, type Built } from './route-case.ts';
import { CASES_ROUTES } from './routes/cases.ts';
import { RECORDS_ROUTES } from './routes/records.ts';
import { EVIDENCE_ROUTES } from './routes/evidence.ts';
import { EVIDENCE_CAPTURE_ROUTES } from './routes/evidence-capture.ts';
import { MONITORING_ROUTES } from './routes/monitoring.ts';

export type { Need, Built, RouteCase } from './route-case.ts';

/** The organisation's own session id of `actor` (their current one). */
async function currentSessionId(t: TestApp, actor: TestMember): Promise<string> {
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/me/sessions',
    headers: { cookie: actor.cookie },
  });
  const found = res
    .json<{ sessions: { id: string; current: boolean }[] }>()
    .sessions.find((s) => s.current);
  if (!found) throw new Error(`no current session: ${res.statusCode} ${res.body}`);
  return found.id;
}

/** A fresh pending member of `org` (invited and accepted, not approved). */
async function pendingOf(t: TestApp, org: TestOrganisation): Promise<TestMember> {
  return acceptInvitation(t, org, (await invite(t, org)).token);
}

export const AUTHENTICATED_ROUTES: RouteCase[] = [
  { method: 'GET', route: '/api/me', need: 'self', ok: 200, build: plain('/api/me') },
  {
    method: 'PATCH',
    route: '/api/me',
    need: 'self',
    ok: 200,
    build: plain('/api/me', { locale: 'ru' }),
  },
  {
    method: 'POST',
    route: '/api/me/password',
    need: 'self',
    ok: 200,
    build: async (t, _org, actor) => ({
      url: '/api/me/password',
      payload: (await passwordChangeFor(t, actor)).body,
    }),
  },
  {
    method: 'GET',
    route: '/api/me/sessions',
    need: 'self',
    ok: 200,
    build: plain('/api/me/sessions'),
  },
  {
    method: 'DELETE',
    route: '/api/me/sessions/:id',
    need: 'self',
    ok: 204,
    build: async (t, _org, actor) => ({
      url: `/api/me/sessions/${await currentSessionId(t, actor)}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/me/totp/setup',
    need: 'self',
    ok: 200,
    build: plain('/api/me/totp/setup', {}),
  },
  {
    method: 'POST',
    route: '/api/me/totp/enable',
    need: 'self',
    ok: 200,
    build: async (t, _org, actor) => {
      const setup = await t.app.inject({
        method: 'POST',
        url: '/api/me/totp/setup',
        headers: { cookie: actor.cookie },
        payload: {},
      });
      const { secret } = setup.json<{ secret: string }>();
      return {
        url: '/api/me/totp/enable',
        payload: { code: codeNow(t, new Uint8Array(OTPAuth.Secret.fromBase32(secret).bytes)) },
      };
    },
  },
  {
    method: 'POST',
    route: '/api/me/totp/disable',
    need: 'self',
    ok: 204,
    build: async (t, _org, actor) => {
      const { secret } = await enrolTotp(t, actor.cookie);
      t.clock.advance(30_000);
      return { url: '/api/me/totp/disable', payload: { code: codeNow(t, secret) } };
    },
  },
  {
    method: 'GET',
    route: '/api/organisation',
    need: 'organisation.read',
    ok: 200,
    build: plain('/api/organisation'),
  },
  {
    method: 'PATCH',
    route: '/api/organisation',
    need: 'organisation.update',
    ok: 200,
    build: plain('/api/organisation', { name: 'Renamed' }),
  },
  {
    method: 'GET',
    route: '/api/members',
    need: 'members.read',
    ok: 200,
    build: plain('/api/members'),
  },
  {
    method: 'POST',
    route: '/api/members/:id/approve',
    need: 'members.manage',
    ok: 200,
    build: async (t, org) => {
      const pending = await pendingOf(t, org);
      return { url: `/api/members/${pending.id}/approve`, payload: approvalFor(org, pending) };
    },
  },
  {
    method: 'PATCH',
    route: '/api/members/:id',
    need: 'members.manage',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/members/${(await pendingOf(t, org)).id}`,
      payload: { role: 'viewer' },
    }),
  },
  {
    method: 'POST',
    route: '/api/members/:id/disable',
    need: 'members.manage',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/members/${(await pendingOf(t, org)).id}/disable`,
      payload: {},
    }),
  },
  {
    method: 'GET',
    route: '/api/invitations',
    need: 'invitations.manage',
    ok: 200,
    build: plain('/api/invitations'),
  },
  {
    method: 'POST',
    route: '/api/invitations',
    need: 'invitations.manage',
    ok: 201,
    build: plain('/api/invitations', { role: 'viewer' }),
  },
  {
    method: 'DELETE',
    route: '/api/invitations/:id',
    need: 'invitations.manage',
    ok: 204,
    build: async (t, org) => ({ url: `/api/invitations/${(await invite(t, org)).id}` }),
  },
  {
    method: 'GET',
    route: '/api/keys/status',
    need: 'keys.read',
    ok: 200,
    build: plain('/api/keys/status'),
  },
  {
    method: 'GET',
    route: '/api/audit',
    need: 'audit.read',
    ok: 200,
    build: plain('/api/audit?limit=5'),
  },
  // ---- intake: the triage inbox, notifications ----
  {
    method: 'GET',
    route: '/api/reports',
    need: 'reports.read',
    ok: 200,
    build: plain('/api/reports?status=open'),
  },
  {
    method: 'GET',
    route: '/api/reports/:id',
    need: 'reports.read',
    ok: 200,
    build: async (t, org) => ({ url: `/api/reports/${(await createTestReport(t, org)).reportId}` }),
  },
  {
    method: 'GET',
    route: '/api/reports/:id/files/:fileId',
    need: 'reports.read',
    ok: 200,
    build: async (t, org) => {
      const report = await createTestReport(t, org, {
        files: [{ name: 'note.txt', type: 'text/plain', bytes: new TextEncoder().encode('x') }],
      });
      return { url: `/api/reports/${report.reportId}/files/${report.fileIds[0] ?? ''}` };
    },
  },
  {
    method: 'POST',
    route: '/api/reports/:id/status',
    need: 'reports.triage',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/reports/${(await createTestReport(t, org)).reportId}/status`,
      payload: { status: 'in_progress' },
    }),
  },
  {
    method: 'POST',
    route: '/api/reports/:id/assignment',
    need: 'reports.triage',
    ok: 200,
    build: async (t, org, actor) => ({
      url: `/api/reports/${(await createTestReport(t, org)).reportId}/assignment`,
      payload: { memberId: actor.id },
    }),
  },
  {
    method: 'POST',
    route: '/api/reports/:id/messages',
    need: 'reports.triage',
    ok: 201,
    build: async (t, org) => {
      const report = await createTestReport(t, org);
      return {
        url: `/api/reports/${report.reportId}/messages`,
        payload: {
          sealedForOrg: toB64(sealTo(org.orgKeyPair.publicKey, 'Hello')),
          sealedForReporter: toB64(sealTo(report.reporterKeyPair.publicKey, 'Hello')),
        },
      };
    },
  },
  {
    method: 'GET',
    route: '/api/notifications',
    // Readers of reports or of cases; every role that reads reports also reads cases.
    need: 'cases.read',
    ok: 200,
    build: plain('/api/notifications'),
  },
  {
    method: 'POST',
    route: '/api/notifications/read',
    // Readers of reports or of cases; every role that reads reports also reads cases.
    need: 'cases.read',
    ok: 204,
    build: plain('/api/notifications/read', {}),
  },
  {
    method: 'GET',
    route: '/api/me/notification-email',
    need: 'reports.read',
    ok: 200,
    build: plain('/api/me/notification-email'),
  },
  {
    method: 'PUT',
    route: '/api/me/notification-email',
    need: 'reports.read',
    ok: 200,
    build: plain('/api/me/notification-email', { email: 'alerts@example.org' }),
  },
  ...RECORDS_ROUTES,
  ...CASES_ROUTES,
  ...EVIDENCE_ROUTES,
  ...EVIDENCE_CAPTURE_ROUTES,
  ...MONITORING_ROUTES,
];

const fakeToken = () => `unused-token-${randomHex(16)}`;
const fakeKey = () => toB64(new Uint8Array(32));

/** Routes that need no session: their own tests check them; here they only need listing. */
export const PUBLIC_ROUTES: { method: string; route: string; build(): Built }[] = [
  { method: 'GET', route: '/', build: () => ({ url: '/' }) },
  { method: 'GET', route: '/app', build: () => ({ url: '/app/' }) },
  { method: 'GET', route: '/app/*', build: () => ({ url: '/app/cases/1' }) },
  { method: 'GET', route: '/healthz', build: () => ({ url: '/healthz' }) },
  // The built script of the public report pages (404 until `npm run build`).
  {
    method: 'GET',
    route: '/public/report-form.js',
    build: () => ({ url: '/public/report-form.js' }),
  },
  {
    method: 'GET',
    route: '/public/report-form/:file',
    build: () => ({ url: '/public/report-form/not-built.js' }),
  },
  { method: 'GET', route: '/api/openapi.json', build: () => ({ url: '/api/openapi.json' }) },
  { method: 'GET', route: '/api/setup/status', build: () => ({ url: '/api/setup/status' }) },
  { method: 'POST', route: '/api/setup', build: () => ({ url: '/api/setup', payload: {} }) },
  {
    method: 'POST',
    route: '/api/invitations/inspect',
    build: () => ({ url: '/api/invitations/inspect', payload: { token: fakeToken() } }),
  },
  {
    method: 'POST',
    route: '/api/invitations/accept',
    build: () => ({ url: '/api/invitations/accept', payload: {} }),
  },
  {
    method: 'POST',
    route: '/api/auth/prelogin',
    build: () => ({ url: '/api/auth/prelogin', payload: { email: 'someone@example.org' } }),
  },
  {
    method: 'POST',
    route: '/api/auth/login',
    build: () => ({
      url: '/api/auth/login',
      payload: { email: 'someone@example.org', authKey: fakeKey() },
    }),
  },
  {
    method: 'POST',
    route: '/api/auth/totp',
    build: () => ({ url: '/api/auth/totp', payload: { challenge: fakeToken(), code: '123456' } }),
  },
  // Logout needs no session: without one it just clears the cookie.
  {
    method: 'POST',
    route: '/api/auth/logout',
    build: () => ({ url: '/api/auth/logout', payload: {} }),
  },
  {
    method: 'POST',
    route: '/api/recovery/start',
    build: () => ({ url: '/api/recovery/start', payload: { organisationSlug: 'no-such-org' } }),
  },
  {
    method: 'POST',
    route: '/api/recovery/complete',
    build: () => ({ url: '/api/recovery/complete', payload: {} }),
  },
  // Public report pages (server-rendered; test/intake/public-*.test.ts check them).
  { method: 'GET', route: '/report', build: () => ({ url: '/report' }) },
  { method: 'GET', route: '/report/:slug', build: () => ({ url: '/report/no-such-org' }) },
  { method: 'POST', route: '/report/:slug', build: () => ({ url: '/report/no-such-org' }) },
  { method: 'GET', route: '/return', build: () => ({ url: '/return' }) },
  { method: 'POST', route: '/return', build: () => ({ url: '/return', payload: {} }) },
  { method: 'GET', route: '/return/report', build: () => ({ url: '/return/report' }) },
  {
    method: 'POST',
    route: '/return/messages',
    build: () => ({ url: '/return/messages', payload: {} }),
  },
  {
    method: 'POST',
    route: '/return/sign-out',
    build: () => ({ url: '/return/sign-out', payload: {} }),
  },
  { method: 'GET', route: '/public/:file', build: () => ({ url: '/public/style.css' }) },
];

/** Web-app routes that exist only once dist/web is built. */
export const OPTIONAL_ROUTES = [{ method: 'GET', route: '/app/assets/*' }];
