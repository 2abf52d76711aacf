// Who may capture into a record and stamp an item: `evidence.write` (checked first, so a
// role without it gets the same 403 for every id), and sight of the parent record — an
// incident of the actor's organisation, or a case they may see (a restricted case only
// when assigned, or as an admin). Anything else answers 404, exactly like a missing id.
import type { Actor, Permission } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { authorise } from '../accounts/accounts.policy.ts';
import { maySeeCase } from '../cases/cases.policy.ts';
import { findCase } from '../cases/cases.repository.ts';
import { findIncident } from '../records/incidents.repository.ts';
import type { Db } from './evidence.deps.ts';

export interface ParentRef {
  incidentId: string | null;
  caseId: string | null;
}

type EvidencePermission = Extract<Permission, 'evidence.read' | 'evidence.write'>;

/**
 * Checks the actor may use `permission` on evidence of this incident or case; a parent
 * they may not see is a 404 named `what` (default: the parent's own name).
 */
export async function authoriseEvidenceParent(
  db: Db,
  actor: Actor,
  parent: ParentRef,
  permission: EvidencePermission,
  what?: string,
): Promise<void> {
  authorise(actor, permission, actor.organisationId);
  if (parent.incidentId) {
    authorise(actor, 'records.read', actor.organisationId);
    const incident = await findIncident(db, parent.incidentId);
    if (!incident || incident.organisation_id !== actor.organisationId)
      throw notFound(what ?? 'The incident');
    return;
  }
  if (parent.caseId) {
    authorise(actor, 'cases.read', actor.organisationId);
    const kase = await findCase(db, parent.caseId, actor.memberId);
    if (!kase || !maySeeCase(actor, kase)) throw notFound(what ?? 'The case');
    return;
  }
  throw notFound(what ?? 'The record');
}

export interface AccessibleItem {
  id: string;
  organisation_id: string;
  incident_id: string | null;
  case_id: string | null;
  kind: string;
  manifest_digest: Uint8Array | null;
}

/** Loads an item the actor may use with `permission` (else 403 / 404 "The evidence item"). */
export async function loadAccessibleItem(
  db: Db,
  actor: Actor,
  itemId: string,
  permission: EvidencePermission,
): Promise<AccessibleItem> {
  authorise(actor, permission, actor.organisationId);
  const item = await db
    .selectFrom('evidence_items')
    .select(['id', 'organisation_id', 'incident_id', 'case_id', 'kind', 'manifest_digest'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item || item.organisation_id !== actor.organisationId) throw notFound('The evidence item');
  await authoriseEvidenceParent(
    db,
    actor,
    { incidentId: item.incident_id, caseId: item.case_id },
    permission,
    'The evidence item',
  );
  return item;
}
