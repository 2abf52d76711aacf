import type { AccountsDeps } from './accounts.deps.ts';
import { insertSetupToken } from './invitations.repository.ts';
import { countOrganisations } from './organisations.repository.ts';
import { hashToken, newToken } from './credentials.ts';

/** How long a printed first-run link stays valid. */
const SETUP_TOKEN_HOURS = 24;

/**
 * On a server with no organisation yet, creates a one-time setup token to print on the
 * console. Returns null once the instance is set up. Each start prints a fresh token;
 * earlier ones stay valid until they expire or one is used.
 */
export async function issueSetupToken(options: { deps: AccountsDeps }): Promise<string | null> {
  const { deps } = options;
  if ((await countOrganisations(deps.db)) > 0) return null;
  const token = newToken();
  const now = deps.now();
  await insertSetupToken(deps.db, {
    token_hash: hashToken(token),
    created_at: now,
    expires_at: new Date(now.getTime() + SETUP_TOKEN_HOURS * 3_600_000),
  });
  return token;
}
