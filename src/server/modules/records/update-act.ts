import type { UpdateActInput } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findAct } from './incidents.repository.ts';
import { locateAct } from './locate.ts';
import { requirePeople } from './record-helpers.ts';
import type { RecordsDeps } from './records.deps.ts';
import { ACT_SPEC, writeVersion } from './versioned.ts';

/** Changes the fields of an act the member edited, if it is still at the version they opened. */
export async function updateAct(options: {
  deps: RecordsDeps;
  actor: Actor;
  incidentId: string;
  actId: string;
  /** The parsed request body: changed fields and the version being edited. */
  input: UpdateActInput;
}) {
  const { deps, actor, incidentId, actId } = options;
  const { expectedVersion, ...values } = options.input;
  return deps.db.transaction().execute(async (trx) => {
    const { act } = await locateAct(trx, actor, 'records.write', incidentId, actId, true);
    await requirePeople(trx, actor, [
      ...(values.victimPersonId ? [values.victimPersonId] : []),
      ...(values.perpetrators ?? []).map((p) => p.personId),
    ]);
    const written = await writeVersion(trx, ACT_SPEC, {
      row: act,
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
        action: 'act.updated',
        objectType: 'act',
        objectId: actId,
        fields: { incidentId, version: written.version, changedFields: written.changedFields },
      });
    }
    const updated = await findAct(trx, actId);
    if (!updated) throw new Error('the act disappeared inside its transaction');
    return updated;
  });
}
