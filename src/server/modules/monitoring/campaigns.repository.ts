// SQL of monitoring campaigns.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { MonitoringCampaignsTable } from '../../db/types.generated.ts';
import type { Db } from './monitoring.deps.ts';

export type CampaignRow = Selectable<MonitoringCampaignsTable>;
export type CampaignWithCount = CampaignRow & { item_count: number };

export async function insertCampaign(
  db: Db,
  row: Insertable<MonitoringCampaignsTable>,
): Promise<void> {
  await db.insertInto('monitoring_campaigns').values(row).execute();
}

export async function findCampaign(
  db: Db,
  id: string,
  forUpdate = false,
): Promise<CampaignRow | undefined> {
  let query = db.selectFrom('monitoring_campaigns').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The organisation's campaigns, newest first, with how many items each groups. */
export async function listCampaigns(
  db: Db,
  organisationId: string,
  ids?: readonly string[],
): Promise<CampaignWithCount[]> {
  let query = db
    .selectFrom('monitoring_campaigns as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('monitored_items as i')
        .whereRef('i.campaign_id', '=', 'c.id')
        .select((e) => e.fn.countAll<string | number>().as('n'))
        .as('item_count'),
    )
    .where('c.organisation_id', '=', organisationId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id');
  if (ids) query = query.where('c.id', 'in', ids.length > 0 ? [...ids] : ['']);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, item_count: Number(r.item_count ?? 0) }));
}

export async function updateCampaignRow(
  db: Db,
  id: string,
  values: Updateable<MonitoringCampaignsTable>,
): Promise<void> {
  await db.updateTable('monitoring_campaigns').set(values).where('id', '=', id).execute();
}

export async function countItemsOfCampaign(db: Db, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('monitored_items')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteCampaignRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitoring_campaigns').where('id', '=', id).execute();
}
