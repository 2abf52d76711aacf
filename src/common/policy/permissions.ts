// What each role may do: the single declarative table behind docs/roles.md. The server
// enforces it (src/server/http/authorise.ts); the web app reads it only to hide buttons.
import type { Role } from '../api/accounts.ts';

export const PERMISSIONS = [
  'organisation.read',
  'organisation.update',
  'members.read',
  'members.manage',
  'invitations.manage',
  'keys.read',
  'audit.read',
  /** Open the triage inbox and read reports (decrypted in the browser). */
  'reports.read',
  /** Change a report's status, assign it, reply to the reporter. */
  'reports.triage',
  /** List and read incidents, acts, people and interventions (sealed parts in the browser). */
  'records.read',
  /** Create and edit records, link them, restore an earlier version. */
  'records.write',
  /** Delete a record for good: its key is destroyed (crypto-erasure). */
  'records.delete',
  /** List and read cases that are not restricted, and restricted ones the member is assigned to. */
  'cases.read',
  /** Open and edit cases, their tasks and contacts, record consent. */
  'cases.write',
  /** Assign members to cases; admins also see every restricted case. */
  'cases.assign',
  /** Refer a case to a partner organisation (with recorded consent). */
  'referrals.send',
  /** Accept or decline a case referred by a partner organisation. */
  'referrals.decide',
  /** Choose which organisations on the instance are partners. */
  'partners.manage',
  /** See evidence items of the records and cases the member can read, and open their files. */
  'evidence.read',
  /** Upload files and capture web pages as evidence. */
  'evidence.write',
  /** Assemble an evidence package of a case's items. */
  'evidence.export',
  /** Delete an evidence item for good (its blobs and keys are destroyed). */
  'evidence.delete',
  /** See monitored items, campaigns, imported comments, their labels and counts. */
  'monitoring.read',
  /** Create, edit and delete monitored items and campaigns; import comments. */
  'monitoring.write',
  /** Confirm or correct machine labels; retrain the organisation's model. */
  'monitoring.review',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERY_ACTIVE_MEMBER: Permission[] = ['organisation.read', 'keys.read'];
/** Documenting and case work. */
const RECORD_WORK: Permission[] = [
  'records.read',
  'records.write',
  'cases.read',
  'cases.write',
  'evidence.read',
  'evidence.write',
];
/** Hate-speech monitoring: importing, reviewing, retraining. */
const MONITORING_WORK: Permission[] = ['monitoring.read', 'monitoring.write', 'monitoring.review'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...EVERY_ACTIVE_MEMBER,
    'organisation.update',
    'members.read',
    'members.manage',
    'invitations.manage',
    'audit.read',
    'reports.read',
    'reports.triage',
    ...RECORD_WORK,
    'records.delete',
    'evidence.export',
    'evidence.delete',
    'cases.assign',
    'referrals.send',
    'referrals.decide',
    'partners.manage',
    ...MONITORING_WORK,
  ],
  coordinator: [
    ...EVERY_ACTIVE_MEMBER,
    'members.read',
    'reports.read',
    'reports.triage',
    ...RECORD_WORK,
    'cases.assign',
    'referrals.send',
    'referrals.decide',
    ...MONITORING_WORK,
  ],
  // Case workers and lawyers read monitoring so they can turn a comment into evidence.
  case_worker: [
    ...EVERY_ACTIVE_MEMBER,
    'reports.read',
    'reports.triage',
    ...RECORD_WORK,
    'monitoring.read',
  ],
  lawyer: [
    ...EVERY_ACTIVE_MEMBER,
    'reports.read',
    ...RECORD_WORK,
    'evidence.export',
    'monitoring.read',
  ],
  monitor: [...EVERY_ACTIVE_MEMBER, ...MONITORING_WORK],
  viewer: [...EVERY_ACTIVE_MEMBER, 'records.read', 'cases.read', 'monitoring.read'],
};

export interface Actor {
  memberId: string;
  organisationId: string;
  role: Role;
  status: 'pending' | 'active' | 'disabled';
  /**
   * The organisation requires two-factor sign-in and this member has not turned it on:
   * until they do, they may manage only their own account.
   */
  mustEnableTotp?: boolean;
}

/** Whether the actor may do `permission` within the organisation `organisationId`. */
export function can(actor: Actor, permission: Permission, organisationId: string): boolean {
  if (actor.status !== 'active' || actor.mustEnableTotp) return false;
  if (actor.organisationId !== organisationId) return false;
  return ROLE_PERMISSIONS[actor.role].includes(permission);
}

export function permissionsOf(
  actor: Pick<Actor, 'role' | 'status' | 'mustEnableTotp'>,
): Permission[] {
  return actor.status === 'active' && !actor.mustEnableTotp
    ? [...ROLE_PERMISSIONS[actor.role]]
    : [];
}
