import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { deleteHistory } from './history.repository.ts';
import { deleteInterventionRow } from './interventions.repository.ts';
import { locateIntervention } from './locate.ts';
import { destroyRecordKeys } from './record-keys.repository.ts';
import type { RecordsDeps } from './records.deps.ts';

/** Deletes an intervention for good (admins only): its keys, its history, its row. */
export async function deleteIntervention(options: {
  deps: RecordsDeps;
  actor: Actor;
  interventionId: string;
}): Promise<void> {
  const { deps, actor, interventionId } = options;
  await deps.db.transaction().execute(async (trx) => {
    await locateIntervention(trx, actor, 'records.delete', interventionId, true);
    const keys = await destroyRecordKeys(trx, [interventionId]);
    await deleteHistory(trx, [interventionId]);
    await deleteInterventionRow(trx, interventionId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'record.deleted',
      objectType: 'intervention',
      objectId: interventionId,
      fields: { keysDestroyed: keys },
    });
  });
}
