import { z } from 'zod';
import { defineJob } from '../job-definition.ts';
import {
  deleteDeadSessions,
  deleteExpiredLoginChallenges,
  deleteExpiredRecoveryChallenges,
  deleteExpiredSetupTokens,
  deleteStaleThrottles,
} from './purge-expired.repository.ts';

/**
 * Deletes ended and expired sessions, expired login and recovery challenges, expired
 * setup tokens and stale sign-in throttle rows. Enqueued every hour by the scheduler; deleting what is already gone is a
 * no-op, so a repeated run is harmless.
 */
export const purgeExpired = defineJob({
  kind: 'sessions.purge-expired',
  version: 1,
  payload: z.strictObject({}),
  maxAttempts: 3,
  backoff: { baseMs: 60_000, maxMs: 10 * 60_000 },
  async handler(_payload, ctx) {
    const now = ctx.now();
    const deleted = {
      sessions: await deleteDeadSessions(ctx.db, now),
      loginChallenges: await deleteExpiredLoginChallenges(ctx.db, now),
      recoveryChallenges: await deleteExpiredRecoveryChallenges(ctx.db, now),
      setupTokens: await deleteExpiredSetupTokens(ctx.db, now),
      throttles: await deleteStaleThrottles(ctx.db, now),
    };
    ctx.logger.info({ jobId: ctx.job.id, deleted }, 'purged expired sessions and challenges');
  },
});
