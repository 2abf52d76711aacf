import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { findOrganisation, insertPartner } from './referrals.repository.ts';

/**
 * Lists another organisation on this server as a partner (partners.manage): from now on
 * cases may be referred to it, with consent. The relation is one-way; the other side
 * decides for itself whether to refer back. Adding twice changes nothing.
 */
export async function addPartner(options: {
  deps: CasesDeps;
  actor: Actor;
  /** The organisation to add. */
  partnerId: string;
}) {
  const { deps, actor, partnerId } = options;
  authoriseCases(actor, 'partners.manage');
  await deps.db.transaction().execute(async (trx) => {
    if (partnerId === actor.organisationId) {
      throw badRequest('invalid_partner', 'An organisation cannot be its own partner.');
    }
    if (!(await findOrganisation(trx, partnerId))) throw notFound('The organisation');
    const added = await insertPartner(trx, {
      organisationId: actor.organisationId,
      partnerId,
      memberId: actor.memberId,
      now: deps.now(),
    });
    if (!added) return;
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'partner.added',
      objectType: 'organisation',
      objectId: partnerId,
    });
  });
}
