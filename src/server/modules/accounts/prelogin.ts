import { encode } from './credentials.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { findMemberByEmailIndex } from './organisations.repository.ts';

/**
 * The key-derivation parameters for an e-mail. An unknown e-mail gets a stable fake salt
 * and the default cost, so the answer does not tell who has an account.
 */
export async function prelogin(options: { deps: AccountsDeps; email: string }) {
  const { deps } = options;
  const index = deps.secrets.emailIndex(options.email);
  const member = await findMemberByEmailIndex(deps.db, index);
  if (!member) {
    return {
      salt: encode(deps.secrets.fakeSalt(index)),
      opslimit: deps.config.kdf.opslimit,
      memlimit: deps.config.kdf.memlimit,
    };
  }
  return {
    salt: encode(member.kdf_salt),
    opslimit: member.kdf_opslimit,
    memlimit: member.kdf_memlimit,
  };
}
