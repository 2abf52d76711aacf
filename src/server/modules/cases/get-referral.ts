import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseReferralView } from './load-referral.ts';
import { findReferral } from './referrals.repository.ts';

/** One referral, for either side; each side gets only the sealed note meant for it. */
export async function getReferral(options: { deps: CasesDeps; actor: Actor; referralId: string }) {
  const { deps, actor, referralId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const referral = await authoriseReferralView(trx, actor, await findReferral(trx, referralId));
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'referral.viewed',
      objectType: 'referral',
      objectId: referralId,
    });
    return referral;
  });
}
