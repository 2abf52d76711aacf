import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import {
  countPendingMembers,
  findKeyGrant,
  findMember,
  findOrganisation,
} from './organisations.repository.ts';
import { fingerprint } from './credentials.ts';

/** Fingerprints to compare out of band, and who still waits for the organisation key. */
export async function getKeyStatus(options: { deps: AccountsDeps; actor: Actor }) {
  const { deps, actor } = options;
  authorise(actor, 'keys.read', actor.organisationId);
  const org = await findOrganisation(deps.db, actor.organisationId);
  const member = await findMember(deps.db, actor.memberId);
  if (!org || !member) throw notFound('The organisation');
  const grant = await findKeyGrant(deps.db, org.id, member.id);
  return {
    organisation: {
      fingerprint: fingerprint(org.public_key),
      recoveryFingerprint: fingerprint(org.recovery_public_key),
    },
    member: { fingerprint: fingerprint(member.public_key), hasKeyGrant: Boolean(grant) },
    awaitingKeyGrant: await countPendingMembers(deps.db, org.id),
  };
}
