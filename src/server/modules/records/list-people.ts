import type { z } from 'zod';
import type { personListQuery } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { listPeopleRows, type PersonRow } from './people.repository.ts';
import { decodeCursor, encodeCursor } from './record-helpers.ts';
import type { RecordsDeps } from './records.deps.ts';
import { authoriseRecords } from './records.policy.ts';

/** One page of the organisation's people (code names and coded fields), newest first by default. */
export async function listPeople(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The parsed query: filters, order, page size and cursor. */
  query: z.output<typeof personListQuery>;
}): Promise<{ people: PersonRow[]; next: string | null }> {
  const { deps, actor, query } = options;
  authoriseRecords(actor, 'records.read');
  const rows = await listPeopleRows(
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
  return { people: page, next };
}
