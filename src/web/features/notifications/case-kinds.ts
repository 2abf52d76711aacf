// The notification kinds of case work (assignment, task due, overdue contact, referrals):
// their words and where each leads. A notification names a case by its reference only.
import type { MessageKey } from '../../../common/i18n/index.ts';

export const CASE_NOTIFICATION_LABEL: Record<string, MessageKey> = {
  case_assigned: 'cases.notification.case_assigned',
  task_due: 'cases.notification.task_due',
  contact_overdue: 'cases.notification.contact_overdue',
  referral_received: 'cases.notification.referral_received',
  referral_decided: 'cases.notification.referral_decided',
};

/** The ids a case notification may carry (absent on report notifications). */
export interface CaseNotificationRefs {
  kind: string;
  caseId?: string | null;
  caseReference?: string | null;
  referralId?: string | null;
}

/** Where a case notification leads: the case, or the incoming referrals. */
export function caseNotificationHref(n: CaseNotificationRefs): string | null {
  if (n.kind === 'referral_received') return '/app/referrals';
  if (n.caseId) return `/app/cases/${n.caseId}`;
  return null;
}

/** The case reference a notification names, when the server sends one. */
export function caseReferenceOf(n: CaseNotificationRefs): string | null {
  return n.caseReference ?? null;
}
