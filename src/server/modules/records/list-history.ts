import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { listVersions, type StoredVersion } from './history.repository.ts';
import { locateAct, locateIncident, locateIntervention, locatePerson } from './locate.ts';
import { requireRecordKey } from './record-helpers.ts';
import type { Db, RecordsDeps } from './records.deps.ts';

/** Which record's history: an act is reached through its incident. */
export type HistoryTarget =
  | { type: 'incident'; id: string }
  | { type: 'act'; incidentId: string; actId: string }
  | { type: 'person'; id: string }
  | { type: 'intervention'; id: string };

/** The record's id and the id whose key opens its sealed values (an act's is its incident's). */
export async function locateHistoryTarget(
  db: Db,
  actor: Actor,
  permission: 'records.read' | 'records.write',
  target: HistoryTarget,
  lock = false,
): Promise<{ recordId: string; keyId: string; row: Record<string, unknown> & LockedRow }> {
  switch (target.type) {
    case 'incident': {
      const row = await locateIncident(db, actor, permission, target.id, lock);
      return { recordId: row.id, keyId: row.id, row };
    }
    case 'act': {
      const { act } = await locateAct(db, actor, permission, target.incidentId, target.actId, lock);
      return { recordId: act.id, keyId: act.incident_id, row: act };
    }
    case 'person': {
      const row = await locatePerson(db, actor, permission, target.id, lock);
      return { recordId: row.id, keyId: row.id, row };
    }
    case 'intervention': {
      const row = await locateIntervention(db, actor, permission, target.id, lock);
      return { recordId: row.id, keyId: row.id, row };
    }
  }
}

export interface LockedRow {
  id: string;
  organisation_id: string;
  version: number;
}

/**
 * Every version of a record, newest first: who changed which fields when, and the record
 * as it became, sealed values as envelopes for the browser to open with the key returned
 * alongside. Old sealed values are sealed data, so the read is audited.
 */
export async function listHistory(options: {
  deps: RecordsDeps;
  actor: Actor;
  target: HistoryTarget;
}): Promise<{ sealedKey: Uint8Array; versions: StoredVersion[] }> {
  const { deps, actor, target } = options;
  return deps.db.transaction().execute(async (trx) => {
    const { recordId, keyId } = await locateHistoryTarget(trx, actor, 'records.read', target);
    const sealedKey = await requireRecordKey(trx, keyId, actor.organisationId);
    const versions = await listVersions(trx, recordId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: `${target.type}.history_viewed`,
      objectType: target.type,
      objectId: recordId,
    });
    return { sealedKey, versions };
  });
}
