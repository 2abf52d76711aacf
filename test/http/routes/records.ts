// The records module's routes for the route table (../route-table.ts). Each build makes
// fresh records in the organisation (as its admin), so every actor gets a record at
// version 1 of its own.
import {
  buildAct,
  buildIncident,
  buildIntervention,
  buildPerson,
  createTestAct,
  createTestIncident,
  createTestIntervention,
  createTestPerson,
} from '../../helpers/records.ts';
import { call } from '../../helpers/http.ts';
import { plain, type RouteCase } from '../route-case.ts';

export const RECORDS_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    route: '/api/incidents',
    need: 'records.write',
    ok: 201,
    build: async (_t, org) => ({ url: '/api/incidents', payload: buildIncident(org).body }),
  },
  {
    method: 'GET',
    route: '/api/incidents',
    need: 'records.read',
    ok: 200,
    build: plain('/api/incidents?oblast=astana&incidentTypes=threats,outing_blackmail'),
  },
  {
    method: 'GET',
    route: '/api/incidents/:id',
    need: 'records.read',
    ok: 200,
    build: async (t, org) => ({ url: `/api/incidents/${(await createTestIncident(t, org)).id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/incidents/:id',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/incidents/${(await createTestIncident(t, org)).id}`,
      payload: { expectedVersion: 1, oblast: 'astana' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/incidents/:id',
    need: 'records.delete',
    ok: 204,
    build: async (t, org) => ({ url: `/api/incidents/${(await createTestIncident(t, org)).id}` }),
  },
  {
    method: 'GET',
    route: '/api/incidents/:id/history',
    need: 'records.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/incidents/${(await createTestIncident(t, org)).id}/history`,
    }),
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/history/:version/restore',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/incidents/${(await createTestIncident(t, org)).id}/history/1/restore`,
      payload: { expectedVersion: 1 },
    }),
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/acts',
    need: 'records.write',
    ok: 201,
    build: async (t, org) => {
      const incident = await createTestIncident(t, org);
      return { url: `/api/incidents/${incident.id}/acts`, payload: buildAct(incident) };
    },
  },
  {
    method: 'PATCH',
    route: '/api/incidents/:id/acts/:actId',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => {
      const incident = await createTestIncident(t, org);
      const act = await createTestAct(t, incident, org.admin);
      return {
        url: `/api/incidents/${incident.id}/acts/${act.id}`,
        payload: { expectedVersion: 1, victimStatusAfter: 'free' },
      };
    },
  },
  {
    method: 'DELETE',
    route: '/api/incidents/:id/acts/:actId',
    need: 'records.write',
    ok: 204,
    build: async (t, org) => {
      const incident = await createTestIncident(t, org);
      const act = await createTestAct(t, incident, org.admin);
      return { url: `/api/incidents/${incident.id}/acts/${act.id}` };
    },
  },
  {
    method: 'GET',
    route: '/api/incidents/:id/acts/:actId/history',
    need: 'records.read',
    ok: 200,
    build: async (t, org) => {
      const incident = await createTestIncident(t, org);
      const act = await createTestAct(t, incident, org.admin);
      return { url: `/api/incidents/${incident.id}/acts/${act.id}/history` };
    },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/acts/:actId/history/:version/restore',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => {
      const incident = await createTestIncident(t, org);
      const act = await createTestAct(t, incident, org.admin);
      return {
        url: `/api/incidents/${incident.id}/acts/${act.id}/history/1/restore`,
        payload: { expectedVersion: 1 },
      };
    },
  },
  {
    method: 'POST',
    route: '/api/incidents/:id/links',
    need: 'records.write',
    ok: 201,
    build: async (t, org) => {
      const from = await createTestIncident(t, org);
      const to = await createTestIncident(t, org);
      return {
        url: `/api/incidents/${from.id}/links`,
        payload: { toIncidentId: to.id, linkType: 'follow_up' },
      };
    },
  },
  {
    method: 'DELETE',
    route: '/api/incidents/:id/links/:linkId',
    need: 'records.write',
    ok: 204,
    build: async (t, org) => {
      const from = await createTestIncident(t, org);
      const to = await createTestIncident(t, org);
      const res = await call(t, 'POST', `/api/incidents/${from.id}/links`, {
        cookie: org.admin.cookie,
        payload: { toIncidentId: to.id, linkType: 'same_perpetrator' },
      });
      const { id } = res.json<{ id: string }>();
      return { url: `/api/incidents/${from.id}/links/${id}` };
    },
  },
  {
    method: 'POST',
    route: '/api/people',
    need: 'records.write',
    ok: 201,
    build: async (_t, org) => ({ url: '/api/people', payload: buildPerson(org).body }),
  },
  {
    method: 'GET',
    route: '/api/people',
    need: 'records.read',
    ok: 200,
    build: plain('/api/people?role=perpetrator&perpetratorType=father'),
  },
  {
    method: 'GET',
    route: '/api/people/:id',
    need: 'records.read',
    ok: 200,
    build: async (t, org) => ({ url: `/api/people/${(await createTestPerson(t, org)).id}` }),
  },
  {
    method: 'PATCH',
    route: '/api/people/:id',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/people/${(await createTestPerson(t, org)).id}`,
      payload: { expectedVersion: 1, ageGroup: '18_24' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/people/:id',
    need: 'records.delete',
    ok: 204,
    build: async (t, org) => ({ url: `/api/people/${(await createTestPerson(t, org)).id}` }),
  },
  {
    method: 'GET',
    route: '/api/people/:id/history',
    need: 'records.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/people/${(await createTestPerson(t, org)).id}/history`,
    }),
  },
  {
    method: 'POST',
    route: '/api/people/:id/history/:version/restore',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/people/${(await createTestPerson(t, org)).id}/history/1/restore`,
      payload: { expectedVersion: 1 },
    }),
  },
  {
    method: 'POST',
    route: '/api/people/:id/relations',
    need: 'records.write',
    ok: 201,
    build: async (t, org) => {
      const father = await createTestPerson(t, org);
      const son = await createTestPerson(t, org);
      return {
        url: `/api/people/${father.id}/relations`,
        payload: { relatedPersonId: son.id, relation: 'father_of' },
      };
    },
  },
  {
    method: 'DELETE',
    route: '/api/people/:id/relations/:relationId',
    need: 'records.write',
    ok: 204,
    build: async (t, org) => {
      const a = await createTestPerson(t, org);
      const b = await createTestPerson(t, org);
      const res = await call(t, 'POST', `/api/people/${a.id}/relations`, {
        cookie: org.admin.cookie,
        payload: { relatedPersonId: b.id, relation: 'partner_of' },
      });
      return { url: `/api/people/${a.id}/relations/${res.json<{ id: string }>().id}` };
    },
  },
  {
    method: 'POST',
    route: '/api/interventions',
    need: 'records.write',
    ok: 201,
    build: async (_t, org) => ({
      url: '/api/interventions',
      payload: buildIntervention(org).body,
    }),
  },
  {
    method: 'GET',
    route: '/api/interventions',
    need: 'records.read',
    ok: 200,
    build: plain('/api/interventions?status=planned&priority=urgent'),
  },
  {
    method: 'GET',
    route: '/api/interventions/:id',
    need: 'records.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/interventions/${(await createTestIntervention(t, org)).id}`,
    }),
  },
  {
    method: 'PATCH',
    route: '/api/interventions/:id',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/interventions/${(await createTestIntervention(t, org)).id}`,
      payload: { expectedVersion: 1, authorityResponse: 'refused_to_register' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/interventions/:id',
    need: 'records.delete',
    ok: 204,
    build: async (t, org) => ({
      url: `/api/interventions/${(await createTestIntervention(t, org)).id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/interventions/:id/history',
    need: 'records.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/interventions/${(await createTestIntervention(t, org)).id}/history`,
    }),
  },
  {
    method: 'POST',
    route: '/api/interventions/:id/history/:version/restore',
    need: 'records.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/interventions/${(await createTestIntervention(t, org)).id}/history/1/restore`,
      payload: { expectedVersion: 1 },
    }),
  },
  {
    method: 'GET',
    route: '/api/records/search-index',
    need: 'records.read',
    ok: 200,
    build: plain('/api/records/search-index?type=person&limit=10'),
  },
];
