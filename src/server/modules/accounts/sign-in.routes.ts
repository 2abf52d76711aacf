// Public accounts routes: first-run setup, invitations, sign-in and recovery. None
// needs a session; each one that creates a session sets the cookie.
// Each route reads as: schema → authenticate → use case (which authorises) → present.
import type { FastifyInstance } from 'fastify';
import type { AccountsDeps } from './accounts.deps.ts';
import * as api from '../../../common/api/accounts.ts';
import { deviceOf, errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import { countOrganisations } from './organisations.repository.ts';
import { acceptInvitation } from './accept-invitation.ts';
import { completeRecovery } from './complete-recovery.ts';
import { completeSetup } from './complete-setup.ts';
import { completeTotpLogin } from './complete-totp-login.ts';
import { endSession } from './end-session.ts';
import { inspectInvitation } from './inspect-invitation.ts';
import { login } from './login.ts';
import { prelogin } from './prelogin.ts';
import { startRecovery } from './start-recovery.ts';

export function registerSignInRoutes(instance: FastifyInstance, deps: AccountsDeps): void {
  const app = typed(instance);
  const tags = ['accounts'];

  // ---- first-run setup ----
  app.get(
    '/api/setup/status',
    { schema: { tags, response: { 200: api.setupStatusResponse, ...errorResponses } } },
    async () => ({
      needsSetup: (await countOrganisations(deps.db)) === 0,
    }),
  );

  app.post(
    '/api/setup',
    {
      schema: {
        tags,
        body: api.setupRequest,
        response: { 201: api.setupResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await completeSetup({
        deps,
        request: request.body,
        device: deviceOf(request.headers),
      });
      setSessionCookie(reply, created.sessionToken);
      return reply
        .code(201)
        .send({ organisationId: created.organisationId, memberId: created.memberId });
    },
  );

  // ---- invitations (public side) ----
  app.post(
    '/api/invitations/inspect',
    {
      schema: {
        tags,
        body: api.inspectInvitationRequest,
        response: { 200: api.inspectInvitationResponse, ...errorResponses },
      },
    },
    async (request) => inspectInvitation({ deps, token: request.body.token }),
  );

  app.post(
    '/api/invitations/accept',
    {
      schema: {
        tags,
        body: api.acceptInvitationRequest,
        response: { 201: api.acceptInvitationResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const accepted = await acceptInvitation({
        deps,
        token: request.body.token,
        credentials: request.body.credentials,
        device: deviceOf(request.headers),
      });
      setSessionCookie(reply, accepted.sessionToken);
      return reply.code(201).send({ memberId: accepted.memberId, status: accepted.status });
    },
  );

  // ---- login ----
  app.post(
    '/api/auth/prelogin',
    {
      schema: {
        tags,
        body: api.preloginRequest,
        response: { 200: api.preloginResponse, ...errorResponses },
      },
    },
    async (request) => ({ kdf: await prelogin({ deps, email: request.body.email }) }),
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        body: api.loginRequest,
        response: { 200: api.loginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await login({
        deps,
        email: request.body.email,
        authKey: request.body.authKey,
        device: deviceOf(request.headers),
      });
      if (result.next === 'totp') return { next: 'totp' as const, challenge: result.challenge };
      setSessionCookie(reply, result.sessionToken);
      return { next: 'done' as const };
    },
  );

  app.post(
    '/api/auth/totp',
    {
      schema: {
        tags,
        body: api.totpLoginRequest,
        response: { 200: api.loginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sessionToken } = await completeTotpLogin({ deps, ...request.body });
      setSessionCookie(reply, sessionToken);
      return { next: 'done' as const };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, body: api.emptyRequest, response: { 204: noContent, ...errorResponses } } },
    async (request, reply) => {
      if (request.auth)
        await endSession({ deps, actor: request.auth.actor, sessionId: request.auth.sessionId });
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  // ---- recovery with the organisation recovery key ----
  app.post(
    '/api/recovery/start',
    {
      schema: {
        tags,
        body: api.recoveryStartRequest,
        response: { 200: api.recoveryStartResponse, ...errorResponses },
      },
    },
    async (request) => startRecovery({ deps, organisationSlug: request.body.organisationSlug }),
  );

  app.post(
    '/api/recovery/complete',
    {
      schema: {
        tags,
        body: api.recoveryCompleteRequest,
        response: { 200: api.emptyRequest, ...errorResponses },
      },
    },
    async (request) => {
      await completeRecovery({ deps, request: request.body });
      return {};
    },
  );
}
