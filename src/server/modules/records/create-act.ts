import type { CreateActInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findAct, insertAct } from './incidents.repository.ts';
import { locateIncident } from './locate.ts';
import { requirePeople } from './record-helpers.ts';
import type { RecordsDeps } from './records.deps.ts';
import { ACT_SPEC, sealedOrNull, writeFirstVersion } from './versioned.ts';

/**
 * Adds an act to an incident: what was done, to whom, by whom and how, with its
 * consequences. The victim and perpetrators are people of the same organisation; the notes
 * are sealed under the incident's key.
 */
export async function createAct(options: {
  deps: RecordsDeps;
  actor: Actor;
  incidentId: string;
  /** The parsed request body. */
  input: CreateActInput;
}) {
  const { deps, actor, incidentId, input } = options;
  return deps.db.transaction().execute(async (trx) => {
    await locateIncident(trx, actor, 'records.write', incidentId);
    if (await findAct(trx, input.id)) {
      throw conflict('id_taken', 'A record with this id exists. Create it again with a new id.');
    }
    await requirePeople(trx, actor, [
      ...(input.victimPersonId ? [input.victimPersonId] : []),
      ...input.perpetrators.map((p) => p.personId),
    ]);
    const now = deps.now();
    await insertAct(trx, {
      id: input.id,
      organisation_id: actor.organisationId,
      incident_id: incidentId,
      act_type: input.actType,
      victim_person_id: input.victimPersonId,
      perpetrators: JSON.stringify(input.perpetrators),
      methods: input.methods,
      physical_consequences: input.physicalConsequences,
      psychological_consequences: input.psychologicalConsequences,
      economic_consequences: input.economicConsequences,
      location_type: input.locationType,
      victim_status_after: input.victimStatusAfter,
      act_date: input.actDate,
      date_precision: input.datePrecision,
      sealed_notes: sealedOrNull(input.sealedNotes, 'sealedNotes'),
      created_by: actor.memberId,
      created_at: now,
    });
    const act = await findAct(trx, input.id);
    if (!act) throw new Error('the new act disappeared inside its transaction');
    await writeFirstVersion(trx, ACT_SPEC, act, actor.memberId, now);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'act.created',
      objectType: 'act',
      objectId: act.id,
      fields: { incidentId, actType: input.actType },
    });
    return act;
  });
}
