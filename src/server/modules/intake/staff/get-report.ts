import type { Actor } from '../../../../common/policy/permissions.ts';
import { recordEvent } from '../../audit/record-event.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { authoriseReport } from './staff.policy.ts';
import {
  findReportSealed,
  findReportSummary,
  listReportFiles,
  listReportMessages,
} from './triage.repository.ts';

/**
 * A report with its sealed parts, files and messages, for the browser to open with the
 * organisation key. Handing out sealed data is a read of sealed data, so it is audited
 * (`report.viewed`) in the same transaction that reads it.
 */
export async function getReport(options: {
  deps: IntakeDeps;
  actor: Actor;
  /** The report to open. */
  reportId: string;
}) {
  const { deps, actor, reportId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const summary = await findReportSummary(trx, reportId);
    authoriseReport(actor, 'reports.read', summary);
    const sealed = await findReportSealed(trx, reportId);
    if (!sealed) throw new Error('the report disappeared inside its transaction');
    const files = await listReportFiles(trx, reportId);
    const messages = await listReportMessages(trx, reportId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'report.viewed',
      objectType: 'report',
      objectId: reportId,
    });
    return { summary, sealed, files, messages };
  });
}
