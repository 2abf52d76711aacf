import type { Actor } from '../../../../common/policy/permissions.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { countUnreadOf, listNotificationsOf } from './notifications.repository.ts';
import { authoriseReports } from './staff.policy.ts';

/** The signed-in member's newest notifications and how many of all of theirs are unread. */
export async function listNotifications(options: { deps: IntakeDeps; actor: Actor }) {
  const { deps, actor } = options;
  authoriseReports(actor, 'reports.read');
  const [notifications, unread] = await Promise.all([
    listNotificationsOf(deps.db, actor.organisationId, actor.memberId),
    countUnreadOf(deps.db, actor.organisationId, actor.memberId),
  ]);
  return { notifications, unread };
}
