// Who may do what with records. The permission table is src/common/policy/permissions.ts
// (records.read, records.write, records.delete); this adds the per-record rule: a record of
// another organisation answers 404 exactly like one that does not exist, and an id named
// inside a request body (a victim, a report, a case, a linked incident) that is missing or
// belongs to another organisation is a 400 "not found", so no member learns that another
// organisation's id is real.
import type { Actor, Permission } from '../../../common/policy/permissions.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { authorise } from '../accounts/accounts.policy.ts';

export type RecordPermission = Extract<
  Permission,
  'records.read' | 'records.write' | 'records.delete'
>;

/** The actor may use records of their own organisation at all (else 403). */
export function authoriseRecords(actor: Actor, permission: RecordPermission): void {
  authorise(actor, permission, actor.organisationId);
}

/**
 * The actor may act on this record. The role is checked first, so a role without the
 * permission gets the same 403 for every id; then a missing record or one of another
 * organisation is a 404 naming `what` ("The incident").
 */
export function authoriseRecord<R extends { organisation_id: string }>(
  actor: Actor,
  permission: RecordPermission,
  record: R | undefined,
  what: string,
): asserts record is R {
  authoriseRecords(actor, permission);
  if (!record || record.organisation_id !== actor.organisationId) throw notFound(what);
}

/** An id referenced in a body must name a record of the actor's organisation. */
export function requireReferenced<R extends { organisation_id: string }>(
  actor: Actor,
  record: R | undefined,
  code: string,
  message: string,
): asserts record is R {
  if (!record || record.organisation_id !== actor.organisationId) throw badRequest(code, message);
}
