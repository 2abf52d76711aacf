import { randomBytes } from 'node:crypto';
import { HttpError, unauthorised } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { findMemberByEmailIndex, insertLoginChallenge, lockMember, updateMember } from './accounts.repository.ts';
import { createSession } from './create-session.ts';
import { decodeKey, hashAuthKey, hashToken, newToken, verifyAuthKey } from './credentials.ts';
import { lockedFor, recordLoginFailure } from './record-login-failure.ts';

const WRONG_CREDENTIALS = 'Wrong e-mail or password.';
const CHALLENGE_MINUTES = 5;

let dummyHash: string | undefined;

export type LoginResult = { next: 'done'; sessionToken: string } | { next: 'totp'; challenge: string };

export interface LoginOptions {
  deps: AccountsDeps;
  email: string;
  /** base64url auth key derived in the browser; the password never reaches the server. */
  authKey: string;
  device: string;
}

/** The password step of login. With 2FA on, returns a short-lived challenge instead of a session. */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const { deps } = options;
  const authKey = decodeKey(options.authKey, 'authKey', 32);
  const found = await findMemberByEmailIndex(deps.db, deps.secrets.emailIndex(options.email));
  if (!found || found.status === 'disabled') {
    // Spend the same time as a real check, so timing does not reveal which e-mails exist.
    dummyHash ??= hashAuthKey(randomBytes(32), deps.config.authHash);
    verifyAuthKey(dummyHash, authKey);
    throw unauthorised(WRONG_CREDENTIALS);
  }
  return deps.db.transaction().execute(async (trx) => {
    const member = await lockMember(trx, found.id);
    if (!member) throw unauthorised(WRONG_CREDENTIALS);
    const wait = lockedFor(member, deps.now());
    if (wait > 0) throw tooManyAttempts(wait);
    if (!verifyAuthKey(member.auth_hash, authKey)) {
      await recordLoginFailure({ deps, trx, member, factor: 'password' });
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
    await updateMember(trx, member.id, { failed_logins: 0, locked_until: null });
    const sessionToken = await createSession({
      deps,
      trx,
      memberId: member.id,
      organisationId: member.organisation_id,
      device: options.device,
    });
    return { next: 'done' as const, sessionToken };
  }).then((result) => {
    // The failure is committed first, then reported: a thrown error would roll it back.
    if ('failed' in result) throw unauthorised(WRONG_CREDENTIALS);
    return result;
  });
}

export function tooManyAttempts(waitMs: number): HttpError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return new HttpError(429, 'too_many_attempts', `Too many failed attempts on this account. Try again in ${minutes} min.`);
}
