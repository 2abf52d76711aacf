import type { UpdateIncidentInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { crimeStatusOf } from '../../../common/records/vocabulary.ts';
import { recordEvent } from '../audit/record-event.ts';
import { loadIncidentView } from './incident-view.ts';
import { findIncident } from './incidents.repository.ts';
import { locateIncident } from './locate.ts';
import { requirePeople } from './record-helpers.ts';
import type { RecordsDeps } from './records.deps.ts';
import { INCIDENT_SPEC, writeVersion } from './versioned.ts';

/**
 * Changes the fields the member edited, if the incident is still at the version they
 * opened (else 409 `edit_conflict`, nothing written). A new ODIHR category without a crime
 * status sets the status the category implies.
 */
export async function updateIncident(options: {
  deps: RecordsDeps;
  actor: Actor;
  incidentId: string;
  /** The parsed request body: changed fields and the version being edited. */
  input: UpdateIncidentInput;
}) {
  const { deps, actor, incidentId } = options;
  const { expectedVersion, ...values } = options.input;
  return deps.db.transaction().execute(async (trx) => {
    const incident = await locateIncident(trx, actor, 'records.write', incidentId, true);
    if (values.sources) {
      await requirePeople(
        trx,
        actor,
        values.sources.flatMap((s) => (s.personId ? [s.personId] : [])),
      );
    }
    if (values.odihrCategory !== undefined && values.crimeStatus === undefined) {
      values.crimeStatus = crimeStatusOf(values.odihrCategory);
    }
    const written = await writeVersion(trx, INCIDENT_SPEC, {
      row: incident,
      values,
      expectedVersion,
      memberId: actor.memberId,
      now: deps.now(),
      changeKind: 'update',
    });
    if (written.changedFields.length > 0) {
      await recordEvent({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'incident.updated',
        objectType: 'incident',
        objectId: incidentId,
        fields: { version: written.version, changedFields: written.changedFields },
      });
    }
    const updated = await findIncident(trx, incidentId);
    if (!updated) throw new Error('the incident disappeared inside its transaction');
    return loadIncidentView(trx, updated, actor.organisationId);
  });
}
