import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findRecordKey } from '../records/record-keys.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { loadTask } from './load-task.ts';

/** One task with its case's key copy (its title and notes are under the case key). */
export async function getTask(options: { deps: CasesDeps; actor: Actor; taskId: string }) {
  const { deps, actor, taskId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const { task, kase } = await loadTask(trx, actor, taskId, 'cases.read');
    const sealedRecordKey = await findRecordKey(trx, kase.id, actor.organisationId);
    if (!sealedRecordKey) throw new Error(`case ${kase.id} has no key copy for its organisation`);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'task.viewed',
      objectType: 'task',
      objectId: taskId,
    });
    return { task, sealedRecordKey };
  });
}
