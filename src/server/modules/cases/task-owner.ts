import { badRequest } from '../../http/errors.ts';
import { memberMay, seesEveryRestrictedCase } from './cases.policy.ts';
import { findMember, type CaseRow, type Db } from './cases.repository.ts';

/**
 * A task's owner is an active member of the case's organisation whose role reads cases;
 * on a restricted case, someone assigned to it (or an admin), so the owner can see it.
 */
export async function requireTaskOwner(db: Db, kase: CaseRow, memberId: string): Promise<void> {
  const member = await findMember(db, memberId);
  const refuse = () =>
    badRequest(
      'invalid_owner',
      'Choose an active member of your organisation who may see this case.',
    );
  if (!member || member.organisation_id !== kase.organisation_id || member.status !== 'active') {
    throw refuse();
  }
  if (!memberMay(member, 'cases.read')) throw refuse();
  if (kase.restricted && !seesEveryRestrictedCase({ role: member.role as 'admin' })) {
    const assigned = await db
      .selectFrom('case_members')
      .select('member_id')
      .where('case_id', '=', kase.id)
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    if (!assigned) throw refuse();
  }
}
