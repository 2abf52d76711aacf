import type { IncidentSourceDto } from '../../../common/api/records.ts';
import { listActs, listLinks, type IncidentRow } from './incidents.repository.ts';
import { listInterventionsOfIncident } from './interventions.repository.ts';
import { findPersonRefs } from './people.repository.ts';
import { requireRecordKey } from './record-helpers.ts';
import type { Db } from './records.deps.ts';
import type { IncidentView } from './records.presenter.ts';

/** An incident with everything its page shows: acts, links, interventions, the people named. */
export async function loadIncidentView(
  db: Db,
  incident: IncidentRow,
  organisationId: string,
): Promise<IncidentView> {
  const sealedKey = await requireRecordKey(db, incident.id, organisationId);
  const acts = await listActs(db, incident.id);
  const links = await listLinks(db, incident.id);
  const interventions = await listInterventionsOfIncident(db, incident.id);
  const personIds = [
    ...acts.flatMap((a) => [
      ...(a.victim_person_id ? [a.victim_person_id] : []),
      ...(a.perpetrators as { personId: string }[]).map((p) => p.personId),
    ]),
    ...(incident.sources as IncidentSourceDto[]).flatMap((s) => (s.personId ? [s.personId] : [])),
  ];
  const people = (await findPersonRefs(db, personIds)).filter(
    (p) => p.organisation_id === organisationId,
  );
  return { incident, sealedKey, acts, links, interventions, people };
}
