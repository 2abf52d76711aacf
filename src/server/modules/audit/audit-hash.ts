// The hash of one audit row: SHA-256 over the previous hash and a canonical encoding of
// the row. Editing, deleting or reordering any row breaks every hash after it.
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../db/types.generated.ts';

export const GENESIS_HASH = new Uint8Array(32);

export interface AuditRowContent {
  seq: number;
  id: string;
  at: Date;
  organisationId: string | null;
  actorMemberId: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  fields: JsonValue;
}

/** JSON with object keys sorted, so the encoding does not depend on insertion order. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashAuditRow(prevHash: Uint8Array, row: AuditRowContent): Uint8Array {
  const body = canonicalJson([
    'qorgan-audit-v1',
    row.seq,
    row.id,
    row.at.toISOString(),
    row.organisationId,
    row.actorMemberId,
    row.action,
    row.objectType,
    row.objectId,
    row.fields,
  ]);
  return new Uint8Array(createHash('sha256').update(prevHash).update(body).digest());
}
