// The records API: incidents (with acts, sources and links), people (with relations),
// interventions, version history and the sealed search index. The route list is in
// src/common/api/records.ts. Each route reads as: schema → authenticate → use case (which
// loads and authorises) → present.
import type { FastifyInstance } from 'fastify';
import * as api from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { createAct } from './create-act.ts';
import { createIncident } from './create-incident.ts';
import { createIntervention } from './create-intervention.ts';
import { createPerson } from './create-person.ts';
import { deleteAct } from './delete-act.ts';
import { deleteIncident } from './delete-incident.ts';
import { deleteIntervention } from './delete-intervention.ts';
import { deletePerson } from './delete-person.ts';
import { getIncident } from './get-incident.ts';
import { getIntervention } from './get-intervention.ts';
import { getPerson } from './get-person.ts';
import { getSearchIndex } from './get-search-index.ts';
import { linkIncidents } from './link-incidents.ts';
import { listHistory, type HistoryTarget } from './list-history.ts';
import { listIncidents } from './list-incidents.ts';
import { listInterventions } from './list-interventions.ts';
import { listPeople } from './list-people.ts';
import { relatePeople } from './relate-people.ts';
import {
  presentAct,
  presentIncidentDetail,
  presentIncidentSummary,
  presentInterventionDetail,
  presentInterventionSummary,
  presentPersonDetail,
  presentPersonSummary,
  presentSearchEntry,
  presentVersion,
} from './records.presenter.ts';
import type { RecordsDeps } from './records.deps.ts';
import { restoreVersion } from './restore-version.ts';
import { unlinkIncidents } from './unlink-incidents.ts';
import { unrelatePeople } from './unrelate-people.ts';
import { updateAct } from './update-act.ts';
import { updateIncident } from './update-incident.ts';
import { updateIntervention } from './update-intervention.ts';
import { updatePerson } from './update-person.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import { findAct } from './incidents.repository.ts';
import { loadIncidentView } from './incident-view.ts';
import { findIncident } from './incidents.repository.ts';
import { findPerson } from './people.repository.ts';
import { loadPersonView } from './person-view.ts';
import { findIntervention } from './interventions.repository.ts';
import { requireRecordKey } from './record-helpers.ts';

export function registerRecordsRoutes(instance: FastifyInstance, deps: RecordsDeps): void {
  const app = typed(instance);
  const tags = ['records'];

  /** History and restore read alike for every record type. */
  const history = async (actor: Actor, target: HistoryTarget) => {
    const list = await listHistory({ deps, actor, target });
    return {
      sealedRecordKey: toB64(list.sealedKey),
      versions: list.versions.map(presentVersion),
    };
  };
  const restore = (actor: Actor, target: HistoryTarget, version: number, expected: number) =>
    restoreVersion({ deps, actor, target, version, expectedVersion: expected });

  // ---- incidents -----------------------------------------------------------------------

  app.post(
    '/api/incidents',
    {
      schema: {
        tags,
        body: api.createIncident,
        response: { 201: api.incidentDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await createIncident({
        deps,
        actor: requireActiveActor(request),
        input: request.body,
      });
      return reply.code(201).send(presentIncidentDetail(view));
    },
  );

  app.get(
    '/api/incidents',
    {
      schema: {
        tags,
        querystring: api.incidentListQuery,
        response: { 200: api.incidentList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await listIncidents({
        deps,
        actor: requireActiveActor(request),
        query: request.query,
      });
      return { incidents: page.incidents.map(presentIncidentSummary), next: page.next };
    },
  );

  app.get(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.incidentDetail, ...errorResponses },
      },
    },
    async (request) =>
      presentIncidentDetail(
        await getIncident({
          deps,
          actor: requireActiveActor(request),
          incidentId: request.params.id,
        }),
      ),
  );

  app.patch(
    '/api/incidents/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.updateIncident,
        response: { 200: api.incidentDetail, ...errorResponses },
      },
    },
    async (request) =>
      presentIncidentDetail(
        await updateIncident({
          deps,
          actor: requireActiveActor(request),
          incidentId: request.params.id,
          input: request.body,
        }),
      ),
  );

  app.delete(
    '/api/incidents/:id',
    {
      schema: { tags, params: api.idParams, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await deleteIncident({
        deps,
        actor: requireActiveActor(request),
        incidentId: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/incidents/:id/history',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.versionList, ...errorResponses },
      },
    },
    async (request) =>
      history(requireActiveActor(request), { type: 'incident', id: request.params.id }),
  );

  app.post(
    '/api/incidents/:id/history/:version/restore',
    {
      schema: {
        tags,
        params: api.versionParams,
        body: api.restoreVersion,
        response: { 200: api.incidentDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const { id, version } = request.params;
      await restore(actor, { type: 'incident', id }, version, request.body.expectedVersion);
      const incident = await findIncident(deps.db, id);
      if (!incident) throw new Error('the restored incident is gone');
      return presentIncidentDetail(await loadIncidentView(deps.db, incident, actor.organisationId));
    },
  );

  // ---- acts ----------------------------------------------------------------------------

  app.post(
    '/api/incidents/:id/acts',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.createAct,
        response: { 201: api.act, ...errorResponses },
      },
    },
    async (request, reply) => {
      const act = await createAct({
        deps,
        actor: requireActiveActor(request),
        incidentId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send(presentAct(act));
    },
  );

  app.patch(
    '/api/incidents/:id/acts/:actId',
    {
      schema: {
        tags,
        params: api.actParams,
        body: api.updateAct,
        response: { 200: api.act, ...errorResponses },
      },
    },
    async (request) =>
      presentAct(
        await updateAct({
          deps,
          actor: requireActiveActor(request),
          incidentId: request.params.id,
          actId: request.params.actId,
          input: request.body,
        }),
      ),
  );

  app.delete(
    '/api/incidents/:id/acts/:actId',
    {
      schema: { tags, params: api.actParams, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await deleteAct({
        deps,
        actor: requireActiveActor(request),
        incidentId: request.params.id,
        actId: request.params.actId,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/incidents/:id/acts/:actId/history',
    {
      schema: {
        tags,
        params: api.actParams,
        response: { 200: api.versionList, ...errorResponses },
      },
    },
    async (request) =>
      history(requireActiveActor(request), {
        type: 'act',
        incidentId: request.params.id,
        actId: request.params.actId,
      }),
  );

  app.post(
    '/api/incidents/:id/acts/:actId/history/:version/restore',
    {
      schema: {
        tags,
        params: api.actVersionParams,
        body: api.restoreVersion,
        response: { 200: api.act, ...errorResponses },
      },
    },
    async (request) => {
      const { id, actId, version } = request.params;
      await restore(
        requireActiveActor(request),
        { type: 'act', incidentId: id, actId },
        version,
        request.body.expectedVersion,
      );
      const act = await findAct(deps.db, actId);
      if (!act) throw new Error('the restored act is gone');
      return presentAct(act);
    },
  );

  // ---- links ---------------------------------------------------------------------------

  app.post(
    '/api/incidents/:id/links',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.createIncidentLink,
        response: { 201: api.incidentLink, ...errorResponses },
      },
    },
    async (request, reply) => {
      const link = await linkIncidents({
        deps,
        actor: requireActiveActor(request),
        incidentId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send({
        id: link.id,
        fromIncidentId: link.from_incident_id,
        toIncidentId: link.to_incident_id,
        linkType: link.link_type as api.IncidentDetailDto['links'][number]['linkType'],
        createdBy: link.created_by,
        createdAt: link.created_at.toISOString(),
      });
    },
  );

  app.delete(
    '/api/incidents/:id/links/:linkId',
    {
      schema: { tags, params: api.linkParams, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await unlinkIncidents({
        deps,
        actor: requireActiveActor(request),
        incidentId: request.params.id,
        linkId: request.params.linkId,
      });
      return reply.code(204).send(null);
    },
  );

  // ---- people --------------------------------------------------------------------------

  app.post(
    '/api/people',
    {
      schema: {
        tags,
        body: api.createPerson,
        response: { 201: api.personDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const view = await createPerson({
        deps,
        actor: requireActiveActor(request),
        input: request.body,
      });
      return reply.code(201).send(presentPersonDetail(view));
    },
  );

  app.get(
    '/api/people',
    {
      schema: {
        tags,
        querystring: api.personListQuery,
        response: { 200: api.personList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await listPeople({
        deps,
        actor: requireActiveActor(request),
        query: request.query,
      });
      return { people: page.people.map(presentPersonSummary), next: page.next };
    },
  );

  app.get(
    '/api/people/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.personDetail, ...errorResponses },
      },
    },
    async (request) =>
      presentPersonDetail(
        await getPerson({ deps, actor: requireActiveActor(request), personId: request.params.id }),
      ),
  );

  app.patch(
    '/api/people/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.updatePerson,
        response: { 200: api.personDetail, ...errorResponses },
      },
    },
    async (request) =>
      presentPersonDetail(
        await updatePerson({
          deps,
          actor: requireActiveActor(request),
          personId: request.params.id,
          input: request.body,
        }),
      ),
  );

  app.delete(
    '/api/people/:id',
    {
      schema: { tags, params: api.idParams, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await deletePerson({ deps, actor: requireActiveActor(request), personId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/people/:id/history',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.versionList, ...errorResponses },
      },
    },
    async (request) =>
      history(requireActiveActor(request), { type: 'person', id: request.params.id }),
  );

  app.post(
    '/api/people/:id/history/:version/restore',
    {
      schema: {
        tags,
        params: api.versionParams,
        body: api.restoreVersion,
        response: { 200: api.personDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const { id, version } = request.params;
      await restore(actor, { type: 'person', id }, version, request.body.expectedVersion);
      const person = await findPerson(deps.db, id);
      if (!person) throw new Error('the restored person is gone');
      return presentPersonDetail(await loadPersonView(deps.db, person, actor.organisationId));
    },
  );

  app.post(
    '/api/people/:id/relations',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.createPersonRelation,
        response: { 201: api.personRelation, ...errorResponses },
      },
    },
    async (request, reply) => {
      const relation = await relatePeople({
        deps,
        actor: requireActiveActor(request),
        personId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send({
        id: relation.id,
        personId: relation.person_id,
        relatedPersonId: relation.related_person_id,
        relation: relation.relation as api.PersonDetailDto['relations'][number]['relation'],
        createdBy: relation.created_by,
        createdAt: relation.created_at.toISOString(),
      });
    },
  );

  app.delete(
    '/api/people/:id/relations/:relationId',
    {
      schema: {
        tags,
        params: api.relationParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await unrelatePeople({
        deps,
        actor: requireActiveActor(request),
        personId: request.params.id,
        relationId: request.params.relationId,
      });
      return reply.code(204).send(null);
    },
  );

  // ---- interventions -------------------------------------------------------------------

  app.post(
    '/api/interventions',
    {
      schema: {
        tags,
        body: api.createIntervention,
        response: { 201: api.interventionDetail, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const intervention = await createIntervention({ deps, actor, input: request.body });
      const key = await requireRecordKey(deps.db, intervention.id, actor.organisationId);
      return reply.code(201).send(presentInterventionDetail(intervention, key));
    },
  );

  app.get(
    '/api/interventions',
    {
      schema: {
        tags,
        querystring: api.interventionListQuery,
        response: { 200: api.interventionList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await listInterventions({
        deps,
        actor: requireActiveActor(request),
        query: request.query,
      });
      return {
        interventions: page.interventions.map(presentInterventionSummary),
        next: page.next,
      };
    },
  );

  app.get(
    '/api/interventions/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.interventionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const found = await getIntervention({
        deps,
        actor: requireActiveActor(request),
        interventionId: request.params.id,
      });
      return presentInterventionDetail(found.intervention, found.sealedKey);
    },
  );

  app.patch(
    '/api/interventions/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.updateIntervention,
        response: { 200: api.interventionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const intervention = await updateIntervention({
        deps,
        actor,
        interventionId: request.params.id,
        input: request.body,
      });
      const key = await requireRecordKey(deps.db, intervention.id, actor.organisationId);
      return presentInterventionDetail(intervention, key);
    },
  );

  app.delete(
    '/api/interventions/:id',
    {
      schema: { tags, params: api.idParams, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await deleteIntervention({
        deps,
        actor: requireActiveActor(request),
        interventionId: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/interventions/:id/history',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.versionList, ...errorResponses },
      },
    },
    async (request) =>
      history(requireActiveActor(request), { type: 'intervention', id: request.params.id }),
  );

  app.post(
    '/api/interventions/:id/history/:version/restore',
    {
      schema: {
        tags,
        params: api.versionParams,
        body: api.restoreVersion,
        response: { 200: api.interventionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const { id, version } = request.params;
      await restore(actor, { type: 'intervention', id }, version, request.body.expectedVersion);
      const intervention = await findIntervention(deps.db, id);
      if (!intervention) throw new Error('the restored intervention is gone');
      const key = await requireRecordKey(deps.db, id, actor.organisationId);
      return presentInterventionDetail(intervention, key);
    },
  );

  // ---- search index --------------------------------------------------------------------

  app.get(
    '/api/records/search-index',
    {
      schema: {
        tags,
        querystring: api.searchIndexQuery,
        response: { 200: api.searchIndexPage, ...errorResponses },
      },
    },
    async (request) => {
      const page = await getSearchIndex({
        deps,
        actor: requireActiveActor(request),
        query: request.query,
      });
      return { entries: page.entries.map(presentSearchEntry), next: page.next };
    },
  );
}
