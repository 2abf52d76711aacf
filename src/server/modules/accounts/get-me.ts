import type { z } from 'zod';
import type { meResponse } from '../../../common/api/accounts.ts';
import type { Locale, Role } from '../../../common/api/accounts.ts';
import { permissionsOf, type Actor } from '../../../common/policy/permissions.ts';
import { unauthorised } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { findKeyGrant, findMember, findOrganisation } from './organisations.repository.ts';
import { presentOrganisation } from './accounts.presenter.ts';
import { encode } from './credentials.ts';

/** Everything the signed-in member's browser needs to unlock its keys. */
export async function getMe(options: {
  deps: AccountsDeps;
  actor: Actor;
}): Promise<z.infer<typeof meResponse>> {
  const { deps, actor } = options;
  const member = await findMember(deps.db, actor.memberId);
  const org = await findOrganisation(deps.db, actor.organisationId);
  if (!member || !org) throw unauthorised();
  const grant = await findKeyGrant(deps.db, org.id, member.id);
  return {
    member: {
      id: member.id,
      role: member.role as Role,
      status: actor.status,
      locale: member.locale as Locale,
      totpEnabled: member.totp_enabled,
      publicKey: encode(member.public_key),
      wrappedPrivateKey: encode(member.wrapped_private_key),
      kdf: {
        salt: encode(member.kdf_salt),
        opslimit: member.kdf_opslimit,
        memlimit: member.kdf_memlimit,
      },
      emailSealed: encode(member.email_sealed),
      displayNameSealed: encode(member.display_name_sealed),
    },
    organisation: presentOrganisation(org),
    keyGrant: grant && actor.status === 'active' ? encode(grant.sealed_org_key) : null,
    permissions: permissionsOf(actor),
  };
}
