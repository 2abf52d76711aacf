// The organisations a reporter can choose on /report: those that accept reports.
import type { IntakeDeps } from './intake.deps.ts';
import { selectReportingOrganisations } from './submissions.repository.ts';

export async function listReportingOrganisations(options: {
  deps: Pick<IntakeDeps, 'db'>;
}): Promise<{ slug: string; name: string }[]> {
  return selectReportingOrganisations(options.deps.db);
}
