import type { Role } from '../../../common/api/accounts.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import {
  countActiveAdmins,
  lockMember,
  lockOrganisation,
  updateMember,
} from './organisations.repository.ts';

/** Changes a member's role; the last active admin cannot be demoted. */
export async function changeMemberRole(options: {
  deps: AccountsDeps;
  actor: Actor;
  memberId: string;
  role: Role;
}) {
  const { deps, actor } = options;
  authorise(actor, 'members.manage', actor.organisationId);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, actor.organisationId);
    const member = await lockMember(trx, options.memberId);
    if (!member || member.organisation_id !== actor.organisationId) throw notFound('The member');
    if (
      member.role === 'admin' &&
      options.role !== 'admin' &&
      member.status === 'active' &&
      (await countActiveAdmins(trx, actor.organisationId)) <= 1
    ) {
      throw conflict('last_admin', 'This is the only active admin. Make someone else admin first.');
    }
    const updated = await updateMember(trx, member.id, { role: options.role });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.role_changed',
      objectType: 'member',
      objectId: member.id,
      fields: { changed: ['role'], from: member.role, to: options.role },
    });
    return updated;
  });
}
