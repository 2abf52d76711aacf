import { crimeStatusOf } from '../../../common/records/vocabulary.ts';
import type { CreateIncidentInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { loadIncidentView } from './incident-view.ts';
import {
  findIncident,
  findReportStatus,
  incidentReferenceTaken,
  insertIncident,
} from './incidents.repository.ts';
import { newCode, requirePeople } from './record-helpers.ts';
import { insertRecordKey } from './record-keys.repository.ts';
import type { RecordsDeps } from './records.deps.ts';
import { authoriseRecords } from './records.policy.ts';
import { envelopeBytes, INCIDENT_SPEC, sealedOrNull, writeFirstVersion } from './versioned.ts';

/**
 * Documents an incident. The browser chose the id, made the record key, sealed it to the
 * organisation and encrypted the title, description and source notes under it; the server
 * stores ciphertext and coded fields, generates the reference ("I-7KQ3"), and records the
 * first version. A report it documents must be the organisation's and accepted in triage.
 */
export async function createIncident(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The parsed request body. */
  input: CreateIncidentInput;
}) {
  const { deps, actor, input } = options;
  authoriseRecords(actor, 'records.write');
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    if (await findIncident(trx, input.id)) {
      throw conflict('id_taken', 'A record with this id exists. Create it again with a new id.');
    }
    if (input.reportId) {
      const report = await findReportStatus(trx, input.reportId);
      if (!report || report.organisation_id !== actor.organisationId) {
        throw badRequest('report_unknown', 'The report was not found.');
      }
      if (report.status !== 'accepted') {
        throw badRequest(
          'report_not_accepted',
          'Accept the report in triage before documenting it as an incident.',
        );
      }
    }
    await requirePeople(
      trx,
      actor,
      input.sources.flatMap((s) => (s.personId ? [s.personId] : [])),
    );
    const reference = await newCode('I', (code) =>
      incidentReferenceTaken(trx, actor.organisationId, code),
    );
    const { id, sealedRecordKey, reportId, ...fields } = input;
    await insertIncident(trx, {
      id,
      organisation_id: actor.organisationId,
      reference,
      report_id: reportId,
      incident_date: fields.incidentDate,
      date_precision: fields.datePrecision,
      oblast: fields.oblast,
      city: fields.city,
      place_type: fields.placeType,
      online_platform: fields.onlinePlatform,
      incident_types: fields.incidentTypes,
      bias_motivations: fields.biasMotivations,
      bias_indicators: fields.biasIndicators,
      perpetrator_types: fields.perpetratorTypes,
      odihr_category: fields.odihrCategory,
      crime_status: fields.crimeStatus ?? crimeStatusOf(fields.odihrCategory),
      violation_status: fields.violationStatus,
      reported_to_police: fields.reportedToPolice,
      police_response: fields.policeResponse,
      sealed_title: sealedOrNull(fields.sealedTitle, 'sealedTitle'),
      sealed_description: sealedOrNull(fields.sealedDescription, 'sealedDescription'),
      sources: JSON.stringify(fields.sources),
      created_by: actor.memberId,
      created_at: now,
    });
    await insertRecordKey(trx, {
      recordId: id,
      recordType: 'incident',
      organisationId: actor.organisationId,
      sealedKey: envelopeBytes(sealedRecordKey, 'sealedRecordKey'),
      now,
    });
    const incident = await findIncident(trx, id);
    if (!incident) throw new Error('the new incident disappeared inside its transaction');
    await writeFirstVersion(trx, INCIDENT_SPEC, incident, actor.memberId, now);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'incident.created',
      objectType: 'incident',
      objectId: id,
      fields: { reference, ...(reportId ? { reportId } : {}) },
    });
    return loadIncidentView(trx, incident, actor.organisationId);
  });
}
