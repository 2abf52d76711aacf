import type { z } from 'zod';
import type { reportListQuery } from '../../../../common/api/intake.ts';
import type { Actor } from '../../../../common/policy/permissions.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { authoriseReports } from './staff.policy.ts';
import {
  listReportSummaries,
  type ReportFilter,
  type ReportSummaryRow,
} from './triage.repository.ts';

const DAY_MS = 86_400_000;

/**
 * One page of the organisation's triage inbox, newest first, with the `receivedAt` to
 * continue from (null on the last page). A page never splits reports received at the same
 * instant — a keyset on the time alone would skip the rest of such a group — so a page may
 * end early before such a group, or, when the group alone fills it, hold the whole group.
 */
export async function listReports(options: {
  deps: IntakeDeps;
  actor: Actor;
  /** The parsed query: filters, page size and where to continue. */
  query: z.output<typeof reportListQuery>;
}): Promise<{ reports: ReportSummaryRow[]; next: Date | null }> {
  const { deps, actor, query } = options;
  authoriseReports(actor, 'reports.read');
  const filter = filterOf(query, actor);
  const base = {
    organisationId: actor.organisationId,
    filter,
    ...(query.before ? { receivedBefore: new Date(query.before) } : {}),
  };
  const rows = await listReportSummaries(deps.db, { ...base, limit: query.limit + 1 });
  if (rows.length <= query.limit) return { reports: rows, next: null };

  const firstLeftOut = rows[query.limit];
  const lastShown = rows[query.limit - 1];
  if (!firstLeftOut || !lastShown) throw new Error('unreachable: the page has limit + 1 rows');
  const boundary = firstLeftOut.received_at.getTime();
  if (lastShown.received_at.getTime() !== boundary) {
    return { reports: rows.slice(0, query.limit), next: lastShown.received_at };
  }
  const before = rows.filter((r) => r.received_at.getTime() > boundary);
  if (before.length > 0) {
    return { reports: before, next: before[before.length - 1]?.received_at ?? null };
  }
  const group = await listReportSummaries(deps.db, {
    ...base,
    receivedAt: firstLeftOut.received_at,
  });
  const more = await listReportSummaries(deps.db, {
    ...base,
    receivedBefore: firstLeftOut.received_at,
    limit: 1,
  });
  return { reports: group, next: more.length > 0 ? firstLeftOut.received_at : null };
}

function filterOf(query: z.output<typeof reportListQuery>, actor: Actor): ReportFilter {
  const filter: ReportFilter = {};
  if (query.status === 'open') filter.statuses = ['new', 'in_progress'];
  else if (query.status) filter.statuses = [query.status];
  if (query.incidentType) filter.incidentType = query.incidentType;
  if (query.oblast) filter.oblast = query.oblast;
  if (query.assigned === 'me') filter.assignedTo = actor.memberId;
  else if (query.assigned === 'none') filter.assignedTo = null;
  else if (query.assigned) filter.assignedTo = query.assigned;
  // `from` and `to` are whole UTC days, both included.
  if (query.from) filter.receivedFrom = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) filter.receivedUntil = new Date(Date.parse(`${query.to}T00:00:00.000Z`) + DAY_MS);
  return filter;
}
