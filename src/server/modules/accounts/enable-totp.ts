import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { lockMember, updateMember } from './organisations.repository.ts';
import { replaceRecoveryCodes } from './sign-in.repository.ts';
import { hashRecoveryCode, matchTotpStep, newRecoveryCodes } from './totp.ts';

/** Turns two-factor sign-in on once a code from the new secret checks; returns recovery codes once. */
export async function enableTotp(options: { deps: AccountsDeps; actor: Actor; code: string }) {
  const { deps, actor } = options;
  return deps.db.transaction().execute(async (trx) => {
    const member = await lockMember(trx, actor.memberId);
    if (!member?.totp_secret_enc)
      throw conflict('totp_not_started', 'Start two-factor setup first.');
    if (member.totp_enabled) throw conflict('totp_enabled', 'Two-factor sign-in is already on.');
    const secret = deps.secrets.openServerValue(member.totp_secret_enc, `totp:${member.id}`);
    const step = matchTotpStep(secret, options.code, deps.now());
    if (step === null)
      throw badRequest(
        'wrong_code',
        'That code is not right. Check the time on your phone and try the current code.',
      );
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(
      trx,
      member.id,
      codes.map((c) => ({ id: randomUUID(), code_hash: hashRecoveryCode(c) })),
    );
    await updateMember(trx, member.id, { totp_enabled: true, totp_last_step: step });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.totp_enabled',
      objectType: 'member',
      objectId: member.id,
      fields: { recoveryCodes: codes.length },
    });
    return { recoveryCodes: codes };
  });
}
