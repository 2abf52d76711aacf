import { randomUUID } from 'node:crypto';
import type { Role } from '../../../common/api/accounts.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import { insertInvitation } from './invitations.repository.ts';
import { hashToken, newToken } from './credentials.ts';

/** Creates a single-use invitation link for a role; the token is returned once, stored hashed. */
export async function createInvitation(options: { deps: AccountsDeps; actor: Actor; role: Role }) {
  const { deps, actor } = options;
  authorise(actor, 'invitations.manage', actor.organisationId);
  const token = newToken();
  const id = randomUUID();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.invitationDays * 86_400_000);
  await deps.db.transaction().execute(async (trx) => {
    await insertInvitation(trx, {
      id,
      organisation_id: actor.organisationId,
      token_hash: hashToken(token),
      role: options.role,
      created_by: actor.memberId,
      created_at: now,
      expires_at: expiresAt,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'invitation.created',
      objectType: 'invitation',
      objectId: id,
      fields: { role: options.role },
    });
  });
  return { id, token, role: options.role, expiresAt: expiresAt.toISOString() };
}
