import type { Actor } from '../../../common/policy/permissions.ts';
import type { Db } from './evidence.deps.ts';
import { authoriseUnderParent, type EvidencePermission } from './evidence.policy.ts';
import { findItem, type ItemRow } from './items.repository.ts';

/**
 * An item the actor may act on with `permission`: of their organisation, under a parent
 * they may see; a missing item and any other answer the same 404.
 */
export async function loadItem(
  db: Db,
  actor: Actor,
  permission: EvidencePermission,
  itemId: string,
  lock = false,
): Promise<ItemRow> {
  return authoriseUnderParent(db, actor, permission, await findItem(db, itemId, lock), 'The item');
}
