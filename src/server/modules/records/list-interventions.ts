import type { z } from 'zod';
import type { interventionListQuery } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { listInterventionRows, type InterventionRow } from './interventions.repository.ts';
import { decodeCursor, encodeCursor } from './record-helpers.ts';
import type { RecordsDeps } from './records.deps.ts';
import { authoriseRecords } from './records.policy.ts';

/** One page of the organisation's interventions matching every filter given (coded fields only). */
export async function listInterventions(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The parsed query: filters, order, page size and cursor. */
  query: z.output<typeof interventionListQuery>;
}): Promise<{ interventions: InterventionRow[]; next: string | null }> {
  const { deps, actor, query } = options;
  authoriseRecords(actor, 'records.read');
  const rows = await listInterventionRows(
    deps.db,
    actor.organisationId,
    query,
    decodeCursor(query.cursor),
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next =
    rows.length > query.limit && last ? encodeCursor(last.created_at.toISOString(), last.id) : null;
  return { interventions: page, next };
}
