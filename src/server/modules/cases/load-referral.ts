import type { Actor } from '../../../common/policy/permissions.ts';
import { can } from '../../../common/policy/permissions.ts';
import { forbidden, notFound } from '../../http/errors.ts';
import { authoriseCases, maySeeCase } from './cases.policy.ts';
import { findCase, type Db } from './cases.repository.ts';
import type { ReferralRow } from './referrals.repository.ts';

/**
 * The actor may look at this referral: the receiving side with referrals.decide, the
 * referring side with referrals.send if they may see the case (a restricted
 * case's referrals are as hidden as the case). Anything else is a 404.
 */
export async function authoriseReferralView(
  db: Db,
  actor: Actor,
  referral: ReferralRow | undefined,
): Promise<ReferralRow> {
  const org = actor.organisationId;
  if (!can(actor, 'referrals.decide', org) && !can(actor, 'referrals.send', org)) {
    authoriseCases(actor, 'referrals.decide');
    throw forbidden();
  }
  if (!referral) throw notFound('The referral');
  if (referral.to_organisation_id === org) return referral;
  if (referral.from_organisation_id === org) {
    const kase = await findCase(db, referral.case_id, actor.memberId);
    if (kase && maySeeCase(actor, kase)) return referral;
  }
  throw notFound('The referral');
}
