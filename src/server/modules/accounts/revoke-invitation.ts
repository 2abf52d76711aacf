import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import { findInvitation, revokeInvitation as revokeRow } from './invitations.repository.ts';

/** Withdraws an unused invitation link. */
export async function revokeInvitation(options: {
  deps: AccountsDeps;
  actor: Actor;
  invitationId: string;
}) {
  const { deps, actor } = options;
  authorise(actor, 'invitations.manage', actor.organisationId);
  await deps.db.transaction().execute(async (trx) => {
    const invitation = await findInvitation(trx, options.invitationId);
    if (!invitation || invitation.organisation_id !== actor.organisationId)
      throw notFound('The invitation');
    if (invitation.used_at || invitation.revoked_at) return;
    await revokeRow(trx, invitation.id, deps.now());
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'invitation.revoked',
      objectType: 'invitation',
      objectId: invitation.id,
    });
  });
}
