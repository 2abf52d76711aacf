import { randomBytes } from 'node:crypto';
import { HttpError } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { findMemberByEmailIndex } from './organisations.repository.ts';
import { clearThrottle, insertLoginChallenge } from './sign-in.repository.ts';
import { createSession } from './create-session.ts';
import { decodeKey, hashAuthKey, hashToken, newToken, verifyAuthKey } from './credentials.ts';
import { assertNotThrottled, recordLoginFailure } from './record-login-failure.ts';

const CHALLENGE_MINUTES = 5;

let dummyHash: string | undefined;

export type LoginResult =
  { next: 'done'; sessionToken: string } | { next: 'totp'; challenge: string };

export interface LoginOptions {
  deps: AccountsDeps;
  email: string;
  /** base64url auth key derived in the browser; the password never reaches the server. */
  authKey: string;
  device: string;
}

export function wrongCredentials(): HttpError {
  return new HttpError(401, 'wrong_credentials', 'Wrong e-mail or password.');
}

/**
 * The password step of login. With 2FA on, returns a short-lived challenge instead of a
 * session. An unknown e-mail takes the same time, the same answer and the same throttling
 * as a wrong password, so nothing here tells who has an account.
 */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const { deps } = options;
  const authKey = decodeKey(options.authKey, 'authKey', 32);
  const emailIndex = deps.secrets.emailIndex(options.email);
  const result = await deps.db.transaction().execute(async (trx) => {
    await assertNotThrottled(trx, emailIndex, deps.now());
    const found = await findMemberByEmailIndex(trx, emailIndex);
    const member = found && found.status !== 'disabled' ? found : undefined;
    let valid: boolean;
    if (member) {
      valid = verifyAuthKey(member.auth_hash, authKey);
    } else {
      dummyHash ??= hashAuthKey(randomBytes(32), deps.config.authHash);
      verifyAuthKey(dummyHash, authKey);
      valid = false;
    }
    if (!member || !valid) {
      await recordLoginFailure({ deps, trx, emailIndex, member, factor: 'password' });
      return { failed: true as const };
    }
    if (member.totp_enabled) {
      const challenge = newToken();
      await insertLoginChallenge(trx, {
        token_hash: hashToken(challenge),
        member_id: member.id,
        device: options.device,
        expires_at: new Date(deps.now().getTime() + CHALLENGE_MINUTES * 60_000),
      });
      return { next: 'totp' as const, challenge };
    }
    await clearThrottle(trx, emailIndex);
    const sessionToken = await createSession({
      deps,
      trx,
      memberId: member.id,
      organisationId: member.organisation_id,
      device: options.device,
    });
    return { next: 'done' as const, sessionToken };
  });
  // The failure is committed first, then reported: a thrown error would roll it back.
  if ('failed' in result) throw wrongCredentials();
  return result;
}
