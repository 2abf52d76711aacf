import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { collectParentEvidence, removeParentEvidence } from '../evidence/remove-parent-evidence.ts';
import { deleteHistory } from './history.repository.ts';
import { countLinks, deleteIncidentRow, listActs } from './incidents.repository.ts';
import { locateIncident } from './locate.ts';
import { destroyRecordKeys } from './record-keys.repository.ts';
import type { RecordsDeps } from './records.deps.ts';

/**
 * Deletes an incident for good (admins only). Crypto-erasure: every copy of its record key
 * is destroyed, with the version history of the incident and its acts (old sealed values),
 * then the rows; its acts and links go with it. Interventions and cases that named it stay,
 * detached. Its evidence items go too: their blobs are removed once the deletion committed
 * (remove-parent-evidence.ts). The audit event names the incident by id and counts, nothing more.
 */
export async function deleteIncident(options: {
  deps: RecordsDeps;
  actor: Actor;
  incidentId: string;
}): Promise<void> {
  const { deps, actor, incidentId } = options;
  const evidence = await deps.db.transaction().execute(async (trx) => {
    await locateIncident(trx, actor, 'records.delete', incidentId, true);
    const evidence = await collectParentEvidence(trx, actor, { incidentId });
    const acts = await listActs(trx, incidentId);
    const links = await countLinks(trx, incidentId);
    const keys = await destroyRecordKeys(trx, [incidentId]);
    await deleteHistory(trx, [incidentId, ...acts.map((a) => a.id)]);
    await deleteIncidentRow(trx, incidentId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'record.deleted',
      objectType: 'incident',
      objectId: incidentId,
      fields: { acts: acts.length, links, keysDestroyed: keys },
    });
    return evidence;
  });
  await removeParentEvidence(deps.blobs, evidence);
}
