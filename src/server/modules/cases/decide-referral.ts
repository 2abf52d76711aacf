import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import { recordEvent } from '../audit/record-event.ts';
import { destroyReferralKeys } from '../records/record-keys.repository.ts';
import { listActiveAssignees } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { notifyMembers } from './notify-members.ts';
import { findReferral, lockReferral, setReferralStatus } from './referrals.repository.ts';

/**
 * The partner accepts or declines a pending referral (referrals.decide), optionally with
 * a reply sealed to the referring organisation. Declining destroys the partner's copies of
 * the keys, so it can no longer open anything it was sent. The referring member and the
 * case's assigned members are notified (referral_decided).
 */
export async function decideReferral(options: {
  deps: CasesDeps;
  actor: Actor;
  referralId: string;
  decision: 'accepted' | 'declined';
  /** A reply sealed to the referring organisation's public key (base64url). */
  sealedReply?: string;
}) {
  const { deps, actor, referralId, decision } = options;
  authoriseCases(actor, 'referrals.decide');
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const referral = await lockReferral(trx, referralId);
    if (!referral || referral.to_organisation_id !== actor.organisationId) {
      throw notFound('The referral');
    }
    const changed = await setReferralStatus(trx, referralId, {
      status: decision,
      from: ['pending'],
      memberId: actor.memberId,
      now,
      sealedReply: options.sealedReply ? fromB64(options.sealedReply) : undefined,
    });
    if (!changed) {
      throw conflict('referral_not_pending', `This referral is ${referral.status} already.`);
    }
    const destroyed = decision === 'declined' ? await destroyReferralKeys(trx, referralId) : 0;
    const recipients = await listActiveAssignees(trx, referral.case_id);
    if (referral.created_by) recipients.push(referral.created_by);
    await notifyMembers(trx, {
      organisationId: referral.from_organisation_id,
      memberIds: recipients,
      kind: 'referral_decided',
      caseId: referral.case_id,
      referralId,
      now,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: decision === 'accepted' ? 'referral.accepted' : 'referral.declined',
      objectType: 'referral',
      objectId: referralId,
      fields: { fromOrganisationId: referral.from_organisation_id, keyCopiesDestroyed: destroyed },
    });
    const updated = await findReferral(trx, referralId);
    if (!updated) throw new Error('the referral disappeared inside its transaction');
    return updated;
  });
}
