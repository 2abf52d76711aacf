// The cases API under /api/cases: list, create, read, edit, status, history, members,
// links, timeline, tasks and contacts of a case, consents, the organisation's alert days.
// Each route reads as: schema → authenticate → use case (which loads and authorises) → present.
import type { FastifyInstance } from 'fastify';
import { emptyRequest } from '../../../common/api/accounts.ts';
import * as api from '../../../common/api/cases.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { assignCaseMember } from './assign-case-member.ts';
import type { CasesDeps } from './cases.deps.ts';
import {
  presentCaseDetail,
  presentCaseSummary,
  presentConsent,
  presentContact,
  presentTask,
  presentVersion,
} from './cases.presenter.ts';
import type { LinkKind } from './cases.repository.ts';
import { changeCaseStatus } from './change-case-status.ts';
import { createCase } from './create-case.ts';
import { createTask } from './create-task.ts';
import { deleteCase } from './delete-case.ts';
import { getCase } from './get-case.ts';
import { getCaseSettings } from './get-case-settings.ts';
import { getTimeline } from './get-timeline.ts';
import { linkCaseRecord } from './link-case-record.ts';
import { listCaseTasks } from './list-case-tasks.ts';
import { listCaseVersions } from './list-case-versions.ts';
import { listCases } from './list-cases.ts';
import { listConsents } from './list-consents.ts';
import { listContacts } from './list-contacts.ts';
import { recordConsent } from './record-consent.ts';
import { recordContact } from './record-contact.ts';
import { restoreCaseVersion } from './restore-case-version.ts';
import { setCaseSettings } from './set-case-settings.ts';
import { unassignCaseMember } from './unassign-case-member.ts';
import { unlinkCaseRecord } from './unlink-case-record.ts';
import { updateCase } from './update-case.ts';
import { withdrawConsent } from './withdraw-consent.ts';

const keyMap = (keys: Map<string, Uint8Array>) =>
  Object.fromEntries([...keys].map(([id, key]) => [id, toB64(key)]));

export function registerCaseRoutes(instance: FastifyInstance, deps: CasesDeps): void {
  const app = typed(instance);
  const tags = ['cases'];

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        querystring: api.caseListQuery,
        response: { 200: api.caseList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await listCases({
        deps,
        actor: requireActiveActor(request),
        query: request.query,
      });
      return {
        cases: page.cases.map((c) => presentCaseSummary(c.row, { ...c, now: page.now })),
        next: page.next,
      };
    },
  );

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        body: api.createCase,
        response: { 201: api.createdCase, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createCase({
        deps,
        actor: requireActiveActor(request),
        input: request.body,
      });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/cases/settings',
    { schema: { tags, response: { 200: api.caseSettings, ...errorResponses } } },
    async (request) => getCaseSettings({ deps, actor: requireActiveActor(request) }),
  );

  app.put(
    '/api/cases/settings',
    {
      schema: {
        tags,
        body: api.caseSettings,
        response: { 200: api.caseSettings, ...errorResponses },
      },
    },
    async (request) =>
      setCaseSettings({
        deps,
        actor: requireActiveActor(request),
        contactAlertDays: request.body.contactAlertDays,
      }),
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 200: api.caseDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const parts = await getCase({ deps, actor, caseId: request.params.id });
      return presentCaseDetail(parts, actor.organisationId, deps.now());
    },
  );

  app.patch(
    '/api/cases/:id',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        body: api.updateCase,
        response: { 200: api.caseVersionResponse, ...errorResponses },
      },
    },
    async (request) =>
      updateCase({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        input: request.body,
      }),
  );

  app.delete(
    '/api/cases/:id',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteCase({ deps, actor: requireActiveActor(request), caseId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/cases/:id/status',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        body: api.changeCaseStatus,
        response: { 200: api.caseVersionResponse, ...errorResponses },
      },
    },
    async (request) =>
      changeCaseStatus({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        expectedVersion: request.body.expectedVersion,
        status: request.body.status,
        outcome: request.body.outcome,
      }),
  );

  app.get(
    '/api/cases/:id/versions',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 200: api.versionList, ...errorResponses },
      },
    },
    async (request) => {
      const versions = await listCaseVersions({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
      });
      return { versions: versions.map(presentVersion) };
    },
  );

  app.post(
    '/api/cases/:id/versions/:version/restore',
    {
      schema: {
        tags,
        params: api.caseVersionParams,
        body: api.restoreVersion,
        response: { 200: api.caseVersionResponse, ...errorResponses },
      },
    },
    async (request) =>
      restoreCaseVersion({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        version: request.params.version,
        expectedVersion: request.body.expectedVersion,
      }),
  );

  app.put(
    '/api/cases/:id/members/:memberId',
    {
      schema: {
        tags,
        params: api.caseMemberParams,
        body: emptyRequest,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await assignCaseMember({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        memberId: request.params.memberId,
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/cases/:id/members/:memberId',
    {
      schema: {
        tags,
        params: api.caseMemberParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await unassignCaseMember({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        memberId: request.params.memberId,
      });
      return reply.code(204).send(null);
    },
  );

  const links: {
    path: string;
    kind: LinkKind;
    params:
      typeof api.caseIncidentParams | typeof api.casePersonParams | typeof api.caseReportParams;
    param: 'incidentId' | 'personId' | 'reportId';
  }[] = [
    {
      path: 'incidents/:incidentId',
      kind: 'incident',
      params: api.caseIncidentParams,
      param: 'incidentId',
    },
    { path: 'people/:personId', kind: 'person', params: api.casePersonParams, param: 'personId' },
    { path: 'reports/:reportId', kind: 'report', params: api.caseReportParams, param: 'reportId' },
  ];
  // One pair of routes per kind of record; their params schemas differ only in the name of
  // the record id, so the handlers read params by that name (the schema validated them).
  for (const link of links) {
    const recordIdOf = (params: Record<string, string>) => params[link.param] ?? '';
    app.put(
      `/api/cases/:id/${link.path}`,
      {
        schema: {
          tags,
          params: link.params,
          body: emptyRequest,
          response: { 204: noContent, ...errorResponses },
        },
      },
      async (request, reply) => {
        const params = request.params as Record<string, string>;
        await linkCaseRecord({
          deps,
          actor: requireActiveActor(request),
          caseId: params.id ?? '',
          kind: link.kind,
          recordId: recordIdOf(params),
        });
        return reply.code(204).send(null);
      },
    );
    app.delete(
      `/api/cases/:id/${link.path}`,
      { schema: { tags, params: link.params, response: { 204: noContent, ...errorResponses } } },
      async (request, reply) => {
        const params = request.params as Record<string, string>;
        await unlinkCaseRecord({
          deps,
          actor: requireActiveActor(request),
          caseId: params.id ?? '',
          kind: link.kind,
          recordId: recordIdOf(params),
        });
        return reply.code(204).send(null);
      },
    );
  }

  app.get(
    '/api/cases/:id/timeline',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 200: api.timeline, ...errorResponses },
      },
    },
    async (request) =>
      getTimeline({ deps, actor: requireActiveActor(request), caseId: request.params.id }),
  );

  app.get(
    '/api/cases/:id/tasks',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 200: api.taskList, ...errorResponses },
      },
    },
    async (request) => {
      const list = await listCaseTasks({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
      });
      const now = deps.now();
      return { tasks: list.tasks.map((t) => presentTask(t, now)), caseKeys: keyMap(list.caseKeys) };
    },
  );

  app.post(
    '/api/cases/:id/tasks',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        body: api.createTask,
        response: { 201: api.taskResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const { task, sealedRecordKey } = await createTask({
        deps,
        actor,
        caseId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send({
        task: presentTask(task, deps.now()),
        sealedRecordKey: toB64(sealedRecordKey),
      });
    },
  );

  app.get(
    '/api/cases/:id/contacts',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 200: api.contactList, ...errorResponses },
      },
    },
    async (request) => {
      const contacts = await listContacts({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
      });
      return { contacts: contacts.map(presentContact) };
    },
  );

  app.post(
    '/api/cases/:id/contacts',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        body: api.createContact,
        response: { 201: api.contact, ...errorResponses },
      },
    },
    async (request, reply) => {
      const contact = await recordContact({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send(presentContact(contact));
    },
  );

  app.get(
    '/api/cases/:id/consents',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        response: { 200: api.consentList, ...errorResponses },
      },
    },
    async (request) => {
      const consents = await listConsents({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
      });
      return { consents: consents.map(presentConsent) };
    },
  );

  app.post(
    '/api/cases/:id/consents',
    {
      schema: {
        tags,
        params: api.caseIdParams,
        body: api.recordConsent,
        response: { 201: api.consentResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const consent = await recordConsent({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send({ consent: presentConsent(consent) });
    },
  );

  app.post(
    '/api/cases/:id/consents/:consentId/withdraw',
    {
      schema: {
        tags,
        params: api.caseConsentParams,
        body: emptyRequest,
        response: { 200: api.consentResponse, ...errorResponses },
      },
    },
    async (request) => {
      const consent = await withdrawConsent({
        deps,
        actor: requireActiveActor(request),
        caseId: request.params.id,
        consentId: request.params.consentId,
      });
      return { consent: presentConsent(consent) };
    },
  );
}
