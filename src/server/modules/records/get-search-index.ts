import type { z } from 'zod';
import type { searchIndexQuery } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { searchIndexIncidents } from './incidents.repository.ts';
import { searchIndexInterventions } from './interventions.repository.ts';
import { searchIndexPeople } from './people.repository.ts';
import type { RecordsDeps } from './records.deps.ts';
import { authoriseRecords } from './records.policy.ts';

/**
 * One page of the sealed text of the organisation's records of a type, with each record's
 * key sealed to the organisation, so the browser can decrypt and search locally: the server
 * never sees a query or a plaintext. Handing out sealed data is audited
 * (`records.search_index_read`, with the type and the number of entries).
 */
export async function getSearchIndex(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The parsed query: record type, page size, cursor. */
  query: z.output<typeof searchIndexQuery>;
}) {
  const { deps, actor, query } = options;
  authoriseRecords(actor, 'records.read');
  return deps.db.transaction().execute(async (trx) => {
    const after = query.cursor ?? null;
    const fetch =
      query.type === 'person'
        ? searchIndexPeople
        : query.type === 'intervention'
          ? searchIndexInterventions
          : searchIndexIncidents;
    const rows = await fetch(trx, actor.organisationId, after, query.limit + 1);
    const entries = rows.slice(0, query.limit);
    const last = entries[entries.length - 1];
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'records.search_index_read',
      objectType: query.type,
      fields: { type: query.type, entries: entries.length },
    });
    return { entries, next: rows.length > query.limit && last ? last.id : null };
  });
}
