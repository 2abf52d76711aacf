// Counts, CSV exports and the organisation's model. The route list is in
// src/common/api/monitoring.ts.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as api from '../../../common/api/monitoring.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, typed } from '../../http/route-helpers.ts';
import { exportCommentsCsv } from './export-comments-csv.ts';
import { exportCountsCsv } from './export-counts-csv.ts';
import { getCounts } from './get-counts.ts';
import { getModelStatus } from './get-model-status.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { retrainModel } from './retrain-model.ts';

/** CSV bodies are text, not JSON (test/http/schemas.test.ts accepts this content type). */
const csvResponse = {
  description: 'CSV (RFC 4180, UTF-8 with a byte order mark; formula-like cells prefixed).',
  content: { 'text/csv': { schema: z.string().meta({ format: 'binary' }) } },
};

const CSV_TYPE = 'text/csv; charset=utf-8';
const fileName = (
  kind: string,
  q: { itemId?: string | undefined; campaignId?: string | undefined },
) => `${kind}-${q.itemId ? `item-${q.itemId}` : `campaign-${q.campaignId ?? ''}`}.csv`;

export function registerCountsRoutes(instance: FastifyInstance, deps: MonitoringDeps): void {
  const app = typed(instance);
  const tags = ['monitoring'];

  app.get(
    '/api/monitoring/counts',
    {
      schema: {
        tags,
        querystring: api.scopeQuery,
        response: { 200: api.counts, ...errorResponses },
      },
    },
    async (request) => getCounts({ deps, actor: requireActiveActor(request), ...request.query }),
  );

  // Registered without the zod type provider, whose reply type is the response schema's,
  // while these routes send text or a stream; the query is still validated by zod.
  instance.get<{ Querystring: z.output<typeof api.scopeQuery> }>(
    '/api/monitoring/exports/counts.csv',
    {
      schema: {
        tags,
        querystring: api.scopeQuery,
        response: { 200: csvResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const csv = await exportCountsCsv({
        deps,
        actor: requireActiveActor(request),
        ...request.query,
      });
      return reply
        .type(CSV_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="${fileName('counts', request.query)}"`,
        )
        .send(csv);
    },
  );

  instance.get<{ Querystring: z.output<typeof api.commentFilterQuery> }>(
    '/api/monitoring/exports/comments.csv',
    {
      schema: {
        tags,
        querystring: api.commentFilterQuery,
        response: { 200: csvResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const rows = await exportCommentsCsv({
        deps,
        actor: requireActiveActor(request),
        filter: request.query,
      });
      return reply
        .type(CSV_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="${fileName('comments', request.query)}"`,
        )
        .send(Readable.from(rows));
    },
  );

  app.get(
    '/api/monitoring/model',
    { schema: { tags, response: { 200: api.modelStatus, ...errorResponses } } },
    async (request) => getModelStatus({ deps, actor: requireActiveActor(request) }),
  );

  app.post(
    '/api/monitoring/model/retrain',
    {
      schema: {
        tags,
        body: api.retrainRequest,
        response: { 201: api.modelStatus, ...errorResponses },
      },
    },
    async (request, reply) => {
      const status = await retrainModel({ deps, actor: requireActiveActor(request) });
      return reply.code(201).send(status);
    },
  );
}
