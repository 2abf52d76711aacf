import type { CampaignDto } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { findCampaign, listCampaigns } from './campaigns.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';
import { presentCampaign } from './monitoring.presenter.ts';

/** One campaign of the actor's organisation with its item count (monitoring.read). */
export async function getCampaign(options: {
  deps: MonitoringDeps;
  actor: Actor;
  campaignId: string;
}): Promise<CampaignDto> {
  const { deps, actor, campaignId } = options;
  authoriseRow(actor, 'monitoring.read', await findCampaign(deps.db, campaignId), 'The campaign');
  const [row] = await listCampaigns(deps.db, actor.organisationId, [campaignId]);
  if (!row) throw notFound('The campaign');
  return presentCampaign(row);
}
