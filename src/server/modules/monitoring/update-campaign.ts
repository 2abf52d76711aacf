import type { z } from 'zod';
import type { updateCampaign as updateCampaignSchema } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findCampaign, updateCampaignRow } from './campaigns.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';

/** Renames or re-describes a campaign (monitoring.write); the audit names the changed fields. */
export async function updateCampaign(options: {
  deps: MonitoringDeps;
  actor: Actor;
  campaignId: string;
  /** The fields that change. */
  input: z.output<typeof updateCampaignSchema>;
}): Promise<void> {
  const { deps, actor, campaignId, input } = options;
  await deps.db.transaction().execute(async (trx) => {
    const row = await findCampaign(trx, campaignId, true);
    authoriseRow(actor, 'monitoring.write', row, 'The campaign');
    const changed = (['name', 'description'] as const).filter(
      (f) => input[f] !== undefined && input[f] !== row[f],
    );
    if (changed.length === 0) return;
    await updateCampaignRow(trx, campaignId, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      updated_at: deps.now(),
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.campaign_updated',
      objectType: 'monitoring_campaign',
      objectId: campaignId,
      fields: { changed },
    });
  });
}
