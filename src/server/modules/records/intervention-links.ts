import type { Actor } from '../../../common/policy/permissions.ts';
import { findIncident } from './incidents.repository.ts';
import { maySeeCase } from '../cases/cases.policy.ts';
import { findCaseOwner } from './interventions.repository.ts';
import type { Db } from './records.deps.ts';
import { requireReferenced } from './records.policy.ts';

/** The incident and case an intervention names must be the organisation's (else 400). */
export async function checkInterventionLinks(
  db: Db,
  actor: Actor,
  incidentId: string | null | undefined,
  caseId: string | null | undefined,
): Promise<void> {
  if (incidentId) {
    const incident = await findIncident(db, incidentId);
    requireReferenced(actor, incident, 'incident_unknown', 'The incident was not found.');
  }
  if (caseId) {
    // A restricted case the member may not see answers like a missing one.
    const found = await findCaseOwner(db, caseId, actor.memberId);
    requireReferenced(
      actor,
      found && maySeeCase(actor, found) ? found : undefined,
      'case_unknown',
      'The case was not found.',
    );
  }
}
