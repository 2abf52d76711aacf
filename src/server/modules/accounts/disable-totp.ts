import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { lockMember, updateMember } from './organisations.repository.ts';
import { replaceRecoveryCodes } from './sign-in.repository.ts';
import { matchTotpStep } from './totp.ts';

/** Turns two-factor sign-in off; needs a fresh code, so a stolen session alone cannot. */
export async function disableTotp(options: { deps: AccountsDeps; actor: Actor; code: string }) {
  const { deps, actor } = options;
  await deps.db.transaction().execute(async (trx) => {
    const member = await lockMember(trx, actor.memberId);
    if (!member?.totp_enabled || !member.totp_secret_enc)
      throw conflict('totp_off', 'Two-factor sign-in is not on.');
    const secret = deps.secrets.openServerValue(member.totp_secret_enc, `totp:${member.id}`);
    const step = matchTotpStep(secret, options.code, deps.now());
    if (step === null || step <= Number(member.totp_last_step)) {
      throw badRequest(
        'wrong_code',
        'That code is not right or was already used. Try the next code.',
      );
    }
    await updateMember(trx, member.id, {
      totp_enabled: false,
      totp_secret_enc: null,
      totp_last_step: step,
    });
    await replaceRecoveryCodes(trx, member.id, []);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.totp_disabled',
      objectType: 'member',
      objectId: member.id,
    });
  });
}
