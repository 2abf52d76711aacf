import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import { HttpError } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { type MemberRow } from './organisations.repository.ts';
import { countThrottleFailure, lockThrottle, setThrottleLock } from './sign-in.repository.ts';

/** Longest an e-mail is slowed down after repeated failures. */
const MAX_DELAY_MS = 15 * 60_000;

/**
 * Throws 429 while the e-mail must wait. Locks its throttle row for the transaction, so
 * parallel guesses are counted one after another.
 */
export async function assertNotThrottled(
  trx: Transaction<DB>,
  emailIndex: Uint8Array,
  now: Date,
): Promise<void> {
  const row = await lockThrottle(trx, emailIndex);
  if (row?.locked_until && row.locked_until > now)
    throw tooManyAttempts(row.locked_until.getTime() - now.getTime());
}

/**
 * Counts a failed password or code for one e-mail and, past the free attempts, makes it
 * wait — exponentially, capped. Throttling is per e-mail only (no IP is ever stored), so an
 * attack on one account never slows another; e-mails without an account are counted the
 * same way, so the 429 reveals nothing.
 */
export async function recordLoginFailure(options: {
  deps: AccountsDeps;
  trx: Transaction<DB>;
  emailIndex: Uint8Array;
  /** The account, when there is one: its failure is audited. */
  member: MemberRow | undefined;
  factor: 'password' | 'totp' | 'recovery_code';
}): Promise<void> {
  const { deps, trx } = options;
  const now = deps.now();
  const failures = await countThrottleFailure(trx, options.emailIndex, now);
  const over = failures - deps.config.loginFreeAttempts;
  if (over > 0) {
    await setThrottleLock(
      trx,
      options.emailIndex,
      new Date(now.getTime() + Math.min(2 ** (over - 1) * 30_000, MAX_DELAY_MS)),
    );
  }
  if (!options.member) return;
  await recordEvent({
    trx,
    organisationId: options.member.organisation_id,
    actorMemberId: null,
    action: 'login.failed',
    objectType: 'member',
    objectId: options.member.id,
    fields: { factor: options.factor, failures },
  });
}

export function tooManyAttempts(waitMs: number): HttpError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return new HttpError(
    429,
    'too_many_attempts',
    `Too many failed attempts for this e-mail. Try again in ${minutes} min.`,
  );
}
