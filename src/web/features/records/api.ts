// The records API as the screens use it: one function per route. Responses are checked
// against the server's own zod schemas (src/common/api/records.ts).
import type { z } from 'zod';
import * as r from '../../../common/api/records.ts';
import { http } from '../../api/client.ts';

export type IncidentSummary = z.infer<typeof r.incidentSummary>;
export type IncidentDetail = z.infer<typeof r.incidentDetail>;
export type Act = z.infer<typeof r.act>;
export type PersonRef = z.infer<typeof r.personRef>;
export type PersonSummary = z.infer<typeof r.personSummary>;
export type PersonDetail = z.infer<typeof r.personDetail>;
export type InterventionSummary = z.infer<typeof r.interventionSummary>;
export type InterventionDetail = z.infer<typeof r.interventionDetail>;
export type RecordVersion = z.infer<typeof r.recordVersion>;
export type VersionList = z.infer<typeof r.versionList>;
export type SearchIndexEntry = z.infer<typeof r.searchIndexEntry>;

const id = (value: string) => encodeURIComponent(value);

/** A query string from defined, non-empty values (lists become comma-separated codes). */
export function queryString(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else if (typeof value === 'string' || typeof value === 'number') {
      search.set(key, String(value));
    }
  }
  const qs = search.toString();
  return qs ? `?${qs}` : '';
}

/** Where a record lives in the API, for the screens that work on any record type. */
export type RecordPath =
  | { type: 'incident'; id: string }
  | { type: 'act'; incidentId: string; id: string }
  | { type: 'person'; id: string }
  | { type: 'intervention'; id: string };

export function recordPath(record: RecordPath): string {
  switch (record.type) {
    case 'incident':
      return `/api/incidents/${id(record.id)}`;
    case 'act':
      return `/api/incidents/${id(record.incidentId)}/acts/${id(record.id)}`;
    case 'person':
      return `/api/people/${id(record.id)}`;
    case 'intervention':
      return `/api/interventions/${id(record.id)}`;
  }
}

export const recordsApi = {
  incidents: (q: r.IncidentListQuery) =>
    http.get(`/api/incidents${queryString(q)}`, r.incidentList),
  incident: (incidentId: string) => http.get(`/api/incidents/${id(incidentId)}`, r.incidentDetail),
  createIncident: (body: r.CreateIncidentRequest) =>
    http.post('/api/incidents', body, r.incidentDetail),
  updateIncident: (incidentId: string, body: r.UpdateIncidentRequest) =>
    http.patch(`/api/incidents/${id(incidentId)}`, body, r.incidentDetail),

  createAct: (incidentId: string, body: r.CreateActRequest) =>
    http.post(`/api/incidents/${id(incidentId)}/acts`, body, r.act),
  updateAct: (incidentId: string, actId: string, body: r.UpdateActRequest) =>
    http.patch(`/api/incidents/${id(incidentId)}/acts/${id(actId)}`, body, r.act),
  deleteAct: (incidentId: string, actId: string) =>
    http.delete(`/api/incidents/${id(incidentId)}/acts/${id(actId)}`),

  link: (incidentId: string, body: z.input<typeof r.createIncidentLink>) =>
    http.post(`/api/incidents/${id(incidentId)}/links`, body, r.incidentLink),
  unlink: (incidentId: string, linkId: string) =>
    http.delete(`/api/incidents/${id(incidentId)}/links/${id(linkId)}`),

  people: (q: r.PersonListQuery) => http.get(`/api/people${queryString(q)}`, r.personList),
  person: (personId: string) => http.get(`/api/people/${id(personId)}`, r.personDetail),
  createPerson: (body: r.CreatePersonRequest) => http.post('/api/people', body, r.personDetail),
  updatePerson: (personId: string, body: r.UpdatePersonRequest) =>
    http.patch(`/api/people/${id(personId)}`, body, r.personDetail),
  relate: (personId: string, body: z.input<typeof r.createPersonRelation>) =>
    http.post(`/api/people/${id(personId)}/relations`, body, r.personRelation),
  unrelate: (personId: string, relationId: string) =>
    http.delete(`/api/people/${id(personId)}/relations/${id(relationId)}`),

  interventions: (q: r.InterventionListQuery) =>
    http.get(`/api/interventions${queryString(q)}`, r.interventionList),
  intervention: (interventionId: string) =>
    http.get(`/api/interventions/${id(interventionId)}`, r.interventionDetail),
  createIntervention: (body: r.CreateInterventionRequest) =>
    http.post('/api/interventions', body, r.interventionDetail),
  updateIntervention: (interventionId: string, body: r.UpdateInterventionRequest) =>
    http.patch(`/api/interventions/${id(interventionId)}`, body, r.interventionDetail),

  history: (record: RecordPath) => http.get(`${recordPath(record)}/history`, r.versionList),
  /** The answer is the restored record; the screens reload what they show. */
  restore: (record: RecordPath, version: number, expectedVersion: number) =>
    http.post(`${recordPath(record)}/history/${version}/restore`, { expectedVersion }),
  remove: (record: RecordPath) => http.delete(recordPath(record)),

  searchIndex: (q: z.input<typeof r.searchIndexQuery>) =>
    http.get(`/api/records/search-index${queryString(q)}`, r.searchIndexPage),
};
