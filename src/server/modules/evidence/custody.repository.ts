// Reads the audit chain's events about one evidence item (the custody log). The audit
// module writes them (record-custody.ts); this only reads.
import type { AuditRow } from '../audit/audit.repository.ts';
import type { Db } from './evidence.deps.ts';

/** Every event about the item, in chain order. */
export async function listCustodyEvents(
  db: Db,
  organisationId: string,
  itemId: string,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('object_type', '=', 'evidence_item')
    .where('object_id', '=', itemId)
    .orderBy('seq')
    .execute();
}

/** The newest event about the item (just written by the caller's transaction). */
export async function lastCustodyEvent(
  db: Db,
  organisationId: string,
  itemId: string,
): Promise<AuditRow> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('object_type', '=', 'evidence_item')
    .where('object_id', '=', itemId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}
