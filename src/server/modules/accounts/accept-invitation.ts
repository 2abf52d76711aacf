import type { z } from 'zod';
import type { newMemberCredentials } from '../../../common/api/accounts.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { lockInvitationByTokenHash, markInvitationUsed } from './invitations.repository.ts';
import { createSession } from './create-session.ts';
import { insertNewMember } from './create-organisation.ts';
import { hashToken } from './credentials.ts';
import { invitationGone } from './inspect-invitation.ts';

export interface AcceptInvitationOptions {
  deps: AccountsDeps;
  token: string;
  credentials: z.infer<typeof newMemberCredentials>;
  device: string;
}

/**
 * Creates a pending member from an invitation and uses the invitation up. The member can
 * sign in at once but holds no organisation key until an admin approves them.
 */
export async function acceptInvitation(options: AcceptInvitationOptions) {
  const { deps } = options;
  return deps.db.transaction().execute(async (trx) => {
    // Locked so two browsers racing with the same link cannot both use it.
    const invitation = await lockInvitationByTokenHash(trx, hashToken(options.token));
    const now = deps.now();
    if (!invitation || invitation.used_at || invitation.revoked_at || invitation.expires_at <= now)
      throw invitationGone();
    const memberId = await insertNewMember({
      deps,
      trx,
      organisationId: invitation.organisation_id,
      credentials: options.credentials,
      role: invitation.role,
      status: 'pending',
    });
    await markInvitationUsed(trx, invitation.id, memberId, now);
    await recordEvent({
      trx,
      organisationId: invitation.organisation_id,
      actorMemberId: memberId,
      action: 'invitation.accepted',
      objectType: 'invitation',
      objectId: invitation.id,
      fields: { memberId, role: invitation.role },
    });
    const sessionToken = await createSession({
      deps,
      trx,
      memberId,
      organisationId: invitation.organisation_id,
      device: options.device,
    });
    return { memberId, status: 'pending' as const, sessionToken };
  });
}
