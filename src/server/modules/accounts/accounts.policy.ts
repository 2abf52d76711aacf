// Route-level authorisation for accounts: the permission table lives in
// src/common/policy/permissions.ts; this turns a "no" into a 403.
import { can, type Actor, type Permission } from '../../../common/policy/permissions.ts';
import { forbidden, HttpError } from '../../http/errors.ts';

export function authorise(actor: Actor, permission: Permission, organisationId: string): void {
  if (!can(actor, permission, organisationId)) {
    if (actor.status === 'pending') throw forbidden('An admin has not approved your account yet.');
    if (actor.mustEnableTotp) {
      throw new HttpError(
        403,
        'totp_required',
        'Your organisation requires two-factor sign-in. Turn it on in your account first.',
      );
    }
    throw forbidden();
  }
}
