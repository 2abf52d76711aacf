import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { listVersions } from '../records/history.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { loadCase } from './load-case.ts';

/**
 * Every version of a case, newest first. Snapshots hold the sealed values of the time
 * (opened in the browser with the case key), so handing them out is an audited read.
 */
export async function listCaseVersions(options: { deps: CasesDeps; actor: Actor; caseId: string }) {
  const { deps, actor, caseId } = options;
  return deps.db.transaction().execute(async (trx) => {
    await loadCase(trx, actor, caseId, 'cases.read');
    const versions = await listVersions(trx, caseId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.history_viewed',
      objectType: 'case',
      objectId: caseId,
    });
    return versions;
  });
}
