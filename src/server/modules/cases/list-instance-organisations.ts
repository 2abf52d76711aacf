import type { Actor } from '../../../common/policy/permissions.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { listOtherOrganisations } from './referrals.repository.ts';

/** Every other organisation on this server, and which are partners either way (admins). */
export async function listInstanceOrganisations(options: { deps: CasesDeps; actor: Actor }) {
  const { deps, actor } = options;
  authoriseCases(actor, 'partners.manage');
  const rows = await listOtherOrganisations(deps.db, actor.organisationId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    slug: r.slug,
    isPartner: Boolean(r.is_partner),
    listsUsAsPartner: Boolean(r.lists_us),
  }));
}
