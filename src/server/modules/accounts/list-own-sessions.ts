import type { Actor } from '../../../common/policy/permissions.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { listLiveSessions } from './sign-in.repository.ts';

/** The actor's live sessions, newest activity first. */
export async function listOwnSessions(options: { deps: AccountsDeps; actor: Actor }) {
  return listLiveSessions(options.deps.db, options.actor.memberId, options.deps.now());
}
