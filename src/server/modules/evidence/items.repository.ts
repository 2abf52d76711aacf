// SQL of evidence items, their files and their timestamp tokens. Every function takes the
// database or an open transaction.
import type { Insertable, Selectable } from 'kysely';
import type {
  EvidenceFilesTable,
  EvidenceItemsTable,
  EvidenceTimestampsTable,
} from '../../db/types.generated.ts';
import type { Db } from './evidence.deps.ts';
import type { EvidenceParentRef } from './evidence.policy.ts';

export type ItemRow = Selectable<EvidenceItemsTable>;
export type FileRow = Selectable<EvidenceFilesTable>;
export type TimestampRow = Selectable<EvidenceTimestampsTable>;

export async function insertItem(db: Db, row: Insertable<EvidenceItemsTable>): Promise<void> {
  await db.insertInto('evidence_items').values(row).execute();
}

export async function insertFiles(
  db: Db,
  rows: readonly Insertable<EvidenceFilesTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('evidence_files')
    .values([...rows])
    .execute();
}

export async function findItem(db: Db, id: string, lock = false): Promise<ItemRow | undefined> {
  const query = db.selectFrom('evidence_items').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Ids among `ids` that name an item or a file already (any organisation). */
export async function takenIds(db: Db, itemId: string, fileIds: readonly string[]) {
  const item = await db
    .selectFrom('evidence_items')
    .select('id')
    .where('id', '=', itemId)
    .executeTakeFirst();
  const files =
    fileIds.length === 0
      ? []
      : await db
          .selectFrom('evidence_files')
          .select('id')
          .where('id', 'in', [...fileIds])
          .execute();
  return { item: item !== undefined, files: files.map((f) => f.id) };
}

export async function findItemsByIds(db: Db, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('evidence_items')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

/** The items of an incident or a case, oldest first. */
export async function listItemsOfParent(db: Db, parent: EvidenceParentRef): Promise<ItemRow[]> {
  return db
    .selectFrom('evidence_items')
    .selectAll()
    .where(parent.type === 'incident' ? 'incident_id' : 'case_id', '=', parent.id)
    .orderBy('collected_at')
    .orderBy('id')
    .execute();
}

export async function listFilesOf(db: Db, itemIds: readonly string[]): Promise<FileRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('evidence_files')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listTimestampsOf(
  db: Db,
  itemIds: readonly string[],
): Promise<TimestampRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('evidence_timestamps')
    .selectAll()
    .where('item_id', 'in', [...itemIds])
    .orderBy('gen_time')
    .orderBy('id')
    .execute();
}

/** A file with the columns of its item that decide who may fetch it. */
export async function findFileWithItem(db: Db, fileId: string) {
  return db
    .selectFrom('evidence_files as f')
    .innerJoin('evidence_items as i', 'i.id', 'f.item_id')
    .select([
      'f.id',
      'f.item_id',
      'f.role',
      'f.blob_key',
      'f.ciphertext_bytes',
      'f.ciphertext_sha256',
      'i.organisation_id',
      'i.incident_id',
      'i.case_id',
    ])
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}

export async function deleteItemRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('evidence_items').where('id', '=', id).execute();
}

/** The items and files under an incident or a case (what deleting the parent removes). */
export async function listEvidenceOfParent(
  db: Db,
  parent: { incidentId?: string; caseId?: string },
) {
  let query = db
    .selectFrom('evidence_files as f')
    .innerJoin('evidence_items as i', 'i.id', 'f.item_id')
    .select([
      'i.id as item_id',
      'i.organisation_id',
      'f.id',
      'f.role',
      'f.blob_key',
      'f.ciphertext_sha256',
    ]);
  query = parent.incidentId
    ? query.where('i.incident_id', '=', parent.incidentId)
    : query.where('i.case_id', '=', parent.caseId ?? '');
  return query.orderBy('i.id').orderBy('f.id').execute();
}

/** Items whose ciphertext was never checked, or last checked before `before`. */
export async function listItemsDueForCheck(
  db: Db,
  before: Date,
  limit: number,
): Promise<Pick<ItemRow, 'id' | 'organisation_id' | 'integrity_status'>[]> {
  return db
    .selectFrom('evidence_items')
    .select(['id', 'organisation_id', 'integrity_status'])
    .where((eb) =>
      eb.or([eb('integrity_checked_at', 'is', null), eb('integrity_checked_at', '<', before)]),
    )
    .orderBy('integrity_checked_at', (ob) => ob.asc().nullsFirst())
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function setIntegrity(db: Db, id: string, status: string, at: Date): Promise<void> {
  await db
    .updateTable('evidence_items')
    .set({ integrity_status: status, integrity_checked_at: at })
    .where('id', '=', id)
    .execute();
}
