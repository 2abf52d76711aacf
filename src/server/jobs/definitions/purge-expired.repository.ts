// SQL of the purge job: it deletes rows of the accounts tables that can no longer be
// used, so a seized database holds as little history of who signed in when as possible.
// Each predicate is the negation of what the accounts module accepts as live.
import type { Db } from '../jobs.repository.ts';

/** Sessions that were ended, or that passed their idle or absolute expiry. */
export async function deleteDeadSessions(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('ended_at', 'is not', null),
        eb('idle_expires_at', '<=', now),
        eb('absolute_expires_at', '<=', now),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredLoginChallenges(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('login_challenges')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredRecoveryChallenges(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('recovery_challenges')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Setup tokens past their expiry, used or not: an expired token is refused either way. */
export async function deleteExpiredSetupTokens(db: Db, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('setup_tokens')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Sign-in throttle rows that no longer slow anyone down: unlocked (or past their lock) and
 * untouched for a day. They hold only an e-mail HMAC, but no trace is kept longer than needed.
 */
export async function deleteStaleThrottles(db: Db, now: Date): Promise<number> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const result = await db
    .deleteFrom('login_throttle')
    .where('updated_at', '<=', dayAgo)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
