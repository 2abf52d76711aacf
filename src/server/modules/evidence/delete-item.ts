import type { Actor } from '../../../common/policy/permissions.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { deleteItemRow, listFilesOf } from './items.repository.ts';
import { loadItem } from './load-item.ts';
import { recordCustody } from './record-custody.ts';

/**
 * Deletes an item for good (admins: evidence.delete): its rows, keys and timestamp tokens
 * go in one transaction with one `evidence.deleted` custody event per file (naming the
 * ciphertext hash that existed), then its blobs are removed from the store. The custody
 * events stay in the audit chain.
 */
export async function deleteItem(options: {
  deps: EvidenceDeps;
  actor: Actor;
  itemId: string;
}): Promise<void> {
  const { deps, actor, itemId } = options;
  const blobKeys = await deps.db.transaction().execute(async (trx) => {
    const item = await loadItem(trx, actor, 'evidence.delete', itemId, true);
    const files = await listFilesOf(trx, [item.id]);
    for (const file of files) {
      await recordCustody({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'evidence.deleted',
        itemId: item.id,
        file,
      });
    }
    await deleteItemRow(trx, item.id);
    return files.map((f) => f.blob_key);
  });
  await removeBlobs(deps, blobKeys);
}

/** Removes blobs whose rows are gone; a failure is left for the operator's logs, not the member. */
export async function removeBlobs(
  deps: Pick<EvidenceDeps, 'blobs'>,
  blobKeys: readonly string[],
): Promise<void> {
  await Promise.allSettled(blobKeys.map((key) => deps.blobs.delete(key)));
}
