import type { Actor } from '../../../../common/policy/permissions.ts';
import { badRequest } from '../../../http/errors.ts';
import { recordEvent } from '../../audit/record-event.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { authoriseReport, memberMayReadReports } from './staff.policy.ts';
import {
  findMemberForAssignment,
  findReportSummary,
  lockReport,
  updateReport,
} from './triage.repository.ts';

/**
 * Assigns a report to a member, or unassigns it. The member must be an active member of
 * the same organisation whose role reads reports; a member of another organisation answers
 * like one that does not exist. Assigning the current assignee records nothing.
 */
export async function assignReport(options: {
  deps: IntakeDeps;
  actor: Actor;
  reportId: string;
  /** The member to assign, or null to unassign. */
  memberId: string | null;
}) {
  const { deps, actor, reportId, memberId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, reportId);
    authoriseReport(actor, 'reports.triage', report);
    if (memberId !== null) {
      const member = await findMemberForAssignment(trx, memberId);
      if (
        !member ||
        member.organisation_id !== report.organisation_id ||
        !memberMayReadReports(member)
      ) {
        throw badRequest(
          'invalid_assignee',
          'Choose an active member of your organisation whose role may read reports.',
        );
      }
    }
    if (report.assigned_member_id !== memberId) {
      await updateReport(trx, reportId, { assigned_member_id: memberId, updated_at: deps.now() });
      await recordEvent({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'report.assigned',
        objectType: 'report',
        objectId: reportId,
        fields: { from: report.assigned_member_id, to: memberId },
      });
    }
    const summary = await findReportSummary(trx, reportId);
    if (!summary) throw new Error('the report disappeared inside its transaction');
    return summary;
  });
}
