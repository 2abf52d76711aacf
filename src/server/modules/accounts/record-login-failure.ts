import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { updateMember, type MemberRow } from './accounts.repository.ts';

/** Longest an account is slowed down after repeated failures. */
const MAX_DELAY_MS = 15 * 60_000;

/**
 * Counts a failed password or code on one account and, past the free attempts, makes that
 * account wait — exponentially, capped. Throttling is per account only (no IP is ever
 * stored), so an attack on one account never slows another.
 */
export async function recordLoginFailure(options: {
  deps: AccountsDeps;
  trx: Transaction<DB>;
  member: MemberRow;
  factor: 'password' | 'totp' | 'recovery_code';
}): Promise<void> {
  const { deps, trx, member } = options;
  const failures = member.failed_logins + 1;
  const over = failures - deps.config.loginFreeAttempts;
  const lockedUntil = over > 0 ? new Date(deps.now().getTime() + Math.min(2 ** (over - 1) * 30_000, MAX_DELAY_MS)) : null;
  await updateMember(trx, member.id, { failed_logins: failures, locked_until: lockedUntil });
  await recordEvent({
    trx,
    organisationId: member.organisation_id,
    actorMemberId: null,
    action: 'login.failed',
    objectType: 'member',
    objectId: member.id,
    fields: { factor: options.factor, failures },
  });
}

export function lockedFor(member: MemberRow, now: Date): number {
  return member.locked_until && member.locked_until > now ? member.locked_until.getTime() - now.getTime() : 0;
}
