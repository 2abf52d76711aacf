// Who may do what with reports. The permission table is src/common/policy/permissions.ts
// (reports.read, reports.triage); this adds the per-record rule: a report of another
// organisation answers 404 exactly like one that does not exist, so a member of another
// organisation cannot learn that an id is real.
import { ROLES, type Role } from '../../../../common/api/accounts.ts';
import {
  can,
  ROLE_PERMISSIONS,
  type Actor,
  type Permission,
} from '../../../../common/policy/permissions.ts';
import { notFound } from '../../../http/errors.ts';
import { authorise } from '../../accounts/accounts.policy.ts';

export type ReportPermission = Extract<Permission, 'reports.read' | 'reports.triage'>;

/** Roles whose members read reports, and so get notifications and may be assigned. */
export const READER_ROLES: readonly Role[] = ROLES.filter((role) =>
  ROLE_PERMISSIONS[role].includes('reports.read'),
);

/** The actor may use the triage inbox of their own organisation at all (else 403). */
export function authoriseReports(actor: Actor, permission: ReportPermission): void {
  authorise(actor, permission, actor.organisationId);
}

/**
 * The actor may read their own notifications: members who read reports (new reports,
 * reporter messages) or cases (assignments, tasks due, overdue contacts, referrals).
 */
export function authoriseNotifications(actor: Actor): void {
  if (can(actor, 'reports.read', actor.organisationId)) return;
  authorise(actor, 'cases.read', actor.organisationId);
}

/**
 * The actor may act on this report. The role is checked first, so a role without the
 * permission gets the same 403 for every id; then a report that is missing or belongs to
 * another organisation is a 404.
 */
export function authoriseReport<R extends { organisation_id: string }>(
  actor: Actor,
  permission: ReportPermission,
  report: R | undefined,
): asserts report is R {
  authoriseReports(actor, permission);
  if (!report || report.organisation_id !== actor.organisationId) throw notFound('The report');
}

/** A member (not the signed-in actor) who may read the organisation's reports. */
export function memberMayReadReports(member: {
  id: string;
  organisation_id: string;
  role: string;
  status: string;
}): boolean {
  if (!(ROLES as readonly string[]).includes(member.role)) return false;
  if (member.status !== 'active') return false;
  return can(
    {
      memberId: member.id,
      organisationId: member.organisation_id,
      role: member.role as Role,
      status: 'active',
    },
    'reports.read',
    member.organisation_id,
  );
}
