import type { z } from 'zod';
import type { CustodyEntry, recordExport } from '../../../common/api/evidence.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest } from '../../http/errors.ts';
import { lastCustodyEvent } from './custody.repository.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import {
  authoriseEvidence,
  authoriseParent,
  maySeeParent,
  parentOfRow,
} from './evidence.policy.ts';
import { presentCustodyEntry } from './evidence.presenter.ts';
import { findItemsByIds } from './items.repository.ts';
import { recordCustody } from './record-custody.ts';

/**
 * Records that an evidence package was assembled in the browser (or by the CLI) from
 * these items (evidence.export): one `evidence.exported` custody event per item, naming
 * the SHA-256 of the package's manifest.json. Every item must be one the actor may see
 * (else 400 `item_not_found`, whichever the reason); the case, when named, too (404).
 */
export async function recordItemsExport(options: {
  deps: EvidenceDeps;
  actor: Actor;
  request: z.output<typeof recordExport>;
}): Promise<CustodyEntry[]> {
  const { deps, actor, request } = options;
  authoriseEvidence(actor, 'evidence.export');
  if (request.caseId !== null) {
    await authoriseParent(deps.db, actor, 'evidence.export', { type: 'case', id: request.caseId });
  }
  const ids = [...new Set(request.itemIds)];
  return deps.db.transaction().execute(async (trx) => {
    const items = await findItemsByIds(trx, ids);
    for (const id of ids) {
      const item = items.find((i) => i.id === id);
      if (
        !item ||
        item.organisation_id !== actor.organisationId ||
        !(await maySeeParent(trx, actor, parentOfRow(item)))
      ) {
        throw badRequest('item_not_found', `The item ${id} was not found.`);
      }
    }
    const entries: CustodyEntry[] = [];
    for (const id of ids) {
      await recordCustody({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'evidence.exported',
        itemId: id,
        fields: {
          packageManifestSha256: request.packageManifestSha256,
          caseId: request.caseId,
        },
      });
      entries.push(presentCustodyEntry(await lastCustodyEvent(trx, actor.organisationId, id)));
    }
    return entries;
  });
}
