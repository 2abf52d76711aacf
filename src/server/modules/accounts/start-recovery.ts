import { randomBytes } from 'node:crypto';
import { notFound } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { findOrganisationBySlug, listMembers } from './organisations.repository.ts';
import { insertRecoveryChallenge } from './sign-in.repository.ts';
import { encode } from './credentials.ts';

const CHALLENGE_MINUTES = 15;

/**
 * Starts recovery with the organisation recovery key. Everything returned is ciphertext
 * or public: only someone holding the 24 words can open it.
 */
export async function startRecovery(options: { deps: AccountsDeps; organisationSlug: string }) {
  const { deps } = options;
  const org = await findOrganisationBySlug(deps.db, options.organisationSlug);
  if (!org) throw notFound('The organisation');
  const nonce = new Uint8Array(randomBytes(32));
  await insertRecoveryChallenge(deps.db, {
    nonce,
    organisation_id: org.id,
    expires_at: new Date(deps.now().getTime() + CHALLENGE_MINUTES * 60_000),
  });
  const admins = (await listMembers(deps.db, org.id)).filter(
    (m) => m.role === 'admin' && m.status !== 'disabled',
  );
  return {
    organisationId: org.id,
    organisationPublicKey: encode(org.public_key),
    nonce: encode(nonce),
    recoverySealedKey: encode(org.recovery_sealed_key),
    admins: admins.map((m) => ({
      id: m.id,
      emailSealed: encode(m.email_sealed),
      displayNameSealed: encode(m.display_name_sealed),
    })),
  };
}
