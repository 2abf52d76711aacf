import type { Actor } from '../../../common/policy/permissions.ts';
import { can } from '../../../common/policy/permissions.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { listPartners as listPartnersOf } from './referrals.repository.ts';

/**
 * The organisations this one lists as partners, with their public keys (what a referring
 * browser seals record keys to). For members who refer (referrals.send) and admins.
 */
export async function listPartners(options: { deps: CasesDeps; actor: Actor }) {
  const { deps, actor } = options;
  if (!can(actor, 'partners.manage', actor.organisationId)) {
    authoriseCases(actor, 'referrals.send');
  }
  return listPartnersOf(deps.db, actor.organisationId);
}
