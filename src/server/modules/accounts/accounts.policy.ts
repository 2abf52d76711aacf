// Route-level authorisation for accounts: the permission table lives in
// src/common/policy/permissions.ts; this turns a "no" into a 403.
import { can, type Actor, type Permission } from '../../../common/policy/permissions.ts';
import { forbidden } from '../../http/errors.ts';

export function authorise(actor: Actor, permission: Permission, organisationId: string): void {
  if (!can(actor, permission, organisationId)) {
    throw forbidden(
      actor.status === 'pending'
        ? 'An admin has not approved your account yet.'
        : 'Your role does not allow this.',
    );
  }
}
