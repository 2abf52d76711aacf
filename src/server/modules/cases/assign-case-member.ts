import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { memberMay } from './cases.policy.ts';
import { findMember, insertCaseMember, touchCase } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';
import { notifyMembers } from './notify-members.ts';

/**
 * Assigns a member to a case (cases.assign). Only an active member of the same
 * organisation whose role reads cases may be assigned; anyone else is refused with the
 * same answer, so an id of another organisation reveals nothing. The member is notified
 * (case_assigned) unless they assigned themselves. Assigning twice changes nothing.
 */
export async function assignCaseMember(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The member to assign. */
  memberId: string;
}) {
  const { deps, actor, caseId, memberId } = options;
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.assign');
    const member = await findMember(trx, memberId);
    if (
      !member ||
      member.organisation_id !== kase.organisation_id ||
      member.status !== 'active' ||
      !memberMay(member, 'cases.read')
    ) {
      throw badRequest(
        'invalid_assignee',
        'Choose an active member of your organisation whose role may read cases.',
      );
    }
    const added = await insertCaseMember(trx, {
      caseId,
      memberId,
      organisationId: kase.organisation_id,
      by: actor.memberId,
      now,
    });
    if (!added) return;
    await touchCase(trx, caseId, now);
    if (memberId !== actor.memberId) {
      await notifyMembers(trx, {
        organisationId: kase.organisation_id,
        memberIds: [memberId],
        kind: 'case_assigned',
        caseId,
        now,
      });
    }
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.member_assigned',
      objectType: 'case',
      objectId: caseId,
      fields: { memberId },
    });
  });
}
