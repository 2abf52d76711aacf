// Trusted time: stamp an item's manifest digest with the configured RFC 3161 authority,
// and tell the browser which authority that is (its CA certificates, to check tokens).
// Route list: src/common/api/evidence.ts.
import type { FastifyInstance } from 'fastify';
import * as api from '../../../common/api/evidence.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, typed } from '../../http/route-helpers.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { authoriseEvidence } from './evidence.policy.ts';
import { presentTimestamp } from './evidence.presenter.ts';
import { timestampVerified } from './item-views.ts';
import { requestTimestamp } from './request-timestamp.ts';

export async function registerTimestampRoutes(
  instance: FastifyInstance,
  deps: EvidenceDeps,
): Promise<void> {
  const app = typed(instance);
  const tags = ['evidence'];

  app.post(
    '/api/evidence/items/:id/timestamps',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        body: api.requestTimestamp,
        response: {
          201: api.evidenceTimestamp,
          202: api.timestampPending,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const outcome = await requestTimestamp({
        deps,
        actor: requireActiveActor(request),
        itemId: request.params.id,
        digest: request.body.digest,
      });
      if ('pending' in outcome)
        return reply.code(202).send({ pending: true, reason: outcome.pending });
      return reply
        .code(201)
        .send(
          presentTimestamp(outcome.stamped, await timestampVerified(outcome.stamped, deps.config)),
        );
    },
  );

  app.get(
    '/api/evidence/timestamp-authority',
    { schema: { tags, response: { 200: api.timestampAuthority, ...errorResponses } } },
    async (request) => {
      const actor = requireActiveActor(request);
      authoriseEvidence(actor, 'evidence.read');
      const tsa = deps.config.evidence.tsa;
      return {
        configured: tsa !== null,
        url: tsa?.url ?? null,
        caCertificatesPem: tsa?.caCertificatesPem ?? [],
      };
    },
  );
}
