import { z } from 'zod';
import { relabelComments } from '../../modules/monitoring/relabel-comments.ts';
import { defineJob } from '../job-definition.ts';

/**
 * After a retrain: labels the organisation's unreviewed comments again with the model now
 * in use. Enqueued by the retrain, in its transaction; a repeat skips what is done.
 */
export const monitoringRelabel = defineJob({
  kind: 'monitoring.relabel',
  version: 1,
  payload: z.strictObject({ organisationId: z.uuid() }),
  maxAttempts: 5,
  backoff: { baseMs: 30_000, maxMs: 10 * 60_000 },
  async handler(payload, ctx) {
    const relabelled = await relabelComments({
      db: ctx.db,
      now: ctx.now,
      organisationId: payload.organisationId,
      signal: ctx.signal,
    });
    ctx.logger.info({ jobId: ctx.job.id, relabelled }, 'monitoring comments labelled again');
  },
});
