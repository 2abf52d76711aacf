import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { loadIncidentView } from './incident-view.ts';
import { locateIncident } from './locate.ts';
import type { RecordsDeps } from './records.deps.ts';

/**
 * An incident with its sealed fields, acts, sources, links, interventions and the people
 * it names, for the browser to open with the organisation key. Handing out sealed data is
 * a read of sealed data, so it is audited (`incident.viewed`) in the same transaction.
 */
export async function getIncident(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The incident to open. */
  incidentId: string;
}) {
  const { deps, actor, incidentId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const incident = await locateIncident(trx, actor, 'records.read', incidentId);
    const view = await loadIncidentView(trx, incident, actor.organisationId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'incident.viewed',
      objectType: 'incident',
      objectId: incidentId,
    });
    return view;
  });
}
