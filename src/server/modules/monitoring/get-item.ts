import type { MonitoredItemDto } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { findItem, tallyItems } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';
import { presentItem } from './monitoring.presenter.ts';

/** One monitored item with its label tally (monitoring.read). */
export async function getItem(options: {
  deps: MonitoringDeps;
  actor: Actor;
  itemId: string;
}): Promise<MonitoredItemDto> {
  const { deps, actor, itemId } = options;
  const row = await findItem(deps.db, itemId);
  authoriseRow(actor, 'monitoring.read', row, 'The monitored item');
  return presentItem(row, (await tallyItems(deps.db, [row.id])).get(row.id));
}
