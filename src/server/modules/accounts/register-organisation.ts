import type { AccountsDeps } from './accounts.deps.ts';
import {
  createOrganisation,
  type AdminInput,
  type OrganisationInput,
} from './create-organisation.ts';

/**
 * Creates an organisation from the command line (`qorgan org create`): whoever can run
 * the CLI on the server is trusted to, so no setup link is needed.
 */
export async function registerOrganisation(options: {
  deps: AccountsDeps;
  organisation: OrganisationInput;
  admin: AdminInput;
}) {
  const { deps } = options;
  return deps.db
    .transaction()
    .execute((trx) =>
      createOrganisation({ deps, trx, organisation: options.organisation, admin: options.admin }),
    );
}
