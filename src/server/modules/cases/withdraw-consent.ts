import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { destroyReferralKeys } from '../records/record-keys.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { lockVisibleCase } from './load-case.ts';
import {
  findConsent,
  listCaseReferrals,
  setReferralStatus,
  withdrawConsentRow,
} from './referrals.repository.ts';

/**
 * Withdraws a consent. The referrals that rested on it are withdrawn with it and the
 * partners' key copies destroyed: what a person no longer agrees to share stops being
 * readable by the partner from that moment. Withdrawing twice changes nothing.
 */
export async function withdrawConsent(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  consentId: string;
}) {
  const { deps, actor, caseId, consentId } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await lockVisibleCase(trx, actor, caseId, 'cases.write');
    const consent = await findConsent(trx, consentId);
    if (!consent || consent.case_id !== caseId) throw notFound('The consent');
    if (await withdrawConsentRow(trx, consentId, now)) {
      const referrals = (await listCaseReferrals(trx, caseId)).filter(
        (r) => r.consent_id === consentId && (r.status === 'pending' || r.status === 'accepted'),
      );
      for (const referral of referrals) {
        await setReferralStatus(trx, referral.id, {
          status: 'withdrawn',
          from: ['pending', 'accepted'],
          memberId: actor.memberId,
          now,
        });
        await destroyReferralKeys(trx, referral.id);
      }
      await recordEvent({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'consent.withdrawn',
        objectType: 'case',
        objectId: caseId,
        fields: { consentId, referralsWithdrawn: referrals.map((r) => r.id) },
      });
    }
    const updated = await findConsent(trx, consentId);
    if (!updated) throw new Error('the consent disappeared inside its transaction');
    return updated;
  });
}
