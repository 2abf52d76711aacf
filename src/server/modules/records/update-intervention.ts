import type { UpdateInterventionInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { checkInterventionLinks } from './intervention-links.ts';
import { findIntervention } from './interventions.repository.ts';
import { locateIntervention } from './locate.ts';
import type { RecordsDeps } from './records.deps.ts';
import { INTERVENTION_SPEC, writeVersion } from './versioned.ts';

/** Changes the fields of an intervention the member edited, if still at the version they opened. */
export async function updateIntervention(options: {
  deps: RecordsDeps;
  actor: Actor;
  interventionId: string;
  /** The parsed request body: changed fields and the version being edited. */
  input: UpdateInterventionInput;
}) {
  const { deps, actor, interventionId } = options;
  const { expectedVersion, ...values } = options.input;
  return deps.db.transaction().execute(async (trx) => {
    const intervention = await locateIntervention(
      trx,
      actor,
      'records.write',
      interventionId,
      true,
    );
    await checkInterventionLinks(trx, actor, values.incidentId, values.caseId);
    const written = await writeVersion(trx, INTERVENTION_SPEC, {
      row: intervention,
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
        action: 'intervention.updated',
        objectType: 'intervention',
        objectId: interventionId,
        fields: { version: written.version, changedFields: written.changedFields },
      });
    }
    const updated = await findIntervention(trx, interventionId);
    if (!updated) throw new Error('the intervention disappeared inside its transaction');
    return updated;
  });
}
