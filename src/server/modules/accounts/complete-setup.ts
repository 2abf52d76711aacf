import type { z } from 'zod';
import type { setupRequest } from '../../../common/api/accounts.ts';
import { HttpError } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import {
  lockAllSetupTokens,
  lockSetupToken,
  markSetupTokenUsed,
} from './invitations.repository.ts';
import { countOrganisations } from './organisations.repository.ts';
import { createOrganisation } from './create-organisation.ts';
import { createSession } from './create-session.ts';
import { hashToken } from './credentials.ts';

export interface CompleteSetupOptions {
  deps: AccountsDeps;
  request: z.infer<typeof setupRequest>;
  /** Coarse device label for the admin's first session. */
  device: string;
}

/** First-run setup through the one-time link: the first organisation and its admin. */
export async function completeSetup(options: CompleteSetupOptions) {
  const { deps, request } = options;
  return deps.db.transaction().execute(async (trx) => {
    await lockAllSetupTokens(trx);
    const tokenHash = hashToken(request.token);
    const token = await lockSetupToken(trx, tokenHash);
    if (!token || token.used_at || token.expires_at <= deps.now()) {
      throw new HttpError(
        410,
        'setup_link_invalid',
        'This setup link is not valid any more. Restart the server to print a new one.',
      );
    }
    if ((await countOrganisations(trx)) > 0) {
      throw new HttpError(410, 'already_set_up', 'This server is already set up. Sign in instead.');
    }
    await markSetupTokenUsed(trx, tokenHash, deps.now());
    const created = await createOrganisation({
      deps,
      trx,
      organisation: request.organisation,
      admin: request.admin,
    });
    const sessionToken = await createSession({
      deps,
      trx,
      memberId: created.memberId,
      organisationId: created.organisationId,
      device: options.device,
    });
    return { ...created, sessionToken };
  });
}
