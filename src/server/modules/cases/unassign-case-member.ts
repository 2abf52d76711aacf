import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { deleteCaseNotificationsOf } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { deleteCaseMember, touchCase } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';

/**
 * Unassigns a member from a case. From a restricted case, the member's notifications
 * about it go too: a case they may no longer see should not stay named in their list.
 */
export async function unassignCaseMember(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The member to unassign. */
  memberId: string;
}) {
  const { deps, actor, caseId, memberId } = options;
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.assign');
    if (!(await deleteCaseMember(trx, caseId, memberId))) return;
    if (kase.restricted) await deleteCaseNotificationsOf(trx, caseId, memberId);
    await touchCase(trx, caseId, now);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.member_unassigned',
      objectType: 'case',
      objectId: caseId,
      fields: { memberId },
    });
  });
}
