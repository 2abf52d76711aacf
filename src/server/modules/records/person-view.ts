import { actsNamingPerson } from './incidents.repository.ts';
import { listRelations, type PersonRow } from './people.repository.ts';
import { requireRecordKey } from './record-helpers.ts';
import type { Db } from './records.deps.ts';
import type { PersonView } from './records.presenter.ts';

/** A person with their relations and the acts that name them. */
export async function loadPersonView(
  db: Db,
  person: PersonRow,
  organisationId: string,
): Promise<PersonView> {
  const sealedKey = await requireRecordKey(db, person.id, organisationId);
  const relations = await listRelations(db, person.id);
  const acts = await actsNamingPerson(db, person.id);
  return {
    person,
    sealedKey,
    relations,
    appearances: acts.map((a) => ({
      incidentId: a.incident_id,
      incidentReference: a.reference,
      actId: a.act_id,
      as: a.victim_person_id === person.id ? ('victim' as const) : ('perpetrator' as const),
    })),
  };
}
