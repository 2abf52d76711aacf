import { can, type Actor } from '../../../../common/policy/permissions.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { countUnreadOf, listNotificationsOf } from './notifications.repository.ts';
import { authoriseNotifications } from './staff.policy.ts';

/**
 * The signed-in member's newest notifications and how many of all of theirs are unread.
 * Members who read reports or cases have notifications; those about reports are shown
 * only to members who may still read reports.
 */
export async function listNotifications(options: { deps: IntakeDeps; actor: Actor }) {
  const { deps, actor } = options;
  authoriseNotifications(actor);
  const withReports = can(actor, 'reports.read', actor.organisationId);
  const [notifications, unread] = await Promise.all([
    listNotificationsOf(deps.db, actor.organisationId, actor.memberId, { withReports }),
    countUnreadOf(deps.db, actor.organisationId, actor.memberId),
  ]);
  return { notifications, unread };
}
