import { HttpError } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { lockMember, updateMember } from './organisations.repository.ts';
import {
  clearThrottle,
  deleteLoginChallenges,
  findLoginChallenge,
  useRecoveryCode,
} from './sign-in.repository.ts';
import { createSession } from './create-session.ts';
import { hashToken } from './credentials.ts';
import { assertNotThrottled, recordLoginFailure } from './record-login-failure.ts';
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

const FAILURES = {
  challenge_expired: 'Your sign-in step expired. Enter your password again.',
  wrong_code: 'That code is not right. Check the time on your phone and try the current code.',
  code_reused: 'That code was already used. Wait for the next code.',
  recovery_code_invalid: 'That recovery code is not valid or was already used.',
} as const;

/** The second-factor step of login: a fresh TOTP code or an unused recovery code. */
export async function completeTotpLogin(
  options: CompleteTotpLoginOptions,
): Promise<{ sessionToken: string }> {
  const { deps } = options;
  if (!options.code && !options.recoveryCode) {
    throw new HttpError(
      400,
      'code_required',
      'Enter the code from your authenticator app, or a recovery code.',
    );
  }
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const challenge = await findLoginChallenge(trx, hashToken(options.challenge), now);
    if (!challenge) return { error: 'challenge_expired' as const };
    const member = await lockMember(trx, challenge.member_id);
    if (!member || member.status === 'disabled') return { error: 'challenge_expired' as const };
    await assertNotThrottled(trx, member.email_index, now);
    const fail = async (error: keyof typeof FAILURES, factor: 'totp' | 'recovery_code') => {
      await recordLoginFailure({ deps, trx, emailIndex: member.email_index, member, factor });
      return { error };
    };

    if (options.code) {
      const secret =
        member.totp_secret_enc &&
        deps.secrets.openServerValue(member.totp_secret_enc, `totp:${member.id}`);
      const step = secret ? matchTotpStep(secret, options.code, now) : null;
      if (step === null) return fail('wrong_code', 'totp');
      if (step <= Number(member.totp_last_step)) return fail('code_reused', 'totp');
      await updateMember(trx, member.id, { totp_last_step: step });
    } else if (options.recoveryCode) {
      const used = await useRecoveryCode(
        trx,
        member.id,
        hashRecoveryCode(options.recoveryCode),
        now,
      );
      if (!used) return fail('recovery_code_invalid', 'recovery_code');
    }
    await clearThrottle(trx, member.email_index);
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
  if ('error' in result) throw new HttpError(401, result.error, FAILURES[result.error]);
  return result;
}
