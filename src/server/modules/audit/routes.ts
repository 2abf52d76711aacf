import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { auditListResponse, auditQuery } from '../../../common/api/accounts.ts';
import type { DB } from '../../db/types.generated.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, typed } from '../../http/route-helpers.ts';
import { listAuditEvents } from './list-audit-events.ts';

export function registerAuditRoutes(instance: FastifyInstance, deps: { db: Kysely<DB> }): void {
  typed(instance).get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: auditQuery,
        response: { 200: auditListResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { rows, nextBefore } = await listAuditEvents({
        db: deps.db,
        actor: requireActiveActor(request),
        query: request.query,
      });
      return {
        events: rows.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actorMemberId: r.actor_member_id,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          fields:
            r.fields !== null && typeof r.fields === 'object' && !Array.isArray(r.fields)
              ? r.fields
              : {},
        })),
        nextBefore,
      };
    },
  );
}
