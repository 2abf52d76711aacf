import type { Actor } from '../../../common/policy/permissions.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases, maySeeCase } from './cases.policy.ts';
import { findCase } from './cases.repository.ts';
import { listReferralsOf } from './referrals.repository.ts';

/**
 * The organisation's incoming (referrals.decide) or outgoing (referrals.send) referrals,
 * newest first: who, which case reference, what scope, when, where it stands — nothing
 * sealed. Outgoing referrals of restricted cases the actor may not see are left out.
 */
export async function listReferrals(options: {
  deps: CasesDeps;
  actor: Actor;
  direction: 'incoming' | 'outgoing';
  status?: string;
  limit: number;
}) {
  const { deps, actor, direction } = options;
  authoriseCases(actor, direction === 'incoming' ? 'referrals.decide' : 'referrals.send');
  const rows = await listReferralsOf(deps.db, {
    organisationId: actor.organisationId,
    direction,
    status: options.status,
    limit: options.limit,
  });
  if (direction === 'incoming') return rows;
  const visible = [];
  for (const row of rows) {
    const kase = await findCase(deps.db, row.case_id, actor.memberId);
    if (kase && maySeeCase(actor, kase)) visible.push(row);
  }
  return visible;
}
