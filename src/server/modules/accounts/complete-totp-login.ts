import { unauthorised } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { deleteLoginChallenges, findLoginChallenge, lockMember, updateMember, useRecoveryCode } from './accounts.repository.ts';
import { createSession } from './create-session.ts';
import { hashToken } from './credentials.ts';
import { tooManyAttempts } from './login.ts';
import { lockedFor, recordLoginFailure } from './record-login-failure.ts';
import { hashRecoveryCode, matchTotpStep } from './totp.ts';

export interface CompleteTotpLoginOptions {
  deps: AccountsDeps;
  /** The challenge from the password step. */
  challenge: string;
  /** A 6-digit code from the authenticator. */
  code?: string | undefined;
  /** Or one of the single-use recovery codes. */
  recoveryCode?: string | undefined;
}

/** The second-factor step of login: a fresh TOTP code or an unused recovery code. */
export async function completeTotpLogin(options: CompleteTotpLoginOptions): Promise<{ sessionToken: string }> {
  const { deps } = options;
  if (!options.code && !options.recoveryCode) {
    throw unauthorised('Enter the code from your authenticator app, or a recovery code.');
  }
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const challenge = await findLoginChallenge(trx, hashToken(options.challenge), now);
    if (!challenge) return { error: 'Your sign-in step expired. Enter your password again.' };
    const member = await lockMember(trx, challenge.member_id);
    if (!member || member.status === 'disabled') return { error: 'Your sign-in step expired. Enter your password again.' };
    const wait = lockedFor(member, now);
    if (wait > 0) throw tooManyAttempts(wait);

    if (options.code) {
      const secret = member.totp_secret_enc && deps.secrets.openServerValue(member.totp_secret_enc, `totp:${member.id}`);
      const step = secret ? matchTotpStep(secret, options.code, now) : null;
      if (step === null) {
        await recordLoginFailure({ deps, trx, member, factor: 'totp' });
        return { error: 'That code is not right. Check the time on your phone and try the current code.' };
      }
      if (step <= Number(member.totp_last_step)) {
        await recordLoginFailure({ deps, trx, member, factor: 'totp' });
        return { error: 'That code was already used. Wait for the next code.' };
      }
      await updateMember(trx, member.id, { totp_last_step: step });
    } else if (options.recoveryCode) {
      const used = await useRecoveryCode(trx, member.id, hashRecoveryCode(options.recoveryCode), now);
      if (!used) {
        await recordLoginFailure({ deps, trx, member, factor: 'recovery_code' });
        return { error: 'That recovery code is not valid or was already used.' };
      }
    }
    await updateMember(trx, member.id, { failed_logins: 0, locked_until: null });
    await deleteLoginChallenges(trx, member.id);
    const sessionToken = await createSession({
      deps,
      trx,
      memberId: member.id,
      organisationId: member.organisation_id,
      device: challenge.device,
    });
    return { sessionToken };
  });
  // Failures are committed (counted, audited) before they are reported.
  if ('error' in result) throw unauthorised(result.error);
  return result;
}
