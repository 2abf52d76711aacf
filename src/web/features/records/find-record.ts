// Finding one record by what a member types: an incident's reference (I-7KQ3) or a
// person's code name (P-4F2M), in any letter case. The list filters answer with that one
// record, so no screen pages through the organisation's whole list to find it.
import {
  INCIDENT_REFERENCE,
  PERSON_CODE_NAME,
  type IncidentSummaryDto,
  type PersonSummaryDto,
} from '../../../common/api/records.ts';
import { recordsApi } from './api.ts';

/** What was typed as an incident reference, upper-cased; null when it cannot be one. */
export function incidentReferenceOf(typed: string): string | null {
  const wanted = typed.trim().toUpperCase();
  return INCIDENT_REFERENCE.test(wanted) ? wanted : null;
}

/** What was typed as a person's code name, upper-cased; null when it cannot be one. */
export function personCodeNameOf(typed: string): string | null {
  const wanted = typed.trim().toUpperCase();
  return PERSON_CODE_NAME.test(wanted) ? wanted : null;
}

/** The organisation's incident with this reference, or null (also when it cannot be one). */
export async function findIncidentByReference(typed: string): Promise<IncidentSummaryDto | null> {
  const reference = incidentReferenceOf(typed);
  if (!reference) return null;
  const { incidents } = await recordsApi.incidents({ reference, limit: 1 });
  return incidents[0] ?? null;
}

/** The organisation's person with this code name, or null (also when it cannot be one). */
export async function findPersonByCodeName(typed: string): Promise<PersonSummaryDto | null> {
  const codeName = personCodeNameOf(typed);
  if (!codeName) return null;
  const { people } = await recordsApi.people({ codeName, limit: 1 });
  return people[0] ?? null;
}
