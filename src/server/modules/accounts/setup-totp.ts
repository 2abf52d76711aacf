import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { lockMember, updateMember } from './organisations.repository.ts';
import { newTotpSecret, totpBase32, totpUri } from './totp.ts';

/**
 * Starts two-factor enrolment: a new secret, stored encrypted under the server key but not
 * yet enabled, until the member proves their app has it (enable-totp).
 */
export async function setupTotp(options: { deps: AccountsDeps; actor: Actor }) {
  const { deps, actor } = options;
  return deps.db.transaction().execute(async (trx) => {
    const member = await lockMember(trx, actor.memberId);
    if (!member) throw conflict('no_member', 'Your account was not found.');
    if (member.totp_enabled)
      throw conflict(
        'totp_enabled',
        'Two-factor sign-in is already on. Turn it off first to replace it.',
      );
    const secret = new Uint8Array(newTotpSecret().bytes);
    await updateMember(trx, member.id, {
      totp_secret_enc: deps.secrets.sealServerValue(secret, `totp:${member.id}`),
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.totp_setup_started',
      objectType: 'member',
      objectId: member.id,
    });
    // The label is neutral on purpose: an authenticator app on a seized phone should not
    // name the organisation or the person.
    return { secret: totpBase32(secret), uri: totpUri(secret, 'Qorgan') };
  });
}
