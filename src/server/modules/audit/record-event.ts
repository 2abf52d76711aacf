import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, JsonValue } from '../../db/types.generated.ts';
import { hashAuditRow } from './audit-hash.ts';
import { insertEvent, lockHead } from './audit.repository.ts';

export interface AuditEventInput {
  /** The open transaction of the change being recorded: the event commits with it or not at all. */
  trx: Transaction<DB>;
  /** The organisation the event belongs to; null for instance-level events. */
  organisationId: string | null;
  /** The member who acted; null for anonymous or system actions. */
  actorMemberId: string | null;
  /** Dotted verb, e.g. `member.approved`. */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  /**
   * Ids, codes and the names of changed fields. Never sealed content, never an e-mail,
   * a password, a token or an IP address.
   */
  fields?: Record<string, JsonValue>;
}

/** Appends one event to the hash chain, inside the caller's transaction. */
export async function recordEvent(input: AuditEventInput): Promise<void> {
  const head = await lockHead(input.trx);
  const content = {
    seq: head.seq + 1,
    id: randomUUID(),
    // Millisecond precision: what both engines store and give back unchanged.
    at: new Date(Math.floor(Date.now())),
    organisationId: input.organisationId,
    actorMemberId: input.actorMemberId,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    fields: input.fields ?? {},
  };
  const hash = hashAuditRow(head.hash, content);
  await insertEvent(input.trx, {
    seq: content.seq,
    id: content.id,
    at: content.at,
    organisation_id: content.organisationId,
    actor_member_id: content.actorMemberId,
    action: content.action,
    object_type: content.objectType,
    object_id: content.objectId,
    fields: content.fields,
    prev_hash: head.hash,
    hash,
  });
}
