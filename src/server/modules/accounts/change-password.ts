import type { z } from 'zod';
import type { changePasswordRequest } from '../../../common/api/accounts.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { HttpError } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { lockMember, updateMember } from './organisations.repository.ts';
import { clearThrottle, endMemberSessions } from './sign-in.repository.ts';
import { createSession } from './create-session.ts';
import { decodeKey, hashAuthKey, verifyAuthKey } from './credentials.ts';

export interface ChangePasswordOptions {
  deps: AccountsDeps;
  actor: Actor;
  /** New wrap of the same member private key, new KDF salt and auth key, current auth key. */
  request: z.infer<typeof changePasswordRequest>;
  device: string;
}

/**
 * Re-wraps the member key under a new password. Every session ends, including the one
 * that asked; a fresh session is returned for it.
 */
export async function changePassword(
  options: ChangePasswordOptions,
): Promise<{ sessionToken: string }> {
  const { deps, actor, request } = options;
  return deps.db.transaction().execute(async (trx) => {
    const member = await lockMember(trx, actor.memberId);
    if (
      !member ||
      !verifyAuthKey(member.auth_hash, decodeKey(request.currentAuthKey, 'currentAuthKey', 32))
    ) {
      // 403, not 401: the session is fine, only the password is wrong.
      throw new HttpError(403, 'wrong_password', 'The current password is not right.');
    }
    await updateMember(trx, member.id, {
      wrapped_private_key: decodeKey(request.wrappedPrivateKey, 'wrappedPrivateKey'),
      kdf_salt: decodeKey(request.kdf.salt, 'kdf.salt', 16),
      kdf_opslimit: request.kdf.opslimit,
      kdf_memlimit: request.kdf.memlimit,
      auth_hash: hashAuthKey(decodeKey(request.authKey, 'authKey', 32), deps.config.authHash),
    });
    await clearThrottle(trx, member.email_index);
    const ended = await endMemberSessions(trx, member.id, deps.now());
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.password_changed',
      objectType: 'member',
      objectId: member.id,
      fields: { sessionsEnded: ended, changed: ['wrapped_private_key', 'kdf_salt', 'auth_hash'] },
    });
    const sessionToken = await createSession({
      deps,
      trx,
      memberId: member.id,
      organisationId: actor.organisationId,
      device: options.device,
    });
    return { sessionToken };
  });
}
