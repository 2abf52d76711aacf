import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { deleteHistory } from './history.repository.ts';
import { deleteActRow } from './incidents.repository.ts';
import { locateAct } from './locate.ts';
import type { RecordsDeps } from './records.deps.ts';

/**
 * Removes an act from its incident, with its version history: its old notes are sealed
 * under the incident's key, which lives on, so keeping them would keep them readable.
 */
export async function deleteAct(options: {
  deps: RecordsDeps;
  actor: Actor;
  incidentId: string;
  actId: string;
}): Promise<void> {
  const { deps, actor, incidentId, actId } = options;
  await deps.db.transaction().execute(async (trx) => {
    await locateAct(trx, actor, 'records.write', incidentId, actId, true);
    await deleteHistory(trx, [actId]);
    await deleteActRow(trx, actId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'act.deleted',
      objectType: 'act',
      objectId: actId,
      fields: { incidentId },
    });
  });
}
