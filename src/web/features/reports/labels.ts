// Catalogue keys for the report values that come from the server, checked at compile time
// against the English catalogue. Coded answers carry their own ru/kk/en labels in
// src/common/intake/vocabulary.ts.
import type { NOTIFICATION_KINDS } from '../../../common/api/intake.ts';
import type { MessageKey } from '../../../common/i18n/index.ts';
import type { ReporterStatus, ReportStatus } from '../../../common/intake/report.ts';

export const REPORT_STATUS_LABEL: Record<ReportStatus, MessageKey> = {
  new: 'reportStatus.new',
  in_progress: 'reportStatus.in_progress',
  accepted: 'reportStatus.accepted',
  duplicate: 'reportStatus.duplicate',
  not_actionable: 'reportStatus.not_actionable',
  spam: 'reportStatus.spam',
  closed: 'reportStatus.closed',
};

/** The words the reporter sees at /return for each of these. */
export const REPORTER_STATUS_LABEL: Record<ReporterStatus, MessageKey> = {
  received: 'reporterStatus.received',
  in_progress: 'reporterStatus.in_progress',
  closed: 'reporterStatus.closed',
};

export const NOTIFICATION_KIND_LABEL: Record<(typeof NOTIFICATION_KINDS)[number], MessageKey> = {
  report_received: 'notifications.kind.report_received',
  reporter_message: 'notifications.kind.reporter_message',
  case_assigned: 'cases.notification.case_assigned',
  task_due: 'cases.notification.task_due',
  contact_overdue: 'cases.notification.contact_overdue',
  referral_received: 'cases.notification.referral_received',
  referral_decided: 'cases.notification.referral_decided',
  evidence_integrity: 'notifications.kind.evidence_integrity',
};

/** Badge colour class of a status: open work stands out, finished work is grey. */
export function statusBadgeClass(status: ReportStatus): string {
  if (status === 'new') return 'badge badge-new';
  if (status === 'in_progress' || status === 'accepted') return 'badge badge-active';
  return 'badge badge-off';
}
