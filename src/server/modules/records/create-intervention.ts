import type { CreateInterventionInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { checkInterventionLinks } from './intervention-links.ts';
import { findIntervention, insertIntervention } from './interventions.repository.ts';
import { insertRecordKey } from './record-keys.repository.ts';
import type { RecordsDeps } from './records.deps.ts';
import { authoriseRecords } from './records.policy.ts';
import { envelopeBytes, INTERVENTION_SPEC, sealedOrNull, writeFirstVersion } from './versioned.ts';

/**
 * Records an intervention (a police complaint, an appeal, a court claim, an urgent appeal)
 * for an incident and/or a case of the organisation, under its own record key.
 */
export async function createIntervention(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The parsed request body. */
  input: CreateInterventionInput;
}) {
  const { deps, actor, input } = options;
  authoriseRecords(actor, 'records.write');
  return deps.db.transaction().execute(async (trx) => {
    if (await findIntervention(trx, input.id)) {
      throw conflict('id_taken', 'A record with this id exists. Create it again with a new id.');
    }
    await checkInterventionLinks(trx, actor, input.incidentId, input.caseId);
    const now = deps.now();
    await insertIntervention(trx, {
      id: input.id,
      organisation_id: actor.organisationId,
      incident_id: input.incidentId,
      case_id: input.caseId,
      intervener_type: input.intervenerType,
      intervention_type: input.interventionType,
      submitted_on: input.submittedOn,
      response_on: input.responseOn,
      authority_response: input.authorityResponse,
      status: input.status,
      priority: input.priority,
      sealed_title: sealedOrNull(input.sealedTitle, 'sealedTitle'),
      sealed_notes: sealedOrNull(input.sealedNotes, 'sealedNotes'),
      created_by: actor.memberId,
      created_at: now,
    });
    await insertRecordKey(trx, {
      recordId: input.id,
      recordType: 'intervention',
      organisationId: actor.organisationId,
      sealedKey: envelopeBytes(input.sealedRecordKey, 'sealedRecordKey'),
      now,
    });
    const intervention = await findIntervention(trx, input.id);
    if (!intervention) throw new Error('the new intervention disappeared inside its transaction');
    await writeFirstVersion(trx, INTERVENTION_SPEC, intervention, actor.memberId, now);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'intervention.created',
      objectType: 'intervention',
      objectId: input.id,
      fields: {
        interventionType: input.interventionType,
        ...(input.incidentId ? { incidentId: input.incidentId } : {}),
        ...(input.caseId ? { caseId: input.caseId } : {}),
      },
    });
    return intervention;
  });
}
