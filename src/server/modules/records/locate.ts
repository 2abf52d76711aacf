// Loading a record for a use case: find it (locked when it will change), then authorise.
// A record of another organisation, or an act reached through another incident, answers
// 404 exactly like a missing one.
import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { findAct, findIncident, type ActRow, type IncidentRow } from './incidents.repository.ts';
import { findIntervention, type InterventionRow } from './interventions.repository.ts';
import { findPerson, type PersonRow } from './people.repository.ts';
import type { Db } from './records.deps.ts';
import { authoriseRecord, type RecordPermission } from './records.policy.ts';

export async function locateIncident(
  db: Db,
  actor: Actor,
  permission: RecordPermission,
  id: string,
  lock = false,
): Promise<IncidentRow> {
  const incident = await findIncident(db, id, lock);
  authoriseRecord(actor, permission, incident, 'The incident');
  return incident;
}

export async function locateAct(
  db: Db,
  actor: Actor,
  permission: RecordPermission,
  incidentId: string,
  actId: string,
  lock = false,
): Promise<{ incident: IncidentRow; act: ActRow }> {
  const incident = await locateIncident(db, actor, permission, incidentId);
  const act = await findAct(db, actId, lock);
  if (!act || act.incident_id !== incident.id) throw notFound('The act');
  return { incident, act };
}

export async function locatePerson(
  db: Db,
  actor: Actor,
  permission: RecordPermission,
  id: string,
  lock = false,
): Promise<PersonRow> {
  const person = await findPerson(db, id, lock);
  authoriseRecord(actor, permission, person, 'The person');
  return person;
}

export async function locateIntervention(
  db: Db,
  actor: Actor,
  permission: RecordPermission,
  id: string,
  lock = false,
): Promise<InterventionRow> {
  const intervention = await findIntervention(db, id, lock);
  authoriseRecord(actor, permission, intervention, 'The intervention');
  return intervention;
}
