import type { CustodyReport } from '../../../common/api/evidence.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { verifyChain } from '../audit/verify-chain.ts';
import { listCustodyEvents } from './custody.repository.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { presentCustodyEntry } from './evidence.presenter.ts';
import { loadItem } from './load-item.ts';

/**
 * The chain of custody of one item (evidence.read): every audit event about it, oldest
 * first, each with its link in the hash chain, and whether the whole chain verified just
 * now (a broken link anywhere means the log was altered, so no entry can be relied on).
 */
export async function getCustodyReport(options: {
  deps: EvidenceDeps;
  actor: Actor;
  itemId: string;
}): Promise<CustodyReport> {
  const { deps, actor, itemId } = options;
  const item = await loadItem(deps.db, actor, 'evidence.read', itemId);
  const events = await listCustodyEvents(deps.db, actor.organisationId, item.id);
  const chain = await verifyChain({ db: deps.db });
  return {
    itemId: item.id,
    entries: events.map(presentCustodyEntry),
    chainIntact: chain.ok,
    generatedAt: deps.now().toISOString(),
  };
}
