import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import {
  countActiveAdmins,
  deleteKeyGrant,
  lockMember,
  lockOrganisation,
  updateMember,
} from './organisations.repository.ts';
import { endMemberSessions } from './sign-in.repository.ts';

/**
 * Disables a member: sessions end and their key grant is deleted. (They may still hold
 * copies of what they decrypted before; rotating the organisation key is a later step.)
 */
export async function disableMember(options: {
  deps: AccountsDeps;
  actor: Actor;
  memberId: string;
}) {
  const { deps, actor } = options;
  authorise(actor, 'members.manage', actor.organisationId);
  return deps.db.transaction().execute(async (trx) => {
    await lockOrganisation(trx, actor.organisationId);
    const member = await lockMember(trx, options.memberId);
    if (!member || member.organisation_id !== actor.organisationId) throw notFound('The member');
    if (member.id === actor.memberId)
      throw conflict('self', 'You cannot disable your own account.');
    if (
      member.role === 'admin' &&
      member.status === 'active' &&
      (await countActiveAdmins(trx, actor.organisationId)) <= 1
    ) {
      throw conflict('last_admin', 'This is the only active admin.');
    }
    const now = deps.now();
    const ended = await endMemberSessions(trx, member.id, now);
    await deleteKeyGrant(trx, actor.organisationId, member.id);
    const updated = await updateMember(trx, member.id, { status: 'disabled' });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.disabled',
      objectType: 'member',
      objectId: member.id,
      fields: { sessionsEnded: ended, keyGrantDeleted: true },
    });
    return updated;
  });
}
