import type { Role } from '../../../common/api/accounts.ts';
import { HttpError } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { findInvitationByTokenHash } from './invitations.repository.ts';
import { findOrganisation, type Db } from './organisations.repository.ts';
import { encode, hashToken } from './credentials.ts';

export function invitationGone(): HttpError {
  return new HttpError(
    410,
    'invitation_invalid',
    'This invitation link was already used, has expired or was withdrawn. Ask your admin for a new one.',
  );
}

/** Loads a usable invitation by token, or throws 410. */
export async function loadOpenInvitation(db: Db, token: string, now: Date) {
  const invitation = await findInvitationByTokenHash(db, hashToken(token));
  if (!invitation || invitation.used_at || invitation.revoked_at || invitation.expires_at <= now)
    throw invitationGone();
  return invitation;
}

/** What an invitee's browser needs before it creates their keys: the organisation's public key. */
export async function inspectInvitation(options: { deps: AccountsDeps; token: string }) {
  const { deps } = options;
  const invitation = await loadOpenInvitation(deps.db, options.token, deps.now());
  const org = await findOrganisation(deps.db, invitation.organisation_id);
  if (!org) throw invitationGone();
  return {
    organisation: { id: org.id, name: org.name, publicKey: encode(org.public_key) },
    role: invitation.role as Role,
    expiresAt: invitation.expires_at.toISOString(),
  };
}
