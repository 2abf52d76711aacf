import type { MonitoredItemDto } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { findCampaign } from './campaigns.repository.ts';
import { listItemRows, tallyItems } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseMonitoring, authoriseRow } from './monitoring.policy.ts';
import { presentItem } from './monitoring.presenter.ts';

/** The organisation's monitored items, or a campaign's, newest first, with tallies (monitoring.read). */
export async function listItems(options: {
  deps: MonitoringDeps;
  actor: Actor;
  /** Only the items of this campaign. */
  campaignId?: string | undefined;
}): Promise<MonitoredItemDto[]> {
  const { deps, actor, campaignId } = options;
  authoriseMonitoring(actor, 'monitoring.read');
  if (campaignId) {
    authoriseRow(actor, 'monitoring.read', await findCampaign(deps.db, campaignId), 'The campaign');
  }
  const rows = await listItemRows(deps.db, actor.organisationId, campaignId);
  const tallies = await tallyItems(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentItem(r, tallies.get(r.id)));
}
