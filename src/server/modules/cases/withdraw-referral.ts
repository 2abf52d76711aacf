import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { destroyReferralKeys } from '../records/record-keys.repository.ts';
import { listActiveMembersWithRoles } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases, maySeeCase, memberRolesWith } from './cases.policy.ts';
import { findCase } from './cases.repository.ts';
import { notifyMembers } from './notify-members.ts';
import { findReferral, lockReferral, setReferralStatus } from './referrals.repository.ts';

/**
 * The referring organisation withdraws a pending or accepted referral (referrals.send).
 * The partner's copies of the keys are destroyed: from now on it cannot open what it was
 * sent. Its deciders are told (referral_decided).
 */
export async function withdrawReferral(options: {
  deps: CasesDeps;
  actor: Actor;
  referralId: string;
}) {
  const { deps, actor, referralId } = options;
  authoriseCases(actor, 'referrals.send');
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const referral = await lockReferral(trx, referralId);
    const kase = referral ? await findCase(trx, referral.case_id, actor.memberId) : undefined;
    if (
      !referral ||
      referral.from_organisation_id !== actor.organisationId ||
      !kase ||
      !maySeeCase(actor, kase)
    ) {
      throw notFound('The referral');
    }
    const changed = await setReferralStatus(trx, referralId, {
      status: 'withdrawn',
      from: ['pending', 'accepted'],
      memberId: actor.memberId,
      now,
    });
    if (!changed) {
      throw conflict('referral_closed', `This referral is ${referral.status} already.`);
    }
    const destroyed = await destroyReferralKeys(trx, referralId);
    await notifyMembers(trx, {
      organisationId: referral.to_organisation_id,
      memberIds: await listActiveMembersWithRoles(
        trx,
        referral.to_organisation_id,
        memberRolesWith('referrals.decide'),
      ),
      kind: 'referral_decided',
      referralId,
      now,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'referral.withdrawn',
      objectType: 'referral',
      objectId: referralId,
      fields: { toOrganisationId: referral.to_organisation_id, keyCopiesDestroyed: destroyed },
    });
    const updated = await findReferral(trx, referralId);
    if (!updated) throw new Error('the referral disappeared inside its transaction');
    return updated;
  });
}
