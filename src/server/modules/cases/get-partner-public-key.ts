import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { findPartner } from './referrals.repository.ts';

/** A partner's public key, to seal record keys to (referrals.send; partners only). */
export async function getPartnerPublicKey(options: {
  deps: CasesDeps;
  actor: Actor;
  partnerId: string;
}) {
  const { deps, actor, partnerId } = options;
  authoriseCases(actor, 'referrals.send');
  const partner = await findPartner(deps.db, actor.organisationId, partnerId);
  if (!partner) throw notFound('The partner');
  return { organisationId: partner.id, publicKey: partner.public_key };
}
