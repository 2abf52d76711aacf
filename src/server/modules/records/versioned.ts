// The versioned fields of each record type, and the one way a versioned row changes: lock
// it, check the version the member was editing, write the new values with version + 1, and
// append the snapshot and changed fields to the history, all in the caller's transaction.
// Field names in snapshots and changed-field lists are the API's (camelCase), so the
// browser labels them without a mapping; sealed values are base64url envelopes.
import { sql, type Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { DB } from '../../db/types.generated.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import {
  appendVersion,
  changedFields,
  snapshotOf,
  type ChangeKind,
  type Snapshot,
  type SnapshotValue,
  type VersionedType,
} from './history.repository.ts';

export type VersionedTable = 'incidents' | 'acts' | 'people' | 'interventions';

export interface FieldSpec {
  /** API name → column. */
  readonly columns: Readonly<Record<string, string>>;
  /** API names of bytea envelopes. */
  readonly sealed: ReadonlySet<string>;
  /** API names of jsonb columns. */
  readonly json: ReadonlySet<string>;
}

export interface RecordSpec extends FieldSpec {
  readonly table: VersionedTable;
  readonly recordType: VersionedType;
}

export const INCIDENT_SPEC: RecordSpec = {
  table: 'incidents',
  recordType: 'incident',
  columns: {
    incidentDate: 'incident_date',
    datePrecision: 'date_precision',
    oblast: 'oblast',
    city: 'city',
    placeType: 'place_type',
    onlinePlatform: 'online_platform',
    incidentTypes: 'incident_types',
    biasMotivations: 'bias_motivations',
    biasIndicators: 'bias_indicators',
    perpetratorTypes: 'perpetrator_types',
    odihrCategory: 'odihr_category',
    crimeStatus: 'crime_status',
    violationStatus: 'violation_status',
    reportedToPolice: 'reported_to_police',
    policeResponse: 'police_response',
    sealedTitle: 'sealed_title',
    sealedDescription: 'sealed_description',
    sources: 'sources',
  },
  sealed: new Set(['sealedTitle', 'sealedDescription']),
  json: new Set(['sources']),
};

export const ACT_SPEC: RecordSpec = {
  table: 'acts',
  recordType: 'act',
  columns: {
    actType: 'act_type',
    victimPersonId: 'victim_person_id',
    perpetrators: 'perpetrators',
    methods: 'methods',
    physicalConsequences: 'physical_consequences',
    psychologicalConsequences: 'psychological_consequences',
    economicConsequences: 'economic_consequences',
    locationType: 'location_type',
    victimStatusAfter: 'victim_status_after',
    actDate: 'act_date',
    datePrecision: 'date_precision',
    sealedNotes: 'sealed_notes',
  },
  sealed: new Set(['sealedNotes']),
  json: new Set(['perpetrators']),
};

export const PERSON_SPEC: RecordSpec = {
  table: 'people',
  recordType: 'person',
  columns: {
    roles: 'roles',
    perpetratorType: 'perpetrator_type',
    ageGroup: 'age_group',
    sealedName: 'sealed_name',
    sealedContacts: 'sealed_contacts',
    sealedDetails: 'sealed_details',
  },
  sealed: new Set(['sealedName', 'sealedContacts', 'sealedDetails']),
  json: new Set(),
};

export const INTERVENTION_SPEC: RecordSpec = {
  table: 'interventions',
  recordType: 'intervention',
  columns: {
    incidentId: 'incident_id',
    caseId: 'case_id',
    intervenerType: 'intervener_type',
    interventionType: 'intervention_type',
    submittedOn: 'submitted_on',
    responseOn: 'response_on',
    authorityResponse: 'authority_response',
    status: 'status',
    priority: 'priority',
    sealedTitle: 'sealed_title',
    sealedNotes: 'sealed_notes',
  },
  sealed: new Set(['sealedTitle', 'sealedNotes']),
  json: new Set(),
};

/** API values (sealed as base64url text) of some of a spec's fields. */
export type ApiValues = Readonly<Record<string, unknown>>;

/** A base64url envelope from a request as bytes; malformed text is a 400, not a 500. */
export function envelopeBytes(text: string, field: string): Uint8Array {
  try {
    return fromB64(text);
  } catch {
    throw badRequest('invalid_envelope', `${field} is not a valid base64url envelope.`);
  }
}

/** An optional envelope from a request as bytes. */
export function sealedOrNull(text: string | null, field: string): Uint8Array | null {
  return text === null ? null : envelopeBytes(text, field);
}

/** JSON with object keys sorted, so a jsonb round trip (which reorders keys) compares equal. */
function canonical(value: SnapshotValue): SnapshotValue {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, SnapshotValue> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(value[key] ?? null);
    return out;
  }
  return value;
}

/** The snapshot of a row: every versioned field under its API name. */
export function snapshotOfRow(spec: FieldSpec, row: Record<string, unknown>): Snapshot {
  const named: Record<string, unknown> = {};
  for (const [api, column] of Object.entries(spec.columns)) named[api] = row[column];
  const snapshot = snapshotOf(named, Object.keys(spec.columns));
  for (const api of spec.json) snapshot[api] = canonical(snapshot[api] ?? null);
  return snapshot;
}

/** API values as they would stand in a snapshot (only the spec's fields). */
function snapshotOfValues(spec: FieldSpec, values: ApiValues): Snapshot {
  const present = Object.keys(values).filter((k) => k in spec.columns && values[k] !== undefined);
  const snapshot = snapshotOf(values, present);
  for (const api of present)
    if (spec.json.has(api)) snapshot[api] = canonical(snapshot[api] ?? null);
  return snapshot;
}

/** API values as column values: envelopes as bytes, JSON as text for jsonb. */
export function columnsOf(spec: FieldSpec, values: ApiValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [api, value] of Object.entries(values)) {
    const column = spec.columns[api];
    if (column === undefined || value === undefined) continue;
    if (spec.sealed.has(api)) {
      out[column] = value === null ? null : envelopeBytes(String(value), api);
    } else if (spec.json.has(api)) {
      out[column] = JSON.stringify(value ?? []);
    } else {
      out[column] = value;
    }
  }
  return out;
}

export function editConflict(): Error {
  return conflict(
    'edit_conflict',
    'Someone else changed this record since you opened it. Reload it to see their changes, then edit again.',
  );
}

/**
 * Writes a new version of a locked row. `expectedVersion` (when given) must equal the
 * row's version, else 409 and nothing is written. An update that changes nothing writes
 * nothing and keeps the version; a restore always writes a version, so the history shows it.
 */
export async function writeVersion(
  trx: Transaction<DB>,
  spec: RecordSpec,
  options: {
    /** The locked row as it is. */
    row: Record<string, unknown> & { id: string; organisation_id: string; version: number };
    values: ApiValues;
    expectedVersion: number | null;
    memberId: string;
    now: Date;
    changeKind: Exclude<ChangeKind, 'create'>;
    restoredFrom?: number;
  },
): Promise<{ version: number; changedFields: string[] }> {
  const { row, values } = options;
  if (options.expectedVersion !== null && options.expectedVersion !== row.version) {
    throw editConflict();
  }
  const before = snapshotOfRow(spec, row);
  const after = { ...before, ...snapshotOfValues(spec, values) };
  const changed = changedFields(before, after);
  if (changed.length === 0 && options.changeKind === 'update') {
    return { version: row.version, changedFields: [] };
  }
  const next = row.version + 1;
  const columns = columnsOf(spec, values);
  const assignments = [
    ...Object.entries(columns).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
    sql`version = ${next}`,
    sql`updated_by = ${options.memberId}`,
    sql`updated_at = ${options.now}`,
  ];
  // The row is locked, so the version check above cannot race; the where clause is a
  // second guard against a caller that forgot to lock.
  const result = await sql`
    update ${sql.table(spec.table)} set ${sql.join(assignments)}
    where id = ${row.id} and version = ${row.version}`.execute(trx);
  if (Number(result.numAffectedRows ?? 0) !== 1) throw editConflict();
  await appendVersion(trx, {
    id: randomUUID(),
    organisationId: row.organisation_id,
    recordType: spec.recordType,
    recordId: row.id,
    version: next,
    memberId: options.memberId,
    changedAt: options.now,
    changeKind: options.changeKind,
    changedFields: changed,
    snapshot: after,
    restoredFrom: options.restoredFrom ?? null,
  });
  return { version: next, changedFields: changed };
}

/** The first version of a new row. */
export async function writeFirstVersion(
  trx: Transaction<DB>,
  spec: RecordSpec,
  row: Record<string, unknown> & { id: string; organisation_id: string },
  memberId: string,
  now: Date,
): Promise<void> {
  await appendVersion(trx, {
    id: randomUUID(),
    organisationId: row.organisation_id,
    recordType: spec.recordType,
    recordId: row.id,
    version: 1,
    memberId,
    changedAt: now,
    changeKind: 'create',
    changedFields: Object.keys(spec.columns),
    snapshot: snapshotOfRow(spec, row),
  });
}
