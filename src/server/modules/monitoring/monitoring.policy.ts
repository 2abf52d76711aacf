// Who may do what in monitoring. The permission table is src/common/policy/permissions.ts
// (monitoring.read, monitoring.write, monitoring.review); this adds the per-organisation
// rule: a campaign, item or comment of another organisation answers 404 exactly like one
// that does not exist, and a campaign named in a body that is missing or another
// organisation's is a 400, so no member learns that another organisation's id is real.
// The role is checked first, so a role without the permission gets the same 403 for every id.
import type { Actor, Permission } from '../../../common/policy/permissions.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { authorise } from '../accounts/accounts.policy.ts';

export type MonitoringPermission = Extract<
  Permission,
  'monitoring.read' | 'monitoring.write' | 'monitoring.review'
>;

/** The actor may use this part of monitoring at all (else 403). */
export function authoriseMonitoring(actor: Actor, permission: MonitoringPermission): void {
  authorise(actor, permission, actor.organisationId);
}

/** The row is the actor's organisation's (else a 404 naming `what`), after the role check. */
export function authoriseRow<R extends { organisation_id: string }>(
  actor: Actor,
  permission: MonitoringPermission,
  row: R | undefined,
  what: string,
): asserts row is R {
  authoriseMonitoring(actor, permission);
  if (!row || row.organisation_id !== actor.organisationId) throw notFound(what);
}

/** A campaign named in a request body must be one of the actor's organisation. */
export function requireOwnCampaign<R extends { organisation_id: string }>(
  actor: Actor,
  row: R | undefined,
): asserts row is R {
  if (!row || row.organisation_id !== actor.organisationId)
    throw badRequest('campaign_not_found', 'The campaign was not found.');
}
