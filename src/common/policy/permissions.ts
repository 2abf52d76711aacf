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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERY_ACTIVE_MEMBER: Permission[] = ['organisation.read', 'keys.read'];

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
  ],
  coordinator: [...EVERY_ACTIVE_MEMBER, 'members.read', 'reports.read', 'reports.triage'],
  case_worker: [...EVERY_ACTIVE_MEMBER, 'reports.read', 'reports.triage'],
  lawyer: [...EVERY_ACTIVE_MEMBER, 'reports.read'],
  monitor: [...EVERY_ACTIVE_MEMBER],
  viewer: [...EVERY_ACTIVE_MEMBER],
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
