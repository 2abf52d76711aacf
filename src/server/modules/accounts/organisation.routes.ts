// Organisation settings, members, invitations and key status (approved members,
// each route authorised in its use case).
// Each route reads as: schema → authenticate → use case (which authorises) → present.
import type { FastifyInstance } from 'fastify';
import type { AccountsDeps } from './accounts.deps.ts';
import * as api from '../../../common/api/accounts.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { presentInvitation, presentMember, presentOrganisation } from './accounts.presenter.ts';
import { findKeyGrant } from './organisations.repository.ts';
import { approveMember } from './approve-member.ts';
import { changeMemberRole } from './change-member-role.ts';
import { createInvitation } from './create-invitation.ts';
import { disableMember } from './disable-member.ts';
import { getKeyStatus } from './get-key-status.ts';
import { listInvitations } from './list-invitations.ts';
import { listMembers } from './list-members.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { updateOrganisation } from './update-organisation.ts';
import { authorise } from './accounts.policy.ts';
import { findOrganisation } from './organisations.repository.ts';
import { notFound } from '../../http/errors.ts';
import { z } from 'zod';

const idParams = api.memberIdParams;

export function registerOrganisationRoutes(instance: FastifyInstance, deps: AccountsDeps): void {
  const app = typed(instance);
  const tags = ['accounts'];

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
