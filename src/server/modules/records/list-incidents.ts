import type { z } from 'zod';
import type { incidentListQuery } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { listIncidentRows, sortKeyOf, type IncidentRow } from './incidents.repository.ts';
import { decodeCursor, encodeCursor } from './record-helpers.ts';
import type { RecordsDeps } from './records.deps.ts';
import { authoriseRecords } from './records.policy.ts';

/**
 * One page of the organisation's incidents matching every filter given, in the order asked
 * (by incident date, creation or last change), with a cursor to the next page. Coded
 * fields only: nothing sealed is handed out, so a list is not a read of sealed data.
 */
export async function listIncidents(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The parsed query: filters, sort, page size and cursor. */
  query: z.output<typeof incidentListQuery>;
}): Promise<{ incidents: IncidentRow[]; next: string | null }> {
  const { deps, actor, query } = options;
  authoriseRecords(actor, 'records.read');
  const after = decodeCursor(query.cursor);
  const rows = await listIncidentRows(deps.db, actor.organisationId, query, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > query.limit && last ? encodeCursor(sortKeyOf(last, query.sort), last.id) : null;
  return { incidents: page, next };
}
