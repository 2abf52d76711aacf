import type { CaseOutcome, CaseStatus } from '../../../common/cases/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { appendVersion, changedFields } from '../records/history.repository.ts';
import { caseSnapshot } from './case-history.ts';
import type { CasesDeps } from './cases.deps.ts';
import { findCaseVersioned, updateCaseVersioned } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';
import { editConflict } from './update-case.ts';

/**
 * Moves a case through its workflow: open, active, urgent, on hold, closed. Closing needs
 * an outcome and stamps closed_at; any other status clears both (reopening a case).
 */
export async function changeCaseStatus(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The version the member was looking at. */
  expectedVersion: number;
  status: CaseStatus;
  /** Required when closing (the schema checks), absent otherwise. */
  outcome?: CaseOutcome;
}) {
  const { deps, actor, caseId, expectedVersion, status } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.write');
    if (kase.version !== expectedVersion) throw editConflict(kase.version);
    const before = await findCaseVersioned(trx, caseId);
    if (!before) throw new Error('the case disappeared inside its transaction');
    const closing = status === 'closed';
    const changes = {
      status,
      outcome: closing ? (options.outcome ?? 'other') : null,
      closed_at: closing ? (kase.status === 'closed' ? kase.closed_at : now) : null,
    };
    const afterSnapshot = caseSnapshot({ ...before, ...changes });
    const changed = changedFields(caseSnapshot(before), afterSnapshot);
    if (changed.length === 0) return { id: caseId, version: kase.version };
    const version = await updateCaseVersioned(trx, caseId, expectedVersion, changes, {
      memberId: actor.memberId,
      now,
    });
    if (version === undefined) throw editConflict(kase.version);
    await appendVersion(trx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      recordType: 'case',
      recordId: caseId,
      version,
      memberId: actor.memberId,
      changedAt: now,
      changeKind: 'update',
      changedFields: changed,
      snapshot: afterSnapshot,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.status_changed',
      objectType: 'case',
      objectId: caseId,
      fields: { from: kase.status, to: status, outcome: changes.outcome, version },
    });
    return { id: caseId, version };
  });
}
