import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import { findOrganisationAlertDays, setOrganisationAlertDays } from './cases.repository.ts';

/**
 * Sets the organisation's default days without contact before an alert (admins:
 * organisation.update). Cases with their own number keep it.
 */
export async function setCaseSettings(options: {
  deps: CasesDeps;
  actor: Actor;
  contactAlertDays: number;
}) {
  const { deps, actor, contactAlertDays } = options;
  authoriseCases(actor, 'organisation.update');
  await deps.db.transaction().execute(async (trx) => {
    const before = await findOrganisationAlertDays(trx, actor.organisationId);
    if (before === contactAlertDays) return;
    await setOrganisationAlertDays(trx, actor.organisationId, contactAlertDays);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'organisation.contact_alert_days_changed',
      objectType: 'organisation',
      objectId: actor.organisationId,
      fields: { from: before, to: contactAlertDays },
    });
  });
  return { contactAlertDays };
}
