// SQL of comment imports.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { MonitoringImportsTable } from '../../db/types.generated.ts';
import type { Db } from './monitoring.deps.ts';

export type ImportRow = Selectable<MonitoringImportsTable>;

export async function insertImport(db: Db, row: Insertable<MonitoringImportsTable>): Promise<void> {
  await db.insertInto('monitoring_imports').values(row).execute();
}

export async function updateImport(
  db: Db,
  id: string,
  values: Updateable<MonitoringImportsTable>,
): Promise<void> {
  await db.updateTable('monitoring_imports').set(values).where('id', '=', id).execute();
}

export async function findImport(db: Db, id: string): Promise<ImportRow | undefined> {
  return db.selectFrom('monitoring_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listImportsOfItem(db: Db, itemId: string): Promise<ImportRow[]> {
  return db
    .selectFrom('monitoring_imports')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();
}
