import { randomUUID } from 'node:crypto';
import type { Db } from './case-work.repository.ts';
import { insertCaseNotifications } from './case-work.repository.ts';

export type CaseNotificationKind =
  'case_assigned' | 'task_due' | 'contact_overdue' | 'referral_received' | 'referral_decided';

/**
 * In-app notifications about cases, tasks and referrals, one per member. They carry ids
 * only: the notification list shows the case reference, never a title.
 */
export async function notifyMembers(
  db: Db,
  options: {
    organisationId: string;
    memberIds: readonly string[];
    kind: CaseNotificationKind;
    caseId?: string | null;
    taskId?: string | null;
    referralId?: string | null;
    now: Date;
  },
): Promise<void> {
  const unique = [...new Set(options.memberIds)];
  await insertCaseNotifications(
    db,
    unique.map((memberId) => ({
      id: randomUUID(),
      organisation_id: options.organisationId,
      member_id: memberId,
      kind: options.kind,
      report_id: null,
      case_id: options.caseId ?? null,
      task_id: options.taskId ?? null,
      referral_id: options.referralId ?? null,
      created_at: options.now,
      read_at: null,
    })),
  );
}
