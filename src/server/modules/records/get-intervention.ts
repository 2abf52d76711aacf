import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { locateIntervention } from './locate.ts';
import { requireRecordKey } from './record-helpers.ts';
import type { RecordsDeps } from './records.deps.ts';

/** An intervention with its sealed title and notes; audited (`intervention.viewed`). */
export async function getIntervention(options: {
  deps: RecordsDeps;
  actor: Actor;
  interventionId: string;
}) {
  const { deps, actor, interventionId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const intervention = await locateIntervention(trx, actor, 'records.read', interventionId);
    const sealedKey = await requireRecordKey(trx, interventionId, actor.organisationId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'intervention.viewed',
      objectType: 'intervention',
      objectId: interventionId,
    });
    return { intervention, sealedKey };
  });
}
