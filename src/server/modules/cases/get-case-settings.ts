import type { Actor } from '../../../common/policy/permissions.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { findOrganisationAlertDays } from './cases.repository.ts';

/** The organisation's default number of days without contact before an alert. */
export async function getCaseSettings(options: { deps: CasesDeps; actor: Actor }) {
  authoriseCases(options.actor, 'cases.read');
  return {
    contactAlertDays: await findOrganisationAlertDays(
      options.deps.db,
      options.actor.organisationId,
    ),
  };
}
