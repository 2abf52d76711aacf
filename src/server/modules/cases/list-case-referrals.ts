import type { Actor } from '../../../common/policy/permissions.ts';
import type { CasesDeps } from './cases.deps.ts';
import { loadCase } from './load-case.ts';
import { listCaseReferrals as listReferralsOfCase } from './referrals.repository.ts';

/** The referrals of one case and where each stands (nothing sealed). */
export async function listCaseReferrals(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
}) {
  const { deps, actor, caseId } = options;
  await loadCase(deps.db, actor, caseId, 'cases.read');
  return listReferralsOfCase(deps.db, caseId);
}
