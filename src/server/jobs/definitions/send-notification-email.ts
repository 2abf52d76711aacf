import { z } from 'zod';
import type { Locale } from '../../../common/api/accounts.ts';
import { LOCALES } from '../../../common/api/accounts.ts';
import { notificationEmail } from '../../mail/notification-email.ts';
import {
  findEmailRecipient,
  NOTIFY_EMAIL_CONTEXT,
} from '../../modules/intake/staff/notifications.repository.ts';
import { memberMayReadReports } from '../../modules/intake/staff/staff.policy.ts';
import { defineJob } from '../job-definition.ts';

/**
 * Sends one member the content-free "something new, sign in" e-mail. The payload holds the
 * member id only — never the address, which stays sealed with the server key until this
 * handler opens it in memory. Everything is re-checked at send time: a member who was
 * disabled, lost `reports.read` or turned e-mails off since gets nothing. A repeated run
 * (a crash after sending) sends the same neutral text again, which is harmless.
 */
export const sendNotificationEmail = defineJob({
  kind: 'intake.send-notification-email',
  version: 1,
  payload: z.strictObject({ memberId: z.uuid() }),
  maxAttempts: 5,
  backoff: { baseMs: 60_000, maxMs: 30 * 60_000 },
  async handler({ memberId }, ctx) {
    if (!ctx.services) throw new Error('the job worker was started without mail services');
    const { mailer, secrets, config } = ctx.services;
    const member = await findEmailRecipient(ctx.db, memberId);
    if (!member?.notify_email_sealed || !memberMayReadReports(member)) {
      ctx.logger.info({ jobId: ctx.job.id }, 'notification e-mail not sent: no longer wanted');
      return;
    }
    const to = new TextDecoder().decode(
      secrets.openServerValue(member.notify_email_sealed, NOTIFY_EMAIL_CONTEXT),
    );
    const locale: Locale = (LOCALES as readonly string[]).includes(member.locale)
      ? (member.locale as Locale)
      : 'en';
    const result = await mailer.send(
      notificationEmail({ to, locale, publicOrigin: config.publicOrigin }),
    );
    if (result === 'sent') ctx.logger.info({ jobId: ctx.job.id }, 'notification e-mail sent');
  },
});
