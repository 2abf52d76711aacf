import type { z } from 'zod';
import type { auditQuery } from '../../../common/api/accounts.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import { authorise } from '../accounts/accounts.policy.ts';
import { listEvents } from './audit.repository.ts';

/** A page of the organisation's audit log, newest first, for admins. */
export async function listAuditEvents(options: {
  db: Kysely<DB>;
  actor: Actor;
  query: z.infer<typeof auditQuery>;
}) {
  const { actor, query } = options;
  authorise(actor, 'audit.read', actor.organisationId);
  const rows = await listEvents(options.db, {
    organisationId: actor.organisationId,
    action: query.action,
    actorMemberId: query.actor,
    objectId: query.object,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    beforeSeq: query.before,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { rows: page, nextBefore: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null };
}
