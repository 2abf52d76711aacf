import type { Actor } from '../../../../common/policy/permissions.ts';
import { recordEvent } from '../../audit/record-event.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { NOTIFY_EMAIL_CONTEXT, setNotifyEmailSealed } from './notifications.repository.ts';
import { authoriseReports } from './staff.policy.ts';

/**
 * Sets (or, with null, clears) where the member's content-free notification e-mails go.
 * The server must read the address to send mail, so it is sealed with the server key, not
 * the organisation key; the audit row says only whether e-mails are on.
 */
export async function setNotificationEmail(options: {
  deps: IntakeDeps;
  actor: Actor;
  /** A normalised address, or null to stop e-mails. */
  email: string | null;
}): Promise<string | null> {
  const { deps, actor, email } = options;
  authoriseReports(actor, 'reports.read');
  const sealed =
    email === null
      ? null
      : deps.secrets.sealServerValue(new TextEncoder().encode(email), NOTIFY_EMAIL_CONTEXT);
  await deps.db.transaction().execute(async (trx) => {
    await setNotifyEmailSealed(trx, actor.memberId, sealed);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.notification_email_changed',
      objectType: 'member',
      objectId: actor.memberId,
      fields: { emails: email === null ? 'off' : 'on' },
    });
  });
  return email;
}
