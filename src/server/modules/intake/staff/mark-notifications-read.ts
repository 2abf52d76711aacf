import type { Actor } from '../../../../common/policy/permissions.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { markReadOf } from './notifications.repository.ts';
import { authoriseNotifications } from './staff.policy.ts';

/**
 * Marks the member's own notifications read: those named, or all. Ids that are not theirs
 * are ignored, so nothing tells whether another member's notification exists.
 */
export async function markNotificationsRead(options: {
  deps: IntakeDeps;
  actor: Actor;
  /** The notifications to mark; undefined marks every unread one. */
  ids: readonly string[] | undefined;
}): Promise<number> {
  const { deps, actor } = options;
  authoriseNotifications(actor);
  return markReadOf(deps.db, {
    organisationId: actor.organisationId,
    memberId: actor.memberId,
    ...(options.ids ? { ids: options.ids } : {}),
    at: deps.now(),
  });
}
