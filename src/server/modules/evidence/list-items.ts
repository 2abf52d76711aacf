import type { EvidenceItem } from '../../../common/api/evidence.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { findRecordKey } from '../records/record-keys.repository.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { authoriseParent, type EvidenceParentRef } from './evidence.policy.ts';
import { presentItems } from './item-views.ts';
import { listItemsOfParent } from './items.repository.ts';

/** The evidence items of an incident or a case the actor may see (evidence.read). */
export async function listItems(options: {
  deps: EvidenceDeps;
  actor: Actor;
  parent: EvidenceParentRef;
}): Promise<{ sealedRecordKey: Uint8Array; items: EvidenceItem[] }> {
  const { deps, actor, parent } = options;
  await authoriseParent(deps.db, actor, 'evidence.read', parent);
  const sealedRecordKey = await findRecordKey(deps.db, parent.id, actor.organisationId);
  if (!sealedRecordKey) throw new Error(`record ${parent.id} has no key for its organisation`);
  const rows = await listItemsOfParent(deps.db, parent);
  return {
    sealedRecordKey,
    items: await presentItems(deps.db, deps.config, actor.organisationId, rows),
  };
}
