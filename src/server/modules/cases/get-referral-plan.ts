import type { ConsentScope } from '../../../common/cases/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { loadCase } from './load-case.ts';
import { sharedRecordsOf } from './shared-records.ts';

/**
 * The records a referral with `scope` would share, each with the organisation's own copy
 * of its key: the referring member's browser opens each with the organisation key and
 * seals it to the partner. Sending exactly this set is what the referral requires.
 */
export async function getReferralPlan(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  scope: readonly ConsentScope[];
}) {
  const { deps, actor, caseId, scope } = options;
  authoriseCases(actor, 'referrals.send');
  return deps.db.transaction().execute(async (trx) => {
    await loadCase(trx, actor, caseId, 'referrals.send');
    const records = await sharedRecordsOf(trx, {
      caseId,
      organisationId: actor.organisationId,
      scope,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.referral_keys_read',
      objectType: 'case',
      objectId: caseId,
      fields: { scope: [...scope], records: records.length },
    });
    return records;
  });
}
