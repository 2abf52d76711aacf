// Records made the way a browser makes them: a fresh record key sealed to the organisation
// public key, every sealed field encrypted under it with its sealedContext, sent through
// the HTTP API. Used by the records tests, the route table, other modules' tests and the demo.
import { randomUUID } from 'node:crypto';
import type {
  ActDto,
  CreateActRequest,
  CreateIncidentRequest,
  CreateInterventionRequest,
  CreatePersonRequest,
  IncidentDetailDto,
  InterventionDetailDto,
  PersonDetailDto,
} from '../../src/common/api/records.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import {
  decryptFieldText,
  encryptField,
  type BoxKeyPair,
} from '../../src/common/crypto/envelope.ts';
import { generateRecordKey, openRecordKey, sealRecordKey } from '../../src/common/crypto/keys.ts';
import { sealedContext, type SealedTable } from '../../src/common/records/contexts.ts';
import type { TestMember, TestOrganisation } from './factories.ts';
import { call } from './http.ts';
import type { TestApp } from './test-app.ts';

/** Encrypts one field as the browser does; null stays null. */
export function seal(
  key: Uint8Array,
  text: string | null | undefined,
  table: SealedTable,
  column: string,
  id: string,
): string | null {
  if (text === null || text === undefined) return null;
  return toB64(encryptField(key, text, sealedContext(table, column, id)));
}

/** Opens one sealed field with its record key; null stays null. */
export function open(
  key: Uint8Array,
  envelope: string | null,
  table: SealedTable,
  column: string,
  id: string,
): string | null {
  if (envelope === null) return null;
  return decryptFieldText(key, fromB64(envelope), sealedContext(table, column, id));
}

/** Opens a record key sealed to the organisation, as a member's browser does. */
export function openKey(org: { orgKeyPair: BoxKeyPair }, sealedRecordKey: string): Uint8Array {
  return openRecordKey(fromB64(sealedRecordKey), org.orgKeyPair);
}

export interface IncidentText {
  title?: string | null;
  description?: string | null;
  /** Source notes, in the order of `sources`. */
  sourceNotes?: (string | null)[];
}

export interface SourceInput {
  type: NonNullable<CreateIncidentRequest['sources']>[number]['type'];
  reliability: NonNullable<CreateIncidentRequest['sources']>[number]['reliability'];
  personId?: string | null;
  note?: string | null;
}

/** A create-incident body and the record key behind it. */
export function buildIncident(
  org: TestOrganisation,
  options: {
    title?: string | null;
    description?: string | null;
    sources?: SourceInput[];
    coded?: Partial<Omit<CreateIncidentRequest, 'id' | 'sealedRecordKey' | 'sources'>>;
  } = {},
): { body: CreateIncidentRequest; recordKey: Uint8Array } {
  const id = randomUUID();
  const recordKey = generateRecordKey();
  const body: CreateIncidentRequest = {
    id,
    sealedRecordKey: toB64(sealRecordKey(recordKey, org.orgKeyPair.publicKey)),
    incidentTypes: ['threats'],
    ...options.coded,
    sealedTitle: seal(recordKey, options.title ?? 'An incident', 'incidents', 'sealed_title', id),
    sealedDescription: seal(recordKey, options.description, 'incidents', 'sealed_description', id),
    sources: (options.sources ?? []).map((s) => {
      const sourceId = randomUUID();
      return {
        id: sourceId,
        type: s.type,
        reliability: s.reliability,
        personId: s.personId ?? null,
        sealedNote: seal(recordKey, s.note, 'incidents', `sources.note.${sourceId}`, id),
      };
    }),
  };
  return { body, recordKey };
}

export interface TestIncident {
  id: string;
  reference: string;
  recordKey: Uint8Array;
  detail: IncidentDetailDto;
}

async function expectStatus<T>(
  res: { statusCode: number; body: string; json: <U>() => U },
  status: number,
  what: string,
): Promise<T> {
  if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

export async function createTestIncident(
  t: TestApp,
  org: TestOrganisation,
  actor: TestMember = org.admin,
  options: Parameters<typeof buildIncident>[1] = {},
): Promise<TestIncident> {
  const { body, recordKey } = buildIncident(org, options);
  const res = await call(t, 'POST', '/api/incidents', { cookie: actor.cookie, payload: body });
  const detail = await expectStatus<IncidentDetailDto>(res, 201, 'create incident');
  return { id: body.id, reference: detail.incident.reference, recordKey, detail };
}

export function buildPerson(
  org: TestOrganisation,
  options: {
    name?: string | null;
    contacts?: string | null;
    details?: string | null;
    coded?: Partial<Pick<CreatePersonRequest, 'roles' | 'perpetratorType' | 'ageGroup'>>;
  } = {},
): { body: CreatePersonRequest; recordKey: Uint8Array } {
  const id = randomUUID();
  const recordKey = generateRecordKey();
  return {
    recordKey,
    body: {
      id,
      sealedRecordKey: toB64(sealRecordKey(recordKey, org.orgKeyPair.publicKey)),
      roles: ['victim'],
      ...options.coded,
      sealedName: seal(recordKey, options.name ?? 'A person', 'people', 'sealed_name', id),
      sealedContacts: seal(recordKey, options.contacts, 'people', 'sealed_contacts', id),
      sealedDetails: seal(recordKey, options.details, 'people', 'sealed_details', id),
    },
  };
}

export interface TestPerson {
  id: string;
  codeName: string;
  recordKey: Uint8Array;
  detail: PersonDetailDto;
}

export async function createTestPerson(
  t: TestApp,
  org: TestOrganisation,
  actor: TestMember = org.admin,
  options: Parameters<typeof buildPerson>[1] = {},
): Promise<TestPerson> {
  const { body, recordKey } = buildPerson(org, options);
  const res = await call(t, 'POST', '/api/people', { cookie: actor.cookie, payload: body });
  const detail = await expectStatus<PersonDetailDto>(res, 201, 'create person');
  return { id: body.id, codeName: detail.person.codeName, recordKey, detail };
}

export function buildAct(
  incident: { recordKey: Uint8Array },
  options: {
    notes?: string | null;
    coded?: Partial<Omit<CreateActRequest, 'id' | 'sealedNotes'>>;
  } = {},
): CreateActRequest {
  const id = randomUUID();
  return {
    id,
    actType: 'beating',
    ...options.coded,
    sealedNotes: seal(incident.recordKey, options.notes, 'acts', 'sealed_notes', id),
  };
}

export async function createTestAct(
  t: TestApp,
  incident: { id: string; recordKey: Uint8Array },
  actor: TestMember,
  options: Parameters<typeof buildAct>[1] = {},
): Promise<ActDto> {
  const body = buildAct(incident, options);
  const res = await call(t, 'POST', `/api/incidents/${incident.id}/acts`, {
    cookie: actor.cookie,
    payload: body,
  });
  return expectStatus<ActDto>(res, 201, 'create act');
}

export function buildIntervention(
  org: TestOrganisation,
  options: {
    title?: string | null;
    notes?: string | null;
    coded?: Partial<Omit<CreateInterventionRequest, 'id' | 'sealedRecordKey'>>;
  } = {},
): { body: CreateInterventionRequest; recordKey: Uint8Array } {
  const id = randomUUID();
  const recordKey = generateRecordKey();
  return {
    recordKey,
    body: {
      id,
      sealedRecordKey: toB64(sealRecordKey(recordKey, org.orgKeyPair.publicKey)),
      intervenerType: 'lawyer',
      interventionType: 'police_complaint',
      ...options.coded,
      sealedTitle: seal(
        recordKey,
        options.title ?? 'An intervention',
        'interventions',
        'sealed_title',
        id,
      ),
      sealedNotes: seal(recordKey, options.notes, 'interventions', 'sealed_notes', id),
    },
  };
}

export interface TestIntervention {
  id: string;
  recordKey: Uint8Array;
  detail: InterventionDetailDto;
}

export async function createTestIntervention(
  t: TestApp,
  org: TestOrganisation,
  actor: TestMember = org.admin,
  options: Parameters<typeof buildIntervention>[1] = {},
): Promise<TestIntervention> {
  const { body, recordKey } = buildIntervention(org, options);
  const res = await call(t, 'POST', '/api/interventions', { cookie: actor.cookie, payload: body });
  const detail = await expectStatus<InterventionDetailDto>(res, 201, 'create intervention');
  return { id: body.id, recordKey, detail };
}
