import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findRecordKey } from '../records/record-keys.repository.ts';
import { listCaseTasks as listTasksOfCase } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { loadCase } from './load-case.ts';

/** The tasks of one case, soonest due first, with the case's key copy. */
export async function listCaseTasks(options: { deps: CasesDeps; actor: Actor; caseId: string }) {
  const { deps, actor, caseId } = options;
  return deps.db.transaction().execute(async (trx) => {
    await loadCase(trx, actor, caseId, 'cases.read');
    const tasks = await listTasksOfCase(trx, caseId);
    const key = await findRecordKey(trx, caseId, actor.organisationId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.tasks_viewed',
      objectType: 'case',
      objectId: caseId,
    });
    return { tasks, caseKeys: key ? new Map([[caseId, key]]) : new Map<string, Uint8Array>() };
  });
}
