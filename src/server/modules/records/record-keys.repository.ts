// Every copy of every record key: one row per (record, organisation), sealed to that
// organisation's public key. The owner's copy has no referral; a partner's copy names the
// referral that shared it. Destroying every row of a record is its crypto-erasure.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type RecordType = 'incident' | 'person' | 'intervention' | 'case' | 'report' | 'report_file';

export async function insertRecordKey(
  db: Db,
  key: {
    recordId: string;
    recordType: RecordType;
    organisationId: string;
    sealedKey: Uint8Array;
    referralId?: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('record_keys')
    .values({
      record_id: key.recordId,
      record_type: key.recordType,
      organisation_id: key.organisationId,
      sealed_key: key.sealedKey,
      referral_id: key.referralId ?? null,
      created_at: key.now,
    })
    .execute();
}

/** The copy of a record's key sealed to one organisation, if it has one. */
export async function findRecordKey(
  db: Db,
  recordId: string,
  organisationId: string,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('record_keys')
    .select('sealed_key')
    .where('record_id', '=', recordId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row?.sealed_key;
}

/** The organisation's copies of many records' keys, by record id. */
export async function findRecordKeys(
  db: Db,
  recordIds: readonly string[],
  organisationId: string,
): Promise<Map<string, Uint8Array>> {
  if (recordIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('record_keys')
    .select(['record_id', 'sealed_key'])
    .where('record_id', 'in', recordIds)
    .where('organisation_id', '=', organisationId)
    .execute();
  return new Map(rows.map((r) => [r.record_id, r.sealed_key]));
}

/** Crypto-erasure: every copy of the records' keys, the owner's and every partner's. */
export async function destroyRecordKeys(db: Db, recordIds: readonly string[]): Promise<number> {
  if (recordIds.length === 0) return 0;
  const result = await db
    .deleteFrom('record_keys')
    .where('record_id', 'in', recordIds)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Withdraws what one referral shared: the partner's copies of the keys. */
export async function destroyReferralKeys(db: Db, referralId: string): Promise<number> {
  const result = await db
    .deleteFrom('record_keys')
    .where('referral_id', '=', referralId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
