import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { deletePartner } from './referrals.repository.ts';

/**
 * Removes a partner (partners.manage): no new referral may go to it. Referrals already
 * sent stay as they are; withdraw them to take the partner's key copies back.
 */
export async function removePartner(options: { deps: CasesDeps; actor: Actor; partnerId: string }) {
  const { deps, actor, partnerId } = options;
  authoriseCases(actor, 'partners.manage');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await deletePartner(trx, actor.organisationId, partnerId))) return;
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'partner.removed',
      objectType: 'organisation',
      objectId: partnerId,
    });
  });
}
