import { z } from 'zod';
import { purgeUploads } from '../../modules/evidence/purge-uploads.ts';
import { defineJob } from '../job-definition.ts';

/**
 * Hourly: removes evidence uploads that expired unfinished (rows and bytes) and bytes left
 * in the upload area without a row. Removing what is gone already is a no-op.
 */
export const evidencePurgeUploads = defineJob({
  kind: 'evidence.purge-uploads',
  version: 1,
  payload: z.strictObject({}),
  maxAttempts: 3,
  backoff: { baseMs: 60_000, maxMs: 10 * 60_000 },
  async handler(_payload, ctx) {
    const blobs = ctx.services?.blobs;
    if (!blobs) throw new Error('the job worker was started without the blob store');
    const purged = await purgeUploads({ db: ctx.db, blobs, now: ctx.now() });
    ctx.logger.info({ jobId: ctx.job.id, ...purged }, 'purged expired evidence uploads');
  },
});
