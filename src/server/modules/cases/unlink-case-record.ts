import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { deleteLink, touchCase, type LinkKind } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';

/** Unlinks an incident, a person or a report from a case; unlinking twice changes nothing. */
export async function unlinkCaseRecord(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  kind: LinkKind;
  /** The record to unlink. */
  recordId: string;
}) {
  const { deps, actor, caseId, kind, recordId } = options;
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await lockVisibleCase(trx, actor, caseId, 'cases.write');
    if (!(await deleteLink(trx, kind, caseId, recordId))) return;
    await touchCase(trx, caseId, now);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.record_unlinked',
      objectType: 'case',
      objectId: caseId,
      fields: { kind, recordId },
    });
  });
}
