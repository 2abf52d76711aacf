import type { EvidenceItem } from '../../../common/api/evidence.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { presentItems } from './item-views.ts';
import { loadItem } from './load-item.ts';

/** One evidence item with its files and timestamp tokens (evidence.read). */
export async function getItem(options: {
  deps: EvidenceDeps;
  actor: Actor;
  itemId: string;
}): Promise<EvidenceItem> {
  const { deps, actor, itemId } = options;
  const item = await loadItem(deps.db, actor, 'evidence.read', itemId);
  const [presented] = await presentItems(deps.db, deps.config, actor.organisationId, [item]);
  if (!presented) throw new Error('presentItems returns one view per item');
  return presented;
}
