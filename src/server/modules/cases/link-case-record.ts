import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { findLinkTarget, insertLink, touchCase, type LinkKind } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';

const NAMES: Record<LinkKind, string> = {
  incident: 'The incident',
  person: 'The person',
  report: 'The report',
};

/**
 * Links an incident, a person or a report to a case. The record must belong to the
 * case's organisation (another organisation's record answers 404 like a missing one); a
 * report must have been accepted in triage, and linking one needs reports.read. Linking
 * twice changes nothing.
 */
export async function linkCaseRecord(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  kind: LinkKind;
  /** The record to link. */
  recordId: string;
}) {
  const { deps, actor, caseId, kind, recordId } = options;
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    if (kind === 'report') authoriseCases(actor, 'reports.read');
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.write');
    const target = await findLinkTarget(trx, kind, recordId);
    if (!target || target.organisation_id !== kase.organisation_id) throw notFound(NAMES[kind]);
    if (kind === 'report' && target.status !== 'accepted') {
      throw badRequest(
        'report_not_accepted',
        'Only an accepted report can join a case. Accept it in the inbox first.',
      );
    }
    const added = await insertLink(trx, kind, {
      caseId,
      recordId,
      organisationId: kase.organisation_id,
      now,
    });
    if (!added) return;
    await touchCase(trx, caseId, now);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.record_linked',
      objectType: 'case',
      objectId: caseId,
      fields: { kind, recordId },
    });
  });
}
