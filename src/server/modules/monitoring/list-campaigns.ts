import type { CampaignDto } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { listCampaigns as listCampaignRows } from './campaigns.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseMonitoring } from './monitoring.policy.ts';
import { presentCampaign } from './monitoring.presenter.ts';

/** The organisation's campaigns, newest first (monitoring.read). */
export async function listCampaigns(options: {
  deps: MonitoringDeps;
  actor: Actor;
}): Promise<CampaignDto[]> {
  const { deps, actor } = options;
  authoriseMonitoring(actor, 'monitoring.read');
  return (await listCampaignRows(deps.db, actor.organisationId)).map(presentCampaign);
}
