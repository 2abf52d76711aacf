// Every job definition the worker runs, and the recurring ones the scheduler enqueues.
// Keep an old version of a definition here until no stored job of that version remains.
import { casesCheckContacts } from './definitions/cases-check-contacts.ts';
import { evidenceIntegrity } from './definitions/evidence-integrity.ts';
import { evidencePurgeUploads } from './definitions/evidence-purge-uploads.ts';
import { evidenceTimestamp } from './definitions/evidence-timestamp.ts';
import { monitoringRelabel } from './definitions/monitoring-relabel.ts';
import { purgeExpired } from './definitions/purge-expired.ts';
import { sendNotificationEmail } from './definitions/send-notification-email.ts';
import type { JobDefinition } from './job-definition.ts';
import type { RecurringJob } from './scheduler.ts';

export const jobDefinitions: readonly JobDefinition[] = [
  purgeExpired,
  sendNotificationEmail,
  casesCheckContacts,
  evidenceTimestamp,
  evidenceIntegrity,
  evidencePurgeUploads,
  monitoringRelabel,
];

export const recurringJobs: readonly RecurringJob[] = [
  { job: purgeExpired, everyMs: 3_600_000, payload: {} },
  { job: casesCheckContacts, everyMs: 3_600_000, payload: {} },
  { job: evidenceIntegrity, everyMs: 3_600_000, payload: {} },
  { job: evidencePurgeUploads, everyMs: 3_600_000, payload: {} },
];
