// SQL of resumable uploads in progress. The bytes live in the blob store's upload area;
// a row says who may append, for which parent, how long the whole will be and until when.
import type { Insertable, Selectable } from 'kysely';
import type { EvidenceUploadsTable } from '../../db/types.generated.ts';
import type { Db } from './evidence.deps.ts';

export type UploadRow = Selectable<EvidenceUploadsTable>;

export async function insertUpload(db: Db, row: Insertable<EvidenceUploadsTable>): Promise<void> {
  await db.insertInto('evidence_uploads').values(row).execute();
}

export async function findUpload(db: Db, id: string): Promise<UploadRow | undefined> {
  return db.selectFrom('evidence_uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Uploads by id, locked for the rest of the transaction (a commit takes them). */
export async function lockUploads(db: Db, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('evidence_uploads')
    .selectAll()
    .where('id', 'in', [...ids])
    .forUpdate()
    .execute();
}

/** Moves the expiry of an upload that is still being sent. */
export async function touchUpload(db: Db, id: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable('evidence_uploads')
    .set({ expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteUploads(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('evidence_uploads')
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes the rows of uploads that expired before `now`; returns their ids. */
export async function deleteExpiredUploads(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .deleteFrom('evidence_uploads')
    .where('id', 'in', (eb) =>
      eb.selectFrom('evidence_uploads').select('id').where('expires_at', '<', now).limit(limit),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Which of these upload ids still have a row. */
export async function existingUploadIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('evidence_uploads')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Uploads under an incident or a case (their bytes go when the parent is deleted). */
export async function listUploadIdsOfParent(
  db: Db,
  parent: { incidentId?: string; caseId?: string },
): Promise<string[]> {
  let query = db.selectFrom('evidence_uploads').select('id');
  query = parent.incidentId
    ? query.where('incident_id', '=', parent.incidentId)
    : query.where('case_id', '=', parent.caseId ?? '');
  return (await query.execute()).map((r) => r.id);
}
