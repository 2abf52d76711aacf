import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { deleteLink, findLink } from './incidents.repository.ts';
import { locateIncident } from './locate.ts';
import type { RecordsDeps } from './records.deps.ts';

/** Removes a link between incidents, from either of its two incidents. */
export async function unlinkIncidents(options: {
  deps: RecordsDeps;
  actor: Actor;
  incidentId: string;
  linkId: string;
}): Promise<void> {
  const { deps, actor, incidentId, linkId } = options;
  await deps.db.transaction().execute(async (trx) => {
    await locateIncident(trx, actor, 'records.write', incidentId);
    const link = await findLink(trx, linkId);
    if (!link || (link.from_incident_id !== incidentId && link.to_incident_id !== incidentId)) {
      throw notFound('The link');
    }
    await deleteLink(trx, linkId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'incident.unlinked',
      objectType: 'incident',
      objectId: incidentId,
      fields: { linkId, linkType: link.link_type },
    });
  });
}
