// Accounts HTTP routes. Each reads as: schema → authenticate → authorise (in the use
// case) → use case → present. No SQL and no business rule here.
import type { FastifyInstance } from 'fastify';
import * as api from '../../../common/api/accounts.ts';
import { requireActiveActor, requireActor, requireSessionId } from '../../http/authenticate.ts';
import { deviceOf, errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import {
  presentInvitation,
  presentMember,
  presentOrganisation,
  presentSession,
} from './accounts.presenter.ts';
import { countOrganisations, findKeyGrant } from './accounts.repository.ts';
import { acceptInvitation } from './accept-invitation.ts';
import { approveMember } from './approve-member.ts';
import { changeMemberRole } from './change-member-role.ts';
import { changePassword } from './change-password.ts';
import { completeRecovery } from './complete-recovery.ts';
import { completeSetup } from './complete-setup.ts';
import { completeTotpLogin } from './complete-totp-login.ts';
import { createInvitation } from './create-invitation.ts';
import { disableMember } from './disable-member.ts';
import { disableTotp } from './disable-totp.ts';
import { enableTotp } from './enable-totp.ts';
import { endSession } from './end-session.ts';
import { getKeyStatus } from './get-key-status.ts';
import { getMe } from './get-me.ts';
import { inspectInvitation } from './inspect-invitation.ts';
import { listInvitations } from './list-invitations.ts';
import { listMembers } from './list-members.ts';
import { listOwnSessions } from './list-own-sessions.ts';
import { login } from './login.ts';
import { prelogin } from './prelogin.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { setupTotp } from './setup-totp.ts';
import { startRecovery } from './start-recovery.ts';
import { updateOrganisation } from './update-organisation.ts';
import { updateOwnLocale } from './update-own-locale.ts';
import { authorise } from './accounts.policy.ts';
import { findOrganisation } from './accounts.repository.ts';
import { notFound } from '../../http/errors.ts';
import { z } from 'zod';

const idParams = api.memberIdParams;

export function registerAccountsRoutes(instance: FastifyInstance, deps: AccountsDeps): void {
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

  // ---- the signed-in member ----
  app.get(
    '/api/me',
    { schema: { tags, response: { 200: api.meResponse, ...errorResponses } } },
    async (request) => getMe({ deps, actor: requireActor(request) }),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags,
        body: api.updateMeRequest,
        response: { 200: api.meResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateOwnLocale({ deps, actor, locale: request.body.locale });
      return getMe({ deps, actor });
    },
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        tags,
        body: api.changePasswordRequest,
        response: { 200: api.emptyRequest, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sessionToken } = await changePassword({
        deps,
        actor: requireActor(request),
        request: request.body,
        device: deviceOf(request.headers),
      });
      setSessionCookie(reply, sessionToken);
      return {};
    },
  );

  app.get(
    '/api/me/sessions',
    { schema: { tags, response: { 200: api.listSessionsResponse, ...errorResponses } } },
    async (request) => {
      const actor = requireActor(request);
      const sessions = await listOwnSessions({ deps, actor });
      return { sessions: sessions.map((s) => presentSession(s, requireSessionId(request))) };
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    { schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await endSession({ deps, actor, sessionId: request.params.id });
      if (request.params.id === requireSessionId(request)) clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/totp/setup',
    {
      schema: {
        tags,
        body: api.emptyRequest,
        response: { 200: api.totpSetupResponse, ...errorResponses },
      },
    },
    async (request) => setupTotp({ deps, actor: requireActor(request) }),
  );

  app.post(
    '/api/me/totp/enable',
    {
      schema: {
        tags,
        body: api.totpCodeRequest,
        response: { 200: api.totpEnableResponse, ...errorResponses },
      },
    },
    async (request) => enableTotp({ deps, actor: requireActor(request), code: request.body.code }),
  );

  app.post(
    '/api/me/totp/disable',
    {
      schema: { tags, body: api.totpCodeRequest, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await disableTotp({ deps, actor: requireActor(request), code: request.body.code });
      return reply.code(204).send(null);
    },
  );

  // ---- organisation, members, invitations, keys ----
  app.get(
    '/api/organisation',
    { schema: { tags, response: { 200: api.organisationView, ...errorResponses } } },
    async (request) => {
      const actor = requireActiveActor(request);
      authorise(actor, 'organisation.read', actor.organisationId);
      const org = await findOrganisation(deps.db, actor.organisationId);
      if (!org) throw notFound('The organisation');
      return presentOrganisation(org);
    },
  );

  app.patch(
    '/api/organisation',
    {
      schema: {
        tags,
        body: api.updateOrganisationRequest,
        response: { 200: api.organisationView, ...errorResponses },
      },
    },
    async (request) =>
      presentOrganisation(
        await updateOrganisation({ deps, actor: requireActiveActor(request), patch: request.body }),
      ),
  );

  app.get(
    '/api/members',
    { schema: { tags, response: { 200: api.listMembersResponse, ...errorResponses } } },
    async (request) => {
      const rows = await listMembers({ deps, actor: requireActiveActor(request) });
      return { members: rows.map((m) => presentMember(m, m.grant_id !== null)) };
    },
  );

  app.post(
    '/api/members/:id/approve',
    {
      schema: {
        tags,
        params: idParams,
        body: api.approveMemberRequest,
        response: { 200: api.memberView, ...errorResponses },
      },
    },
    async (request) => {
      const member = await approveMember({
        deps,
        actor: requireActiveActor(request),
        memberId: request.params.id,
        sealedOrgKey: request.body.sealedOrgKey,
      });
      return presentMember(member, true);
    },
  );

  app.patch(
    '/api/members/:id',
    {
      schema: {
        tags,
        params: idParams,
        body: api.updateMemberRequest,
        response: { 200: api.memberView, ...errorResponses },
      },
    },
    async (request) => {
      const member = await changeMemberRole({
        deps,
        actor: requireActiveActor(request),
        memberId: request.params.id,
        role: request.body.role,
      });
      return presentMember(
        member,
        Boolean(await findKeyGrant(deps.db, member.organisation_id, member.id)),
      );
    },
  );

  app.post(
    '/api/members/:id/disable',
    {
      schema: {
        tags,
        params: idParams,
        body: api.emptyRequest,
        response: { 200: api.memberView, ...errorResponses },
      },
    },
    async (request) =>
      presentMember(
        await disableMember({
          deps,
          actor: requireActiveActor(request),
          memberId: request.params.id,
        }),
        false,
      ),
  );

  app.get(
    '/api/invitations',
    { schema: { tags, response: { 200: api.listInvitationsResponse, ...errorResponses } } },
    async (request) => {
      const rows = await listInvitations({ deps, actor: requireActiveActor(request) });
      const now = deps.now();
      return { invitations: rows.map((r) => presentInvitation(r, now)) };
    },
  );

  app.post(
    '/api/invitations',
    {
      schema: {
        tags,
        body: api.createInvitationRequest,
        response: { 201: api.createInvitationResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await createInvitation({
          deps,
          actor: requireActiveActor(request),
          role: request.body.role,
        }),
      ),
  );

  app.delete(
    '/api/invitations/:id',
    {
      schema: {
        tags,
        params: z.strictObject({ id: api.uuid }),
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await revokeInvitation({
        deps,
        actor: requireActiveActor(request),
        invitationId: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/keys/status',
    { schema: { tags, response: { 200: api.keyStatusResponse, ...errorResponses } } },
    async (request) => getKeyStatus({ deps, actor: requireActiveActor(request) }),
  );
}
