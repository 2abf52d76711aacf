import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { listVersions } from '../records/history.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { loadTask } from './load-task.ts';

/** Every version of a task, newest first (sealed values as they were: an audited read). */
export async function listTaskVersions(options: { deps: CasesDeps; actor: Actor; taskId: string }) {
  const { deps, actor, taskId } = options;
  return deps.db.transaction().execute(async (trx) => {
    await loadTask(trx, actor, taskId, 'cases.read');
    const versions = await listVersions(trx, taskId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'task.history_viewed',
      objectType: 'task',
      objectId: taskId,
    });
    return versions;
  });
}
