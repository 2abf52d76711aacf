// Who may do what with cases. The permission table is src/common/policy/permissions.ts
// (cases.read, cases.write, cases.assign, referrals.send, referrals.decide,
// partners.manage); this adds the per-case rules:
//   - a case of another organisation answers 404 exactly like one that does not exist;
//   - a restricted case is visible only to its assigned members and to admins: to anyone
//     else it answers 404 too, on every route, and is absent from every list.
// The role is checked first, so a role without the permission gets the same 403 for every id.
import { ROLES, type Role } from '../../../common/api/accounts.ts';
import {
  can,
  ROLE_PERMISSIONS,
  type Actor,
  type Permission,
} from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { authorise } from '../accounts/accounts.policy.ts';

/** Admins see every restricted case of their organisation without being assigned. */
export function seesEveryRestrictedCase(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'admin';
}

/** The actor may use this part of the cases API at all (else 403). */
export function authoriseCases(actor: Actor, permission: Permission): void {
  authorise(actor, permission, actor.organisationId);
}

export interface CaseAccess {
  organisation_id: string;
  restricted: boolean;
  /** The actor is assigned to the case. */
  assigned: boolean;
}

/** Whether the actor may see the case at all (organisation, and the restricted rule). */
export function maySeeCase(actor: Actor, kase: CaseAccess): boolean {
  if (kase.organisation_id !== actor.organisationId) return false;
  return !kase.restricted || kase.assigned || seesEveryRestrictedCase(actor);
}

/** The actor may act on this case with `permission`; a case they may not see is a 404. */
export function authoriseCase<C extends CaseAccess>(
  actor: Actor,
  permission: Permission,
  kase: C | undefined,
): asserts kase is C {
  authoriseCases(actor, permission);
  if (!kase || !maySeeCase(actor, kase)) throw notFound('The case');
}

/** Roles whose members may be assigned to a case: those that read cases. */
export const CASE_READER_ROLES: readonly Role[] = ROLES.filter((role) =>
  ROLE_PERMISSIONS[role].includes('cases.read'),
);

/** Whether a member (not the signed-in actor) holds a permission in their organisation. */
export function memberMay(
  member: { id: string; organisation_id: string; role: string; status: string },
  permission: Permission,
): boolean {
  if (!(ROLES as readonly string[]).includes(member.role)) return false;
  return can(
    {
      memberId: member.id,
      organisationId: member.organisation_id,
      role: member.role as Role,
      status: member.status === 'active' ? 'active' : 'disabled',
    },
    permission,
    member.organisation_id,
  );
}

/** Roles that hold a permission (who to notify about referrals, for instance). */
export function memberRolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}
