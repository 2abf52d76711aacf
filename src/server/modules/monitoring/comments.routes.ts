// Comments of an item or a campaign, one comment's verbatim record, reviews and the review
// queue. The route list is in src/common/api/monitoring.ts.
import type { FastifyInstance } from 'fastify';
import * as api from '../../../common/api/monitoring.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, typed } from '../../http/route-helpers.ts';
import { getComment } from './get-comment.ts';
import { getReviewQueue } from './get-review-queue.ts';
import { listComments } from './list-comments.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { reviewComment } from './review-comment.ts';

export function registerCommentRoutes(instance: FastifyInstance, deps: MonitoringDeps): void {
  const app = typed(instance);
  const tags = ['monitoring'];

  app.get(
    '/api/monitoring/comments',
    {
      schema: {
        tags,
        querystring: api.commentListQuery,
        response: { 200: api.commentList, ...errorResponses },
      },
    },
    async (request) =>
      listComments({ deps, actor: requireActiveActor(request), query: request.query }),
  );

  app.get(
    '/api/monitoring/comments/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.commentDetail, ...errorResponses },
      },
    },
    async (request) =>
      getComment({ deps, actor: requireActiveActor(request), commentId: request.params.id }),
  );

  app.post(
    '/api/monitoring/comments/:id/reviews',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.submitReview,
        response: { 201: api.comment, ...errorResponses },
      },
    },
    async (request, reply) => {
      const comment = await reviewComment({
        deps,
        actor: requireActiveActor(request),
        commentId: request.params.id,
        label: request.body,
      });
      return reply.code(201).send(comment);
    },
  );

  app.get(
    '/api/monitoring/review-queue',
    {
      schema: {
        tags,
        querystring: api.reviewQueueQuery,
        response: { 200: api.reviewQueue, ...errorResponses },
      },
    },
    async (request) =>
      getReviewQueue({
        deps,
        actor: requireActiveActor(request),
        itemId: request.query.itemId,
        campaignId: request.query.campaignId,
        limit: request.query.limit,
      }),
  );
}
