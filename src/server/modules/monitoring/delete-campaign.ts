import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { countItemsOfCampaign, deleteCampaignRow, findCampaign } from './campaigns.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';

/**
 * Deletes an empty campaign (monitoring.write). A campaign that still groups items is
 * refused with 409 `campaign_not_empty`: its items hold comments that may be evidence, and
 * removing a grouping should never remove them. Move the items out or delete them first.
 */
export async function deleteCampaign(options: {
  deps: MonitoringDeps;
  actor: Actor;
  campaignId: string;
}): Promise<void> {
  const { deps, actor, campaignId } = options;
  await deps.db.transaction().execute(async (trx) => {
    const row = await findCampaign(trx, campaignId, true);
    authoriseRow(actor, 'monitoring.write', row, 'The campaign');
    const items = await countItemsOfCampaign(trx, campaignId);
    if (items > 0) {
      throw conflict(
        'campaign_not_empty',
        `The campaign still has ${items} monitored item(s). Move them to another campaign or delete them first.`,
      );
    }
    await deleteCampaignRow(trx, campaignId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.campaign_deleted',
      objectType: 'monitoring_campaign',
      objectId: campaignId,
    });
  });
}
