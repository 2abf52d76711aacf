// Version history of records and cases (table record_versions). Each change stores the
// whole record as it became (a snapshot: coded values as they are, sealed values as the
// base64 of their envelope) and the names of the fields that changed. The server compares
// sealed values by their ciphertext: the browser re-encrypts only the fields a member
// edited, so an unchanged field keeps its envelope and is not reported as changed. The
// browser decrypts old sealed values to show what they were; restoring a version writes
// its snapshot back as a new version.
import type { Kysely, Transaction } from 'kysely';
import { toB64 } from '../../../common/crypto/encoding.ts';
import type { DB } from '../../db/types.generated.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type VersionedType = 'incident' | 'act' | 'person' | 'intervention' | 'case' | 'task';
export type ChangeKind = 'create' | 'update' | 'restore';

/** A JSON value of a snapshot. */
export type SnapshotValue =
  string | number | boolean | null | SnapshotValue[] | { [key: string]: SnapshotValue };
export type Snapshot = Record<string, SnapshotValue>;

/**
 * A row's fields as a snapshot: bytes (sealed envelopes) become base64, dates become ISO
 * strings, arrays and JSON are kept. `fields` lists what to keep, in order.
 */
export function snapshotOf(row: Record<string, unknown>, fields: readonly string[]): Snapshot {
  const out: Snapshot = {};
  for (const field of fields) out[field] = toSnapshotValue(row[field]);
  return out;
}

function toSnapshotValue(value: unknown): SnapshotValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Uint8Array) return toB64(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toSnapshotValue);
  if (typeof value === 'object') {
    const out: Record<string, SnapshotValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toSnapshotValue(v);
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  throw new Error(`cannot keep a ${typeof value} in a snapshot`);
}

/** The fields whose values differ between two snapshots (by their JSON form). */
export function changedFields(before: Snapshot | undefined, after: Snapshot): string[] {
  if (!before) return Object.keys(after);
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
}

export async function appendVersion(
  db: Db,
  version: {
    id: string;
    organisationId: string;
    recordType: VersionedType;
    recordId: string;
    version: number;
    memberId: string | null;
    changedAt: Date;
    changeKind: ChangeKind;
    changedFields: readonly string[];
    snapshot: Snapshot;
    restoredFrom?: number | null;
  },
): Promise<void> {
  await db
    .insertInto('record_versions')
    .values({
      id: version.id,
      organisation_id: version.organisationId,
      record_type: version.recordType,
      record_id: version.recordId,
      version: version.version,
      member_id: version.memberId,
      changed_at: version.changedAt,
      change_kind: version.changeKind,
      changed_fields: [...version.changedFields],
      snapshot: JSON.stringify(version.snapshot),
      restored_from: version.restoredFrom ?? null,
    })
    .execute();
}

export interface StoredVersion {
  version: number;
  memberId: string | null;
  changedAt: Date;
  changeKind: ChangeKind;
  changedFields: string[];
  restoredFrom: number | null;
  snapshot: Snapshot;
}

function toStored(row: {
  version: number;
  member_id: string | null;
  changed_at: Date;
  change_kind: string;
  changed_fields: string[];
  restored_from: number | null;
  snapshot: unknown;
}): StoredVersion {
  return {
    version: row.version,
    memberId: row.member_id,
    changedAt: row.changed_at,
    changeKind: row.change_kind as ChangeKind,
    changedFields: row.changed_fields,
    restoredFrom: row.restored_from,
    snapshot: (typeof row.snapshot === 'string'
      ? JSON.parse(row.snapshot)
      : row.snapshot) as Snapshot,
  };
}

const VERSION_COLUMNS = [
  'version',
  'member_id',
  'changed_at',
  'change_kind',
  'changed_fields',
  'restored_from',
  'snapshot',
] as const;

/** Every version of a record, newest first. */
export async function listVersions(db: Db, recordId: string): Promise<StoredVersion[]> {
  const rows = await db
    .selectFrom('record_versions')
    .select(VERSION_COLUMNS)
    .where('record_id', '=', recordId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toStored);
}

export async function findVersion(
  db: Db,
  recordId: string,
  version: number,
): Promise<StoredVersion | undefined> {
  const row = await db
    .selectFrom('record_versions')
    .select(VERSION_COLUMNS)
    .where('record_id', '=', recordId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? toStored(row) : undefined;
}

/** Part of crypto-erasure: the history holds old sealed values and coded values too. */
export async function deleteHistory(db: Db, recordIds: readonly string[]): Promise<void> {
  if (recordIds.length === 0) return;
  await db.deleteFrom('record_versions').where('record_id', 'in', recordIds).execute();
}
