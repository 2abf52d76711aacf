// Who may do what with evidence. The permission table is src/common/policy/permissions.ts
// (evidence.read, evidence.write, evidence.export, evidence.delete); this adds the
// per-record rules of the parent an item belongs to:
//   - an incident's evidence follows the records rules: another organisation's incident
//     answers 404 exactly like a missing one;
//   - a case's evidence follows the cases rules: another organisation's case, and a
//     restricted case the actor is neither assigned to nor an admin of, answer 404.
// The role is checked first, so a role without the permission gets the same 403 for every id.
import type { EvidenceParentType } from '../../../common/evidence/vocabulary.ts';
import type { Actor, Permission } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { authorise } from '../accounts/accounts.policy.ts';
import { maySeeCase } from '../cases/cases.policy.ts';
import { findCase } from '../cases/cases.repository.ts';
import { findIncident } from '../records/incidents.repository.ts';
import type { Db } from './evidence.deps.ts';

export type EvidencePermission = Extract<
  Permission,
  'evidence.read' | 'evidence.write' | 'evidence.export' | 'evidence.delete'
>;

/** The actor may use this part of the evidence API at all (else 403). */
export function authoriseEvidence(actor: Actor, permission: EvidencePermission): void {
  authorise(actor, permission, actor.organisationId);
}

/** The incident or case an item or upload belongs to. */
export interface EvidenceParentRef {
  type: EvidenceParentType;
  id: string;
}

/** The parent named by an `{ incidentId } | { caseId }` value, or by a row's two columns. */
export function parentOf(p: {
  incidentId?: string | null | undefined;
  caseId?: string | null | undefined;
}): EvidenceParentRef {
  if (p.incidentId) return { type: 'incident', id: p.incidentId };
  if (p.caseId) return { type: 'case', id: p.caseId };
  throw new Error('an evidence parent names an incident or a case');
}

export function parentOfRow(row: {
  incident_id: string | null;
  case_id: string | null;
}): EvidenceParentRef {
  return parentOf({ incidentId: row.incident_id, caseId: row.case_id });
}

/**
 * Whether the actor may see the parent at all: it exists, it is of their organisation,
 * and for a case, the restricted rule lets them see it.
 */
export async function maySeeParent(
  db: Db,
  actor: Actor,
  parent: EvidenceParentRef,
): Promise<boolean> {
  if (parent.type === 'incident') {
    const incident = await findIncident(db, parent.id);
    return incident !== undefined && incident.organisation_id === actor.organisationId;
  }
  const kase = await findCase(db, parent.id, actor.memberId);
  return kase !== undefined && maySeeCase(actor, kase);
}

/**
 * Checks the permission, then that the actor may see the parent (else a 404 naming the
 * incident or the case, the same answer as for one that does not exist).
 */
export async function authoriseParent(
  db: Db,
  actor: Actor,
  permission: EvidencePermission,
  parent: EvidenceParentRef,
): Promise<void> {
  authoriseEvidence(actor, permission);
  if (!(await maySeeParent(db, actor, parent))) {
    throw notFound(parent.type === 'incident' ? 'The incident' : 'The case');
  }
}

/**
 * An item, upload or file row the actor may reach: of their organisation and under a
 * parent they may see; anything else is a 404 naming `what`.
 */
export async function authoriseUnderParent<
  R extends { organisation_id: string; incident_id: string | null; case_id: string | null },
>(
  db: Db,
  actor: Actor,
  permission: EvidencePermission,
  row: R | undefined,
  what: string,
): Promise<R> {
  authoriseEvidence(actor, permission);
  if (!row || row.organisation_id !== actor.organisationId) throw notFound(what);
  if (!(await maySeeParent(db, actor, parentOfRow(row)))) throw notFound(what);
  return row;
}
