import type { IncidentSourceDto } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findVersion, type Snapshot } from './history.repository.ts';
import { findIncident } from './incidents.repository.ts';
import { findCaseOwner } from './interventions.repository.ts';
import { locateHistoryTarget, type HistoryTarget } from './list-history.ts';
import { existingPeople } from './record-helpers.ts';
import type { Db, RecordsDeps } from './records.deps.ts';
import {
  ACT_SPEC,
  INCIDENT_SPEC,
  INTERVENTION_SPEC,
  PERSON_SPEC,
  writeVersion,
  type RecordSpec,
} from './versioned.ts';

const SPECS: Record<HistoryTarget['type'], RecordSpec> = {
  incident: INCIDENT_SPEC,
  act: ACT_SPEC,
  person: PERSON_SPEC,
  intervention: INTERVENTION_SPEC,
};

/**
 * Writes an earlier version's snapshot back as a new version (the history keeps both), if
 * the record is still at the version the member saw (else 409). A reference to a person,
 * incident or case deleted since then is dropped rather than restored.
 */
export async function restoreVersion(options: {
  deps: RecordsDeps;
  actor: Actor;
  target: HistoryTarget;
  /** The version to bring back. */
  version: number;
  /** The record's current version, as the member saw it. */
  expectedVersion: number;
}): Promise<{ recordId: string }> {
  const { deps, actor, target } = options;
  const spec = SPECS[target.type];
  return deps.db.transaction().execute(async (trx) => {
    const { recordId, row } = await locateHistoryTarget(trx, actor, 'records.write', target, true);
    const stored = await findVersion(trx, recordId, options.version);
    if (!stored) throw notFound('The version');
    const values: Record<string, unknown> = {};
    for (const field of Object.keys(spec.columns)) {
      if (field in stored.snapshot) values[field] = stored.snapshot[field];
    }
    await dropVanishedReferences(trx, actor.organisationId, target.type, values);
    const written = await writeVersion(trx, spec, {
      row,
      values,
      expectedVersion: options.expectedVersion,
      memberId: actor.memberId,
      now: deps.now(),
      changeKind: 'restore',
      restoredFrom: options.version,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: `${target.type}.restored`,
      objectType: target.type,
      objectId: recordId,
      fields: {
        version: written.version,
        restoredFrom: options.version,
        changedFields: written.changedFields,
      },
    });
    return { recordId };
  });
}

async function dropVanishedReferences(
  db: Db,
  organisationId: string,
  type: HistoryTarget['type'],
  values: Snapshot | Record<string, unknown>,
): Promise<void> {
  if (type === 'incident' && Array.isArray(values.sources)) {
    const sources = values.sources as IncidentSourceDto[];
    const alive = await existingPeople(
      db,
      organisationId,
      sources.flatMap((s) => (s.personId ? [s.personId] : [])),
    );
    values.sources = sources.map((s) =>
      s.personId && !alive.has(s.personId) ? { ...s, personId: null } : s,
    );
  }
  if (type === 'act') {
    const victim = typeof values.victimPersonId === 'string' ? values.victimPersonId : null;
    const perpetrators = Array.isArray(values.perpetrators)
      ? (values.perpetrators as { personId: string }[])
      : [];
    const alive = await existingPeople(db, organisationId, [
      ...(victim ? [victim] : []),
      ...perpetrators.map((p) => p.personId),
    ]);
    if (victim && !alive.has(victim)) values.victimPersonId = null;
    values.perpetrators = perpetrators.filter((p) => alive.has(p.personId));
  }
  if (type === 'intervention') {
    if (typeof values.incidentId === 'string') {
      const incident = await findIncident(db, values.incidentId);
      if (incident?.organisation_id !== organisationId) values.incidentId = null;
    }
    if (typeof values.caseId === 'string') {
      const found = await findCaseOwner(db, values.caseId);
      if (found?.organisation_id !== organisationId) values.caseId = null;
    }
  }
}
