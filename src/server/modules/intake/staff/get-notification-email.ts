import type { Actor } from '../../../../common/policy/permissions.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { findNotifyEmailSealed, NOTIFY_EMAIL_CONTEXT } from './notifications.repository.ts';
import { authoriseReports } from './staff.policy.ts';

/** The member's own notification address, opened with the server key; null when off. */
export async function getNotificationEmail(options: {
  deps: IntakeDeps;
  actor: Actor;
}): Promise<string | null> {
  const { deps, actor } = options;
  authoriseReports(actor, 'reports.read');
  const sealed = await findNotifyEmailSealed(deps.db, actor.memberId);
  if (!sealed) return null;
  return new TextDecoder().decode(deps.secrets.openServerValue(sealed, NOTIFY_EMAIL_CONTEXT));
}
