import type { Actor } from '../../../common/policy/permissions.ts';
import type { Role } from '../../../common/api/accounts.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { findLiveSessionByTokenHash, touchSession } from './sign-in.repository.ts';
import { hashToken } from './credentials.ts';

export interface ResolvedSession {
  sessionId: string;
  actor: Actor;
}

/** How often last-seen is written: often enough for idle expiry, not a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Finds the live session behind a cookie token and slides its idle expiry. Disabled
 * members have no session.
 */
export async function resolveSession(options: {
  deps: AccountsDeps;
  token: string;
}): Promise<ResolvedSession | null> {
  const { deps } = options;
  if (options.token.length < 20 || options.token.length > 100) return null;
  const now = deps.now();
  const session = await findLiveSessionByTokenHash(deps.db, hashToken(options.token), now);
  if (!session || session.status === 'disabled') return null;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    const idle = new Date(now.getTime() + deps.config.session.idleMinutes * 60_000);
    await touchSession(deps.db, session.id, now, idle);
  }
  return {
    sessionId: session.id,
    actor: {
      memberId: session.member_id,
      organisationId: session.organisation_id,
      role: session.role as Role,
      status: session.status as Actor['status'],
      mustEnableTotp: session.require_totp && !session.totp_enabled,
    },
  };
}
