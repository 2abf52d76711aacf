// Cases made the way a browser makes them: the browser picks the id, generates the record
// key, seals it to the organisation public key, seals the title and goal under it with
// sealedContext(), and sends only envelopes. Records a case links to (incidents, people,
// interventions) are inserted directly with their own keys, as the records module stores
// them. Referrals re-seal every key of the plan to the partner, as the referring browser
// does. Used by the cases tests, the route table and the demo.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import type {
  CaseDetailDto,
  ReferralBundleDto,
  SendReferralRequest,
} from '../../src/common/api/cases.ts';
import type { ConsentScope } from '../../src/common/cases/vocabulary.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import {
  decryptFieldText,
  encryptField,
  type BoxKeyPair,
} from '../../src/common/crypto/envelope.ts';
import { generateRecordKey, openRecordKey, sealRecordKey } from '../../src/common/crypto/keys.ts';
import { sealedContext, type SealedTable } from '../../src/common/records/contexts.ts';
import { call } from './http.ts';
import { loginCookie, type TestMember, type TestOrganisation } from './factories.ts';
import type { TestApp } from './test-app.ts';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const code = (prefix: string) =>
  `${prefix}-${[...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;

/** Seals one field under a record key, bound to its table, column and row. */
export function seal(
  key: Uint8Array,
  table: SealedTable,
  column: string,
  id: string,
  text: string,
) {
  return toB64(encryptField(key, text, sealedContext(table, column, id)));
}

/** Opens one sealed field (base64url) under a record key. */
export function open(key: Uint8Array, table: SealedTable, column: string, id: string, b64: string) {
  return decryptFieldText(key, fromB64(b64), sealedContext(table, column, id));
}

export interface TestCase {
  id: string;
  reference: string;
  recordKey: Uint8Array;
  version: number;
}

export interface TestCaseOptions {
  title?: string;
  goal?: string;
  restricted?: boolean;
  centralPersonId?: string;
  contactAlertDays?: number;
  status?: 'open' | 'active' | 'urgent';
}

/** Opens a case through the API as `actor`'s browser would. */
export async function createTestCase(
  t: TestApp,
  org: TestOrganisation,
  actor: TestMember,
  options: TestCaseOptions = {},
): Promise<TestCase> {
  const id = randomUUID();
  const recordKey = generateRecordKey();
  const res = await call(t, 'POST', '/api/cases', {
    cookie: actor.cookie,
    payload: {
      id,
      sealedRecordKey: toB64(sealRecordKey(recordKey, org.orgKeyPair.publicKey)),
      sealedTitle: seal(recordKey, 'cases', 'sealed_title', id, options.title ?? 'Free A.'),
      sealedGoal: seal(recordKey, 'cases', 'sealed_goal', id, options.goal ?? 'A is safe'),
      restricted: options.restricted ?? false,
      centralPersonId: options.centralPersonId ?? null,
      contactAlertDays: options.contactAlertDays ?? null,
      status: options.status ?? 'open',
    },
  });
  assert.equal(res.statusCode, 201, `create case: ${res.body}`);
  const body = res.json<{ reference: string; version: number }>();
  return { id, reference: body.reference, recordKey, version: body.version };
}

export async function getCaseDetail(
  t: TestApp,
  actor: TestMember,
  caseId: string,
): Promise<CaseDetailDto> {
  const res = await call(t, 'GET', `/api/cases/${caseId}`, { cookie: actor.cookie });
  assert.equal(res.statusCode, 200, `get case: ${res.body}`);
  return res.json<CaseDetailDto>();
}

export interface TestRecord {
  id: string;
  recordKey: Uint8Array;
}

/** An incident stored as the records module stores one: a key copy and a sealed title. */
export async function createTestIncident(
  t: TestApp,
  org: TestOrganisation,
  options: { date?: string | null; title?: string; description?: string } = {},
): Promise<TestRecord & { reference: string }> {
  const id = randomUUID();
  const recordKey = generateRecordKey();
  const now = t.clock.now();
  const reference = code('I');
  await t.database.db
    .insertInto('incidents')
    .values({
      id,
      organisation_id: org.id,
      reference,
      incident_date: options.date === undefined ? '2026-01-15' : options.date,
      date_precision: options.date === null ? 'unknown' : 'day',
      incident_types: ['family_confinement'],
      perpetrator_types: ['family'],
      sealed_title: sealBytes(
        recordKey,
        'incidents',
        'sealed_title',
        id,
        options.title ?? 'Held by his family',
      ),
      sealed_description: sealBytes(
        recordKey,
        'incidents',
        'sealed_description',
        id,
        options.description ?? 'His father locked him in.',
      ),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertKey(t, org, id, 'incident', recordKey);
  const actId = randomUUID();
  await t.database.db
    .insertInto('acts')
    .values({
      id: actId,
      organisation_id: org.id,
      incident_id: id,
      act_type: 'confinement',
      sealed_notes: sealBytes(recordKey, 'acts', 'sealed_notes', actId, 'Two weeks'),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, recordKey, reference };
}

export async function createTestPerson(
  t: TestApp,
  org: TestOrganisation,
  options: { name?: string } = {},
): Promise<TestRecord & { codeName: string }> {
  const id = randomUUID();
  const recordKey = generateRecordKey();
  const now = t.clock.now();
  const codeName = code('P');
  await t.database.db
    .insertInto('people')
    .values({
      id,
      organisation_id: org.id,
      code_name: codeName,
      roles: ['victim'],
      sealed_name: sealBytes(recordKey, 'people', 'sealed_name', id, options.name ?? 'Arman'),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertKey(t, org, id, 'person', recordKey);
  return { id, recordKey, codeName };
}

export async function createTestIntervention(
  t: TestApp,
  org: TestOrganisation,
  options: { caseId?: string; submittedOn?: string; responseOn?: string; title?: string } = {},
): Promise<TestRecord> {
  const id = randomUUID();
  const recordKey = generateRecordKey();
  const now = t.clock.now();
  await t.database.db
    .insertInto('interventions')
    .values({
      id,
      organisation_id: org.id,
      case_id: options.caseId ?? null,
      intervener_type: 'lawyer',
      intervention_type: 'police_complaint',
      submitted_on: options.submittedOn ?? '2026-01-20',
      response_on: options.responseOn ?? null,
      authority_response: options.responseOn ? 'refused_to_register' : 'awaiting',
      status: options.responseOn ? 'responded' : 'submitted',
      sealed_title: sealBytes(
        recordKey,
        'interventions',
        'sealed_title',
        id,
        options.title ?? 'Complaint to the police',
      ),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await insertKey(t, org, id, 'intervention', recordKey);
  return { id, recordKey };
}

function sealBytes(key: Uint8Array, table: SealedTable, column: string, id: string, text: string) {
  return encryptField(key, text, sealedContext(table, column, id));
}

async function insertKey(
  t: TestApp,
  org: TestOrganisation,
  id: string,
  type: 'incident' | 'person' | 'intervention',
  recordKey: Uint8Array,
) {
  await t.database.db
    .insertInto('record_keys')
    .values({
      record_id: id,
      organisation_id: org.id,
      record_type: type,
      sealed_key: sealRecordKey(recordKey, org.orgKeyPair.publicKey),
      referral_id: null,
      created_at: t.clock.now(),
    })
    .execute();
}

/** Links a record to a case through the API. */
export async function linkToCase(
  t: TestApp,
  actor: TestMember,
  caseId: string,
  kind: 'incidents' | 'people' | 'reports',
  recordId: string,
): Promise<void> {
  const res = await call(t, 'PUT', `/api/cases/${caseId}/${kind}/${recordId}`, {
    cookie: actor.cookie,
    payload: {},
  });
  assert.equal(res.statusCode, 204, `link ${kind}: ${res.body}`);
}

/** Adds a task with a sealed title through the API; returns its id and version. */
export async function addTestTask(
  t: TestApp,
  actor: TestMember,
  kase: TestCase,
  options: { title?: string; ownerMemberId?: string | null; dueAt?: Date; remindAt?: Date } = {},
): Promise<{ id: string; version: number }> {
  const id = randomUUID();
  const res = await call(t, 'POST', `/api/cases/${kase.id}/tasks`, {
    cookie: actor.cookie,
    payload: {
      id,
      ownerMemberId: options.ownerMemberId === undefined ? actor.id : options.ownerMemberId,
      dueAt: options.dueAt?.toISOString() ?? null,
      remindAt: options.remindAt?.toISOString() ?? null,
      sealedTitle: seal(kase.recordKey, 'tasks', 'sealed_title', id, options.title ?? 'Call A.'),
    },
  });
  assert.equal(res.statusCode, 201, `add task: ${res.body}`);
  return { id, version: res.json<{ task: { version: number } }>().task.version };
}

/** Records a contact with the central person through the API. */
export async function recordTestContact(
  t: TestApp,
  actor: TestMember,
  kase: TestCase,
  at: Date,
  note = 'Spoke briefly; safe for now.',
) {
  const id = randomUUID();
  const res = await call(t, 'POST', `/api/cases/${kase.id}/contacts`, {
    cookie: actor.cookie,
    payload: {
      id,
      contactedAt: at.toISOString(),
      channel: 'phone',
      sealedNote: seal(kase.recordKey, 'case_contacts', 'sealed_note', id, note),
    },
  });
  assert.equal(res.statusCode, 201, `record contact: ${res.body}`);
  return id;
}

/** Records a consent written down by a member; returns its id. */
export async function recordTestConsent(
  t: TestApp,
  actor: TestMember,
  kase: TestCase,
  scope: ConsentScope[],
  partnerOrganisationId: string | null = null,
): Promise<string> {
  const id = randomUUID();
  const res = await call(t, 'POST', `/api/cases/${kase.id}/consents`, {
    cookie: actor.cookie,
    payload: {
      id,
      source: 'recorded',
      scope,
      partnerOrganisationId,
      sealedNote: seal(kase.recordKey, 'consents', 'sealed_note', id, 'Agreed by phone on 2 March'),
    },
  });
  assert.equal(res.statusCode, 201, `record consent: ${res.body}`);
  return id;
}

/** `org` lists `partner` as a partner (its admin does it through the API). */
export async function makePartner(t: TestApp, org: TestOrganisation, partner: TestOrganisation) {
  const res = await call(t, 'PUT', `/api/partners/${partner.id}`, {
    cookie: org.admin.cookie,
    payload: {},
  });
  assert.equal(res.statusCode, 204, `add partner: ${res.body}`);
}

/**
 * The referring browser's work: fetch the plan for the scope, open each key with the
 * organisation key, seal it to the partner's public key. Returns the request body.
 */
export async function buildReferral(
  t: TestApp,
  org: TestOrganisation,
  actor: TestMember,
  caseId: string,
  options: {
    partner: { id: string; publicKey: Uint8Array };
    consentId: string;
    scope: ConsentScope[];
  },
): Promise<SendReferralRequest> {
  const plan = await call(
    t,
    'GET',
    `/api/cases/${caseId}/referral-plan?scope=${options.scope.join(',')}`,
    { cookie: actor.cookie },
  );
  assert.equal(plan.statusCode, 200, `referral plan: ${plan.body}`);
  const records = plan.json<{
    records: {
      recordId: string;
      recordType: SendReferralRequest['keys'][number]['recordType'];
      sealedKey: string;
    }[];
  }>().records;
  return {
    id: randomUUID(),
    partnerOrganisationId: options.partner.id,
    consentId: options.consentId,
    scope: options.scope,
    keys: records.map((r) => ({
      recordId: r.recordId,
      recordType: r.recordType,
      sealedKey: toB64(
        sealRecordKey(
          openRecordKey(fromB64(r.sealedKey), org.orgKeyPair),
          options.partner.publicKey,
        ),
      ),
    })),
  };
}

/** Builds and sends a referral; asserts it was stored. */
export async function referCase(
  t: TestApp,
  org: TestOrganisation,
  actor: TestMember,
  caseId: string,
  options: { partner: TestOrganisation; consentId: string; scope: ConsentScope[] },
): Promise<string> {
  const body = await buildReferral(t, org, actor, caseId, {
    partner: { id: options.partner.id, publicKey: options.partner.orgKeyPair.publicKey },
    consentId: options.consentId,
    scope: options.scope,
  });
  const res = await call(t, 'POST', `/api/cases/${caseId}/referrals`, {
    cookie: actor.cookie,
    payload: body,
  });
  assert.equal(res.statusCode, 201, `refer: ${res.body}`);
  return body.id;
}

export async function getBundle(t: TestApp, actor: TestMember, referralId: string) {
  const res = await call(t, 'GET', `/api/referrals/${referralId}/bundle`, { cookie: actor.cookie });
  return { res, bundle: res.statusCode === 200 ? res.json<ReferralBundleDto>() : undefined };
}

/** Opens a sealed record key copy (base64url) with an organisation key pair. */
export function openKey(sealed: string, org: BoxKeyPair): Uint8Array {
  return openRecordKey(fromB64(sealed), org);
}

/** Signs members in again after the test clock moved past their session's life. */
export async function signInAgain(t: TestApp, ...members: TestMember[]): Promise<void> {
  for (const member of members) member.cookie = await loginCookie(t, member.email, member.password);
}
