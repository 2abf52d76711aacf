import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { createIncidentLink } from '../../../common/api/records.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findIncident, findLink, insertLink, linkExists } from './incidents.repository.ts';
import { locateIncident } from './locate.ts';
import type { RecordsDeps } from './records.deps.ts';
import { requireReferenced } from './records.policy.ts';

/**
 * Links two incidents of the organisation in a chain of events: "<to> is <linkType>
 * <from>" (a follow-up, retaliation, the same perpetrator). Both incidents show the link.
 */
export async function linkIncidents(options: {
  deps: RecordsDeps;
  actor: Actor;
  /** The incident the link starts from. */
  incidentId: string;
  /** The parsed request body. */
  input: z.output<typeof createIncidentLink>;
}) {
  const { deps, actor, incidentId, input } = options;
  return deps.db.transaction().execute(async (trx) => {
    await locateIncident(trx, actor, 'records.write', incidentId);
    if (input.toIncidentId === incidentId) {
      throw badRequest('link_to_self', 'An incident cannot be linked to itself.');
    }
    const other = await findIncident(trx, input.toIncidentId);
    requireReferenced(actor, other, 'incident_unknown', 'The linked incident was not found.');
    if (await linkExists(trx, incidentId, input.toIncidentId, input.linkType)) {
      throw conflict('link_exists', 'These incidents are already linked this way.');
    }
    const id = randomUUID();
    await insertLink(trx, {
      id,
      organisation_id: actor.organisationId,
      from_incident_id: incidentId,
      to_incident_id: input.toIncidentId,
      link_type: input.linkType,
      created_by: actor.memberId,
      created_at: deps.now(),
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'incident.linked',
      objectType: 'incident',
      objectId: incidentId,
      fields: { linkId: id, toIncidentId: input.toIncidentId, linkType: input.linkType },
    });
    const link = await findLink(trx, id);
    if (!link) throw new Error('the new link disappeared inside its transaction');
    return link;
  });
}
