// SQL of monitored items, and the label tallies shown with them.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { MonitoredItemsTable } from '../../db/types.generated.ts';
import type { Db } from './monitoring.deps.ts';

export type ItemRow = Selectable<MonitoredItemsTable>;

/** Comments, machine-flagged, reviewed and confirmed hateful. */
export interface Tally {
  comments: number;
  machineFlagged: number;
  reviewed: number;
  confirmedHateful: number;
}

export const EMPTY_TALLY: Tally = {
  comments: 0,
  machineFlagged: 0,
  reviewed: 0,
  confirmedHateful: 0,
};

export async function insertItem(db: Db, row: Insertable<MonitoredItemsTable>): Promise<void> {
  await db.insertInto('monitored_items').values(row).execute();
}

export async function findItem(
  db: Db,
  id: string,
  forUpdate = false,
): Promise<ItemRow | undefined> {
  let query = db.selectFrom('monitored_items').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The organisation's items (of one campaign when given), newest first. */
export async function listItemRows(
  db: Db,
  organisationId: string,
  campaignId?: string,
): Promise<ItemRow[]> {
  let query = db
    .selectFrom('monitored_items')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id');
  if (campaignId) query = query.where('campaign_id', '=', campaignId);
  return query.execute();
}

export async function itemIdsOfCampaign(db: Db, campaignId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('monitored_items')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .execute();
  return rows.map((r) => r.id);
}

export async function updateItemRow(
  db: Db,
  id: string,
  values: Updateable<MonitoredItemsTable>,
): Promise<void> {
  await db.updateTable('monitored_items').set(values).where('id', '=', id).execute();
}

/** Deletes the item; its comments, reviews and imports go with it (on delete cascade). */
export async function deleteItemRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitored_items').where('id', '=', id).execute();
}

/** The label tally of each item named. */
export async function tallyItems(db: Db, itemIds: readonly string[]): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('monitored_comments')
    .select([
      'item_id',
      sql<string>`count(*)`.as('comments'),
      sql<string>`count(*) filter (where machine_hateful)`.as('machine_flagged'),
      sql<string>`count(*) filter (where reviewed_at is not null)`.as('reviewed'),
      sql<string>`count(*) filter (where confirmed_hateful)`.as('confirmed_hateful'),
    ])
    .where('item_id', 'in', [...itemIds])
    .groupBy('item_id')
    .execute();
  for (const r of rows) {
    out.set(r.item_id, {
      comments: Number(r.comments),
      machineFlagged: Number(r.machine_flagged),
      reviewed: Number(r.reviewed),
      confirmedHateful: Number(r.confirmed_hateful),
    });
  }
  return out;
}
