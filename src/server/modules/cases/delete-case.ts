import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { collectParentEvidence, removeParentEvidence } from '../evidence/remove-parent-evidence.ts';
import { deleteHistory } from '../records/history.repository.ts';
import { destroyRecordKeys } from '../records/record-keys.repository.ts';
import { listTaskIdsOfCase } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { deleteCaseRow } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';

/**
 * Deletes a case for good (admins: records.delete). Every copy of its record key is
 * destroyed — the organisation's and every partner's — so the sealed title, goal, tasks,
 * contacts and consent notes cannot be opened from a backup either (crypto-erasure). Its
 * history goes, and with the row its tasks, contacts, consents, referrals, alerts, links
 * and notifications. The linked incidents, people and reports stay: they are records of
 * their own. Its evidence items go too: their blobs are removed once the deletion committed
 * (remove-parent-evidence.ts). The audit event keeps the reference only.
 */
export async function deleteCase(options: { deps: CasesDeps; actor: Actor; caseId: string }) {
  const { deps, actor, caseId } = options;
  const evidence = await deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'records.delete');
    const evidence = await collectParentEvidence(trx, actor, { caseId });
    const taskIds = await listTaskIdsOfCase(trx, caseId);
    const keys = await destroyRecordKeys(trx, [caseId]);
    await deleteHistory(trx, [caseId, ...taskIds]);
    await deleteCaseRow(trx, caseId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.deleted',
      objectType: 'case',
      objectId: caseId,
      fields: { reference: kase.reference, keyCopiesDestroyed: keys, tasks: taskIds.length },
    });
    return evidence;
  });
  await removeParentEvidence(deps.blobs, evidence);
}
