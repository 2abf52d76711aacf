// The accounts use cases as audit-log cases: how to set each one up in a fresh
// organisation, the one request under test, its status, and the events it must record
// ([] for a refusal). Walked by events.test.ts.
import type { LightMyRequestResponse } from 'fastify';
import * as OTPAuth from 'otpauth';
import {
  acceptInvitation,
  approvalFor,
  codeNow,
  invite,
  inviteeFor,
  passwordChangeFor,
  passwordStep,
  totpChallenge,
} from '../helpers/accounts.ts';
import { addMember, loginCookie, type TestOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import type { TestApp } from '../helpers/test-app.ts';

export type Request = () => Promise<LightMyRequestResponse>;

export interface Case {
  name: string;
  status: number;
  /** What the request must record for the organisation, in order; [] for a refusal. */
  actions: string[];
  /** Turns 2FA on for the admin first. */
  totp?: boolean;
  /** Sets the scene in a fresh organisation and returns the one request under test. */
  prepare(
    t: TestApp,
    org: TestOrganisation,
    totp: { secret: Uint8Array; codes: string[] },
  ): Promise<Request>;
}

export const sessionsOf = async (t: TestApp, cookie: string) =>
  (await call(t, 'GET', '/api/me/sessions', { cookie })).json<{
    sessions: { id: string; current: boolean }[];
  }>().sessions;

export const CASES: Case[] = [
  // ---- mutations and what they record
  {
    name: 'create invitation',
    status: 201,
    actions: ['invitation.created'],
    prepare: async (t, org) => () =>
      call(t, 'POST', '/api/invitations', {
        cookie: org.admin.cookie,
        payload: { role: 'viewer' },
      }),
  },
  {
    name: 'accept invitation',
    status: 201,
    actions: ['invitation.accepted', 'session.started'],
    prepare: async (t, org) => {
      const { token } = await invite(t, org);
      return () =>
        call(t, 'POST', '/api/invitations/accept', {
          payload: { token, credentials: inviteeFor(org).credentials },
        });
    },
  },
  {
    name: 'revoke invitation',
    status: 204,
    actions: ['invitation.revoked'],
    prepare: async (t, org) => {
      const { id } = await invite(t, org);
      return () => call(t, 'DELETE', `/api/invitations/${id}`, { cookie: org.admin.cookie });
    },
  },
  {
    name: 'approve member',
    status: 200,
    actions: ['member.approved'],
    prepare: async (t, org) => {
      const pending = await acceptInvitation(t, org, (await invite(t, org)).token);
      return () =>
        call(t, 'POST', `/api/members/${pending.id}/approve`, {
          cookie: org.admin.cookie,
          payload: approvalFor(org, pending),
        });
    },
  },
  {
    name: 'change role',
    status: 200,
    actions: ['member.role_changed'],
    prepare: async (t, org) => {
      const viewer = await addMember(t, org, 'viewer');
      return () =>
        call(t, 'PATCH', `/api/members/${viewer.id}`, {
          cookie: org.admin.cookie,
          payload: { role: 'lawyer' },
        });
    },
  },
  {
    name: 'disable member',
    status: 200,
    actions: ['member.disabled'],
    prepare: async (t, org) => {
      const viewer = await addMember(t, org, 'viewer');
      return () =>
        call(t, 'POST', `/api/members/${viewer.id}/disable`, {
          cookie: org.admin.cookie,
          payload: {},
        });
    },
  },
  {
    name: 'list members (a read of sealed data)',
    status: 200,
    actions: ['members.read'],
    prepare: async (t, org) => () => call(t, 'GET', '/api/members', { cookie: org.admin.cookie }),
  },
  {
    name: 'login',
    status: 200,
    actions: ['session.started'],
    prepare: async (t, org) => () => passwordStep(t, org.admin.email, org.admin.password),
  },
  {
    name: 'failed login',
    status: 401,
    actions: ['login.failed'],
    prepare: async (t, org) => () => passwordStep(t, org.admin.email, 'not the password'),
  },
  {
    name: 'logout',
    status: 204,
    actions: ['session.ended'],
    prepare: async (t, org) => () =>
      call(t, 'POST', '/api/auth/logout', { cookie: org.admin.cookie, payload: {} }),
  },
  {
    name: 'end another own session',
    status: 204,
    actions: ['session.ended'],
    prepare: async (t, org) => {
      const other = await loginCookie(t, org.admin.email, org.admin.password);
      const id = (await sessionsOf(t, other)).find((s) => s.current)?.id ?? '';
      return () => call(t, 'DELETE', `/api/me/sessions/${id}`, { cookie: org.admin.cookie });
    },
  },
  {
    name: 'change locale',
    status: 200,
    actions: ['member.updated'],
    prepare: async (t, org) => () =>
      call(t, 'PATCH', '/api/me', { cookie: org.admin.cookie, payload: { locale: 'ru' } }),
  },
  {
    name: 'update organisation',
    status: 200,
    actions: ['organisation.updated'],
    prepare: async (t, org) => () =>
      call(t, 'PATCH', '/api/organisation', {
        cookie: org.admin.cookie,
        payload: { name: 'New name' },
      }),
  },
  {
    name: 'change password',
    status: 200,
    actions: ['member.password_changed', 'session.started'],
    prepare: async (t, org) => {
      const { body } = await passwordChangeFor(t, org.admin);
      return () => call(t, 'POST', '/api/me/password', { cookie: org.admin.cookie, payload: body });
    },
  },
  {
    name: 'start 2FA setup',
    status: 200,
    actions: ['member.totp_setup_started'],
    prepare: async (t, org) => () =>
      call(t, 'POST', '/api/me/totp/setup', { cookie: org.admin.cookie, payload: {} }),
  },
  {
    name: 'enable 2FA',
    status: 200,
    actions: ['member.totp_enabled'],
    prepare: async (t, org) => {
      const setup = await call(t, 'POST', '/api/me/totp/setup', {
        cookie: org.admin.cookie,
        payload: {},
      });
      const secret = new Uint8Array(
        OTPAuth.Secret.fromBase32(setup.json<{ secret: string }>().secret).bytes,
      );
      return () =>
        call(t, 'POST', '/api/me/totp/enable', {
          cookie: org.admin.cookie,
          payload: { code: codeNow(t, secret) },
        });
    },
  },
  {
    name: '2FA login',
    status: 200,
    actions: ['session.started'],
    totp: true,
    prepare: async (t, org, { secret }) => {
      const challenge = await totpChallenge(t, org.admin.email, org.admin.password);
      t.clock.advance(30_000);
      return () =>
        call(t, 'POST', '/api/auth/totp', { payload: { challenge, code: codeNow(t, secret) } });
    },
  },
  {
    name: 'failed 2FA code (a reused one)',
    status: 401,
    actions: ['login.failed'],
    totp: true,
    prepare: async (t, org, { secret }) => {
      const challenge = await totpChallenge(t, org.admin.email, org.admin.password);
      return () =>
        call(t, 'POST', '/api/auth/totp', { payload: { challenge, code: codeNow(t, secret) } });
    },
  },
  {
    name: 'recovery code login',
    status: 200,
    actions: ['session.started'],
    totp: true,
    prepare: async (t, org, { codes }) => {
      const challenge = await totpChallenge(t, org.admin.email, org.admin.password);
      return () =>
        call(t, 'POST', '/api/auth/totp', { payload: { challenge, recoveryCode: codes[0] } });
    },
  },
  {
    name: 'disable 2FA',
    status: 204,
    actions: ['member.totp_disabled'],
    totp: true,
    prepare: async (t, org, { secret }) => {
      t.clock.advance(30_000);
      return () =>
        call(t, 'POST', '/api/me/totp/disable', {
          cookie: org.admin.cookie,
          payload: { code: codeNow(t, secret) },
        });
    },
  },
  // ---- refusals record nothing
  {
    name: 'invite as a viewer',
    status: 403,
    actions: [],
    prepare: async (t, org) => {
      const viewer = await addMember(t, org, 'viewer');
      return () =>
        call(t, 'POST', '/api/invitations', { cookie: viewer.cookie, payload: { role: 'admin' } });
    },
  },
  {
    name: 'accept a used invitation',
    status: 410,
    actions: [],
    prepare: async (t, org) => {
      const { token } = await invite(t, org);
      await acceptInvitation(t, org, token);
      return () =>
        call(t, 'POST', '/api/invitations/accept', {
          payload: { token, credentials: inviteeFor(org).credentials },
        });
    },
  },
  {
    name: 'approve an active member',
    status: 409,
    actions: [],
    prepare: async (t, org) => {
      const viewer = await addMember(t, org, 'viewer');
      return () =>
        call(t, 'POST', `/api/members/${viewer.id}/approve`, {
          cookie: org.admin.cookie,
          payload: approvalFor(org, viewer),
        });
    },
  },
  {
    name: 'demote the last admin',
    status: 409,
    actions: [],
    prepare: async (t, org) => () =>
      call(t, 'PATCH', `/api/members/${org.admin.id}`, {
        cookie: org.admin.cookie,
        payload: { role: 'viewer' },
      }),
  },
  {
    name: 'disable oneself',
    status: 409,
    actions: [],
    prepare: async (t, org) => () =>
      call(t, 'POST', `/api/members/${org.admin.id}/disable`, {
        cookie: org.admin.cookie,
        payload: {},
      }),
  },
  {
    name: 'update organisation as a coordinator',
    status: 403,
    actions: [],
    prepare: async (t, org) => {
      const coordinator = await addMember(t, org, 'coordinator');
      return () =>
        call(t, 'PATCH', '/api/organisation', {
          cookie: coordinator.cookie,
          payload: { name: 'x' },
        });
    },
  },
  {
    name: 'change password with a wrong current one',
    status: 403,
    actions: [],
    prepare: async (t, org) => {
      const { body } = await passwordChangeFor(t, { ...org.admin, password: 'wrong' });
      return () => call(t, 'POST', '/api/me/password', { cookie: org.admin.cookie, payload: body });
    },
  },
  {
    name: 'enable 2FA with a wrong code',
    status: 400,
    actions: [],
    prepare: async (t, org) => {
      await call(t, 'POST', '/api/me/totp/setup', { cookie: org.admin.cookie, payload: {} });
      return () =>
        call(t, 'POST', '/api/me/totp/enable', {
          cookie: org.admin.cookie,
          payload: { code: '000000' },
        });
    },
  },
  {
    name: 'end an unknown session',
    status: 404,
    actions: [],
    prepare: async (t, org) => () =>
      call(t, 'DELETE', `/api/me/sessions/${crypto.randomUUID()}`, { cookie: org.admin.cookie }),
  },
];
