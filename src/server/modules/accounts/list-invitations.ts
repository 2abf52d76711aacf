import type { Actor } from '../../../common/policy/permissions.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import { listInvitations as listRows } from './invitations.repository.ts';

/** The organisation's invitations, newest first (tokens are never shown again). */
export async function listInvitations(options: { deps: AccountsDeps; actor: Actor }) {
  authorise(options.actor, 'invitations.manage', options.actor.organisationId);
  return listRows(options.deps.db, options.actor.organisationId);
}
