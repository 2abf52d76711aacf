import type { IncidentSourceDto } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { deleteHistory } from './history.repository.ts';
import { actsNamingPerson, findAct, findIncident } from './incidents.repository.ts';
import { locatePerson } from './locate.ts';
import {
  casesNamingPerson,
  countRelations,
  deletePersonRow,
  incidentsCitingPerson,
} from './people.repository.ts';
import { destroyRecordKeys } from './record-keys.repository.ts';
import type { RecordsDeps } from './records.deps.ts';
import { ACT_SPEC, INCIDENT_SPEC, writeVersion } from './versioned.ts';

/**
 * Deletes a person for good (admins only), by crypto-erasure: every copy of their record
 * key, their version history and the row go. Acts and incident sources that named them are
 * detached first, each as a new version of that act or incident (so their history says
 * what changed); case links and relations go with the row. The audit event gives the id and
 * how many references were detached, nothing more.
 */
export async function deletePerson(options: {
  deps: RecordsDeps;
  actor: Actor;
  personId: string;
}): Promise<void> {
  const { deps, actor, personId } = options;
  await deps.db.transaction().execute(async (trx) => {
    await locatePerson(trx, actor, 'records.delete', personId, true);
    const now = deps.now();
    const detach = { memberId: actor.memberId, now, expectedVersion: null } as const;

    let actsDetached = 0;
    for (const named of await actsNamingPerson(trx, personId)) {
      const act = await findAct(trx, named.act_id, true);
      if (!act) continue;
      const perpetrators = act.perpetrators as { personId: string }[];
      await writeVersion(trx, ACT_SPEC, {
        ...detach,
        row: act,
        changeKind: 'update',
        values: {
          ...(act.victim_person_id === personId ? { victimPersonId: null } : {}),
          perpetrators: perpetrators.filter((p) => p.personId !== personId),
        },
      });
      actsDetached++;
    }

    let sourcesDetached = 0;
    for (const incidentId of await incidentsCitingPerson(trx, personId)) {
      const incident = await findIncident(trx, incidentId, true);
      if (!incident) continue;
      const sources = (incident.sources as IncidentSourceDto[]).map((s) => {
        if (s.personId !== personId) return s;
        sourcesDetached++;
        return { ...s, personId: null };
      });
      await writeVersion(trx, INCIDENT_SPEC, {
        ...detach,
        row: incident,
        changeKind: 'update',
        values: { sources },
      });
    }

    const cases = await casesNamingPerson(trx, personId);
    const relations = await countRelations(trx, personId);
    const keys = await destroyRecordKeys(trx, [personId]);
    await deleteHistory(trx, [personId]);
    await deletePersonRow(trx, personId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'record.deleted',
      objectType: 'person',
      objectId: personId,
      fields: {
        actsDetached,
        sourcesDetached,
        caseLinksDetached: cases.caseLinks,
        casesCentralDetached: cases.centralOf,
        relationsRemoved: relations,
        keysDestroyed: keys,
      },
    });
  });
}
