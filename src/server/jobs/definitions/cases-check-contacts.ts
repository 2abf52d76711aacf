import { z } from 'zod';
import { checkCaseContacts } from '../../modules/cases/check-case-contacts.ts';
import { sendTaskReminders } from '../../modules/cases/send-task-reminders.ts';
import { defineJob } from '../job-definition.ts';

/**
 * Hourly: raises last-contact alerts for cases whose central person has not been in
 * contact for longer than the case's alert days, and sends task reminders whose time has
 * come. Both keep track of what they did (one alert per silence, one reminder per task),
 * so a repeated run is harmless.
 */
export const casesCheckContacts = defineJob({
  kind: 'cases.check-contacts',
  version: 1,
  payload: z.strictObject({}),
  maxAttempts: 3,
  backoff: { baseMs: 60_000, maxMs: 10 * 60_000 },
  async handler(_payload, ctx) {
    const now = ctx.now();
    const alerts = await checkCaseContacts({ db: ctx.db, now });
    const reminders = await sendTaskReminders({ db: ctx.db, now });
    ctx.logger.info(
      { jobId: ctx.job.id, alertsRaised: alerts.raised, remindersSent: reminders.sent },
      'checked case contacts and task reminders',
    );
  },
});
