import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditEventsTable, DB } from '../../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export type AuditRow = Selectable<AuditEventsTable>;

/** Locks the chain head for the rest of the transaction. */
export async function lockHead(trx: Transaction<DB>) {
  return trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function insertEvent(trx: Transaction<DB>, row: AuditRow): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({ ...row, fields: JSON.stringify(row.fields) })
    .execute();
  await trx
    .updateTable('audit_head')
    .set({ seq: row.seq, hash: row.hash })
    .where('id', '=', 1)
    .execute();
}

export async function readHead(db: Db) {
  return db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
}

/** Rows in sequence order, a page at a time (the chain can be long). */
export async function readEventsAfter(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export interface AuditFilter {
  organisationId: string;
  action?: string | undefined;
  actorMemberId?: string | undefined;
  objectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeSeq?: number | undefined;
  limit: number;
}

export async function listEvents(db: Db, filter: AuditFilter): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_events')
    .selectAll()
    .where('organisation_id', '=', filter.organisationId);
  if (filter.action)
    query = query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.actorMemberId) query = query.where('actor_member_id', '=', filter.actorMemberId);
  if (filter.objectId) query = query.where('object_id', '=', filter.objectId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}
