import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { loadCase } from './load-case.ts';
import { listConsents as listConsentsOf } from './referrals.repository.ts';

/** The consents recorded on a case, withdrawn ones included (notes sealed: audited). */
export async function listConsents(options: { deps: CasesDeps; actor: Actor; caseId: string }) {
  const { deps, actor, caseId } = options;
  return deps.db.transaction().execute(async (trx) => {
    await loadCase(trx, actor, caseId, 'cases.read');
    const consents = await listConsentsOf(trx, caseId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.consents_viewed',
      objectType: 'case',
      objectId: caseId,
    });
    return consents;
  });
}
