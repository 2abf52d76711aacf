import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { deleteItemRow, findItem, tallyItems } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';

/**
 * Deletes a monitored item with its comments, their reviews and its import history
 * (monitoring.write). The audit event keeps how many comments went.
 */
export async function deleteItem(options: {
  deps: MonitoringDeps;
  actor: Actor;
  itemId: string;
}): Promise<void> {
  const { deps, actor, itemId } = options;
  await deps.db.transaction().execute(async (trx) => {
    const row = await findItem(trx, itemId, true);
    authoriseRow(actor, 'monitoring.write', row, 'The monitored item');
    const tally = (await tallyItems(trx, [itemId])).get(itemId);
    await deleteItemRow(trx, itemId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.item_deleted',
      objectType: 'monitored_item',
      objectId: itemId,
      fields: { comments: tally?.comments ?? 0, reviewed: tally?.reviewed ?? 0 },
    });
  });
}
