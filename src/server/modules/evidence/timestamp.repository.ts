// Stored RFC 3161 tokens of evidence items, and the retry jobs waiting to get one.
import { sql } from 'kysely';
import type { Db } from './evidence.deps.ts';
import type { TimestampRow } from './items.repository.ts';

export async function insertTimestamp(db: Db, row: TimestampRow): Promise<void> {
  await db.insertInto('evidence_timestamps').values(row).execute();
}

/** Whether the item already has a token over exactly this digest. */
export async function hasTimestampForDigest(
  db: Db,
  itemId: string,
  digest: Uint8Array,
): Promise<boolean> {
  const row = await db
    .selectFrom('evidence_timestamps')
    .select('id')
    .where('item_id', '=', itemId)
    .where('digest', '=', digest)
    .executeTakeFirst();
  return row !== undefined;
}

/** The item as the stamping needs it, locked when inside a transaction that asks. */
export async function findItemToStamp(db: Db, itemId: string, lock = false) {
  const query = db
    .selectFrom('evidence_items')
    .select(['id', 'organisation_id', 'manifest_digest'])
    .where('id', '=', itemId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Whether a retry job for this item is still waiting or running. */
export async function hasPendingTimestampJob(db: Db, kind: string, itemId: string) {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null)
    .where(sql<string>`payload->>'itemId'`, '=', itemId)
    .executeTakeFirst();
  return row !== undefined;
}
