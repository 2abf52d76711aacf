// The comments a list, queue, count or export covers: one monitored item, or every item of
// a campaign. Either must be of the actor's organisation (else 404).
import type { Actor } from '../../../common/policy/permissions.ts';
import { findCampaign } from './campaigns.repository.ts';
import { findItem, itemIdsOfCampaign } from './items.repository.ts';
import type { Db } from './monitoring.deps.ts';
import { authoriseRow, type MonitoringPermission } from './monitoring.policy.ts';

export interface Scope {
  itemId: string | null;
  campaignId: string | null;
  /** The items whose comments are covered. */
  itemIds: string[];
}

export async function resolveScope(
  db: Db,
  actor: Actor,
  permission: MonitoringPermission,
  named: { itemId?: string | undefined; campaignId?: string | undefined },
): Promise<Scope> {
  if (named.itemId) {
    authoriseRow(actor, permission, await findItem(db, named.itemId), 'The monitored item');
    return { itemId: named.itemId, campaignId: null, itemIds: [named.itemId] };
  }
  if (!named.campaignId) throw new Error('a scope names an item or a campaign');
  authoriseRow(actor, permission, await findCampaign(db, named.campaignId), 'The campaign');
  return {
    itemId: null,
    campaignId: named.campaignId,
    itemIds: await itemIdsOfCampaign(db, named.campaignId),
  };
}
