// The API of tasks (/api/tasks), referrals (/api/cases/:id/referral-plan, /referrals and
// /api/referrals), partners (/api/partners) and the dashboard (/api/dashboard).
// Each route reads as: schema → authenticate → use case (which loads and authorises) → present.
import type { FastifyInstance } from 'fastify';
import { emptyRequest } from '../../../common/api/accounts.ts';
import * as api from '../../../common/api/cases.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { addPartner } from './add-partner.ts';
import type { CasesDeps } from './cases.deps.ts';
import {
  presentCaseSummary,
  presentReferralBundle,
  presentReferralDetail,
  presentReferralSummary,
  presentTask,
  presentVersion,
} from './cases.presenter.ts';
import { decideReferral } from './decide-referral.ts';
import { getDashboard } from './get-dashboard.ts';
import { getPartnerPublicKey } from './get-partner-public-key.ts';
import { getReferral } from './get-referral.ts';
import { getReferralBundle } from './get-referral-bundle.ts';
import { getReferralPlan } from './get-referral-plan.ts';
import { getTask } from './get-task.ts';
import { listCaseReferrals } from './list-case-referrals.ts';
import { listInstanceOrganisations } from './list-instance-organisations.ts';
import { listMyTasks } from './list-my-tasks.ts';
import { listPartners } from './list-partners.ts';
import { listReferrals } from './list-referrals.ts';
import { listTaskVersions } from './list-task-versions.ts';
import { removePartner } from './remove-partner.ts';
import { restoreTaskVersion } from './restore-task-version.ts';
import { sendReferral } from './send-referral.ts';
import { updateTask } from './update-task.ts';
import { withdrawReferral } from './withdraw-referral.ts';

const keyMap = (keys: Map<string, Uint8Array>) =>
  Object.fromEntries([...keys].map(([id, key]) => [id, toB64(key)]));

export function registerWorkRoutes(instance: FastifyInstance, deps: CasesDeps): void {
  const app = typed(instance);

  // ---- tasks ----
  app.get(
    '/api/tasks',
    {
      schema: {
        tags: ['cases'],
        querystring: api.myTasksQuery,
        response: { 200: api.taskList, ...errorResponses },
      },
    },
    async (request) => {
      const list = await listMyTasks({
        deps,
        actor: requireActiveActor(request),
        status: request.query.status,
        limit: request.query.limit,
      });
      const now = deps.now();
      return { tasks: list.tasks.map((t) => presentTask(t, now)), caseKeys: keyMap(list.caseKeys) };
    },
  );

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['cases'],
        params: api.taskIdParams,
        response: { 200: api.taskResponse, ...errorResponses },
      },
    },
    async (request) => {
      const found = await getTask({
        deps,
        actor: requireActiveActor(request),
        taskId: request.params.id,
      });
      return {
        task: presentTask(found.task, deps.now()),
        sealedRecordKey: toB64(found.sealedRecordKey),
      };
    },
  );

  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags: ['cases'],
        params: api.taskIdParams,
        body: api.updateTask,
        response: { 200: api.taskResponse, ...errorResponses },
      },
    },
    async (request) => {
      const updated = await updateTask({
        deps,
        actor: requireActiveActor(request),
        taskId: request.params.id,
        input: request.body,
      });
      return {
        task: presentTask(updated.task, deps.now()),
        sealedRecordKey: toB64(updated.sealedRecordKey),
      };
    },
  );

  app.get(
    '/api/tasks/:id/versions',
    {
      schema: {
        tags: ['cases'],
        params: api.taskIdParams,
        response: { 200: api.versionList, ...errorResponses },
      },
    },
    async (request) => {
      const versions = await listTaskVersions({
        deps,
        actor: requireActiveActor(request),
        taskId: request.params.id,
      });
      return { versions: versions.map(presentVersion) };
    },
  );

  app.post(
    '/api/tasks/:id/versions/:version/restore',
    {
      schema: {
        tags: ['cases'],
        params: api.taskVersionParams,
        body: api.restoreVersion,
        response: { 200: api.taskResponse, ...errorResponses },
      },
    },
    async (request) => {
      const restored = await restoreTaskVersion({
        deps,
        actor: requireActiveActor(request),
        taskId: request.params.id,
        version: request.params.version,
        expectedVersion: request.body.expectedVersion,
      });
      return {
        task: presentTask(restored.task, deps.now()),
        sealedRecordKey: toB64(restored.sealedRecordKey),
      };
    },
  );

  // ---- referrals ----
  const tags = ['referrals'];
  app.get(
    '/api/cases/:id/referral-plan',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        querystring: api.referralPlanQuery,
        response: { 200: api.referralPlan, ...errorResponses },
      },
    },
    async (request) => {
      const records = await getReferralPlan({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        scope: request.query.scope,
      });
      return {
        records: records.map((r) => ({
          recordId: r.recordId,
          recordType: r.recordType,
          sealedKey: toB64(r.sealedKey),
        })),
      };
    },
  );

  app.get(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 200: api.referralList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const rows = await listCaseReferrals({ deps, actor, caseId: request.params.id });
      return { referrals: rows.map((r) => presentReferralSummary(r, actor.organisationId)) };
    },
  );

  app.post(
    '/api/cases/:id/referrals',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        body: api.sendReferral,
        response: { 201: api.referralDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const referral = await sendReferral({
        deps,
        actor,
        caseId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send(presentReferralDetail(referral, actor.organisationId));
    },
  );

  app.get(
    '/api/referrals',
    {
      schema: {
        tags,
        querystring: api.referralListQuery,
        response: { 200: api.referralList, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const rows = await listReferrals({
        deps,
        actor,
        direction: request.query.direction,
        status: request.query.status,
        limit: request.query.limit,
      });
      return { referrals: rows.map((r) => presentReferralSummary(r, actor.organisationId)) };
    },
  );

  app.get(
    '/api/referrals/:id',
    {
      schema: {
        tags,
        params: api.referralIdParams,
        response: { 200: api.referralDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const referral = await getReferral({ deps, actor, referralId: request.params.id });
      return presentReferralDetail(referral, actor.organisationId);
    },
  );

  for (const decision of ['accepted', 'declined'] as const) {
    app.post(
      `/api/referrals/:id/${decision === 'accepted' ? 'accept' : 'decline'}`,
      {
        schema: {
          tags,
          params: api.referralIdParams,
          body: api.decideReferral,
          response: { 200: api.referralDetail, ...errorResponses },
        },
      },
      async (request) => {
        const actor = requireActiveActor(request);
        const referral = await decideReferral({
          deps,
          actor,
          referralId: request.params.id,
          decision,
          sealedReply: request.body.sealedReply,
        });
        return presentReferralDetail(referral, actor.organisationId);
      },
    );
  }

  app.post(
    '/api/referrals/:id/withdraw',
    {
      schema: {
        tags,
        params: api.referralIdParams,
        body: emptyRequest,
        response: { 200: api.referralDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const referral = await withdrawReferral({ deps, actor, referralId: request.params.id });
      return presentReferralDetail(referral, actor.organisationId);
    },
  );

  app.get(
    '/api/referrals/:id/bundle',
    {
      schema: {
        tags,
        params: api.referralIdParams,
        response: { 200: api.referralBundle, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const parts = await getReferralBundle({ deps, actor, referralId: request.params.id });
      return presentReferralBundle(parts, actor.organisationId);
    },
  );

  // ---- partners ----
  app.get(
    '/api/partners',
    { schema: { tags, response: { 200: api.partnerList, ...errorResponses } } },
    async (request) => {
      const rows = await listPartners({ deps, actor: requireActiveActor(request) });
      return {
        partners: rows.map((p) => ({
          organisationId: p.id,
          name: p.name,
          slug: p.slug,
          publicKey: toB64(p.public_key),
          addedAt: p.created_at.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/partners/organisations',
    { schema: { tags, response: { 200: api.instanceOrganisations, ...errorResponses } } },
    async (request) => ({
      organisations: await listInstanceOrganisations({ deps, actor: requireActiveActor(request) }),
    }),
  );

  app.put(
    '/api/partners/:organisationId',
    {
      schema: {
        tags,
        params: api.partnerParams,
        body: emptyRequest,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await addPartner({
        deps,
        actor: requireActiveActor(request),
        partnerId: request.params.organisationId,
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/partners/:organisationId',
    {
      schema: {
        tags,
        params: api.partnerParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await removePartner({
        deps,
        actor: requireActiveActor(request),
        partnerId: request.params.organisationId,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/partners/:organisationId/public-key',
    {
      schema: {
        tags,
        params: api.partnerParams,
        response: { 200: api.partnerPublicKey, ...errorResponses },
      },
    },
    async (request) => {
      const found = await getPartnerPublicKey({
        deps,
        actor: requireActiveActor(request),
        partnerId: request.params.organisationId,
      });
      return { organisationId: found.organisationId, publicKey: toB64(found.publicKey) };
    },
  );

  // ---- dashboard ----
  app.get(
    '/api/dashboard',
    { schema: { tags: ['cases'], response: { 200: api.dashboard, ...errorResponses } } },
    async (request) => {
      const actor = requireActiveActor(request);
      const d = await getDashboard({ deps, actor });
      const summary = (c: (typeof d.urgent)[number]) =>
        presentCaseSummary(c.row, { ...c, now: d.now });
      return {
        urgentCases: d.urgent.map(summary),
        tasks: d.tasks.map((t) => presentTask(t, d.now)),
        caseKeys: keyMap(d.caseKeys),
        newReports:
          d.newReports?.map((r) => ({
            id: r.id,
            reference: r.reference,
            receivedAt: r.received_at.toISOString(),
            incidentTypes: r.incident_types,
          })) ?? null,
        overdueContacts: d.overdue.map(summary),
        pendingReferrals:
          d.pendingReferrals?.map((r) => presentReferralSummary(r, actor.organisationId)) ?? null,
      };
    },
  );
}
