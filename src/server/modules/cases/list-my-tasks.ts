import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findRecordKeys } from '../records/record-keys.repository.ts';
import { listMemberTasks } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases, seesEveryRestrictedCase } from './cases.policy.ts';

/** The actor's own tasks in a status, soonest due first, on cases they may see. */
export async function listMyTasks(options: {
  deps: CasesDeps;
  actor: Actor;
  status: string;
  limit: number;
}) {
  const { deps, actor } = options;
  authoriseCases(actor, 'cases.read');
  return deps.db.transaction().execute(async (trx) => {
    const tasks = await listMemberTasks(trx, {
      organisationId: actor.organisationId,
      memberId: actor.memberId,
      seesRestricted: seesEveryRestrictedCase(actor),
      status: options.status,
      limit: options.limit,
    });
    const caseKeys = await findRecordKeys(
      trx,
      [...new Set(tasks.map((t) => t.case_id))],
      actor.organisationId,
    );
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'tasks.listed',
      objectType: 'task',
      fields: { count: tasks.length },
    });
    return { tasks, caseKeys };
  });
}
