import type { z } from 'zod';
import type { changeReportStatus as changeReportStatusBody } from '../../../../common/api/intake.ts';
import type { Actor } from '../../../../common/policy/permissions.ts';
import { badRequest } from '../../../http/errors.ts';
import { recordEvent } from '../../audit/record-event.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { authoriseReport } from './staff.policy.ts';
import { findReportSummary, lockReports, updateReport } from './triage.repository.ts';

/**
 * Moves a report to a triage status. A duplicate names the report it repeats: one of the
 * same organisation, not itself, and not itself a duplicate (so chains end at an original
 * and no cycle can form). Setting the status it already has changes and records nothing.
 */
export async function changeReportStatus(options: {
  deps: IntakeDeps;
  actor: Actor;
  reportId: string;
  /** The new status and, for a duplicate, the report it repeats. */
  change: z.output<typeof changeReportStatusBody>;
}) {
  const { deps, actor, reportId } = options;
  const { status, duplicateOf } = options.change;
  return deps.db.transaction().execute(async (trx) => {
    // The original is locked too, so it cannot become a duplicate of this one meanwhile.
    const ids =
      status === 'duplicate' && duplicateOf && duplicateOf !== reportId
        ? [reportId, duplicateOf]
        : [reportId];
    const locked = await lockReports(trx, ids);
    const report = locked.find((r) => r.id === reportId);
    authoriseReport(actor, 'reports.triage', report);

    let nextDuplicateOf: string | null = null;
    if (status === 'duplicate') {
      if (!duplicateOf) {
        throw badRequest('duplicate_of_required', 'Choose the report this one repeats.');
      }
      if (duplicateOf === reportId) {
        throw badRequest('duplicate_of_self', 'A report cannot be a duplicate of itself.');
      }
      const original = locked.find((r) => r.id === duplicateOf);
      // Another organisation's report answers like a missing one.
      if (!original || original.organisation_id !== report.organisation_id) {
        throw badRequest('duplicate_of_unknown', 'The report it repeats was not found.');
      }
      if (original.status === 'duplicate') {
        throw badRequest(
          'duplicate_of_duplicate',
          'That report is itself a duplicate. Choose the report it repeats.',
        );
      }
      nextDuplicateOf = duplicateOf;
    } else if (duplicateOf !== undefined) {
      throw badRequest('duplicate_of_unexpected', 'Name a repeated report only for a duplicate.');
    }

    if (report.status !== status || report.duplicate_of !== nextDuplicateOf) {
      await updateReport(trx, reportId, {
        status,
        duplicate_of: nextDuplicateOf,
        updated_at: deps.now(),
      });
      await recordEvent({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'report.status_changed',
        objectType: 'report',
        objectId: reportId,
        fields: {
          from: report.status,
          to: status,
          ...(nextDuplicateOf ? { duplicateOf: nextDuplicateOf } : {}),
        },
      });
    }
    const summary = await findReportSummary(trx, reportId);
    if (!summary) throw new Error('the report disappeared inside its transaction');
    return summary;
  });
}
