import type { z } from 'zod';
import type { CustodyEntry, recordVerification } from '../../../common/api/evidence.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { lastCustodyEvent } from './custody.repository.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { presentCustodyEntry } from './evidence.presenter.ts';
import { loadItem } from './load-item.ts';
import { recordCustody } from './record-custody.ts';

/**
 * Records that a member's browser decrypted the item's files, recomputed their hashes and
 * checked its timestamps (evidence.read): an `evidence.verified` custody event with the
 * result and the codes of what failed. Returns the entry as the custody report shows it.
 */
export async function recordItemVerification(options: {
  deps: EvidenceDeps;
  actor: Actor;
  itemId: string;
  verification: z.output<typeof recordVerification>;
}): Promise<CustodyEntry> {
  const { deps, actor, itemId, verification } = options;
  return deps.db.transaction().execute(async (trx) => {
    const item = await loadItem(trx, actor, 'evidence.read', itemId);
    await recordCustody({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'evidence.verified',
      itemId: item.id,
      fields: { result: verification.result, failures: verification.failures },
    });
    return presentCustodyEntry(await lastCustodyEvent(trx, actor.organisationId, item.id));
  });
}
