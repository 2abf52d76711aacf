import { z } from 'zod';
import { checkIntegrity } from '../../modules/evidence/check-integrity.ts';
import { defineJob } from '../job-definition.ts';

/**
 * Hourly: re-hashes the stored ciphertext of every evidence item whose last check is older
 * than `config.evidence.integrityCheckHours` (so each item is checked that often), marks it
 * intact, corrupt or missing, and notifies the admins of an item that newly failed. A
 * repeated run finds the items it checked no longer due, so it is harmless.
 */
export const evidenceIntegrity = defineJob({
  kind: 'evidence.check-integrity',
  version: 1,
  payload: z.strictObject({}),
  maxAttempts: 3,
  backoff: { baseMs: 60_000, maxMs: 10 * 60_000 },
  async handler(_payload, ctx) {
    const blobs = ctx.services?.blobs;
    const config = ctx.services?.config;
    if (!blobs || !config) throw new Error('the job worker was started without the blob store');
    const run = await checkIntegrity({
      db: ctx.db,
      blobs,
      now: ctx.now,
      everyHours: config.evidence.integrityCheckHours,
      signal: ctx.signal,
    });
    ctx.logger.info({ jobId: ctx.job.id, ...run }, 'checked the integrity of stored evidence');
  },
});
