// Stamping an item's manifest digest: ask the authority (outside any transaction — a slow
// authority must not hold a database lock), then store the token and write the custody
// event together, if the item still exists with the same digest.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TsaConfig } from '../../config.ts';
import type { DB } from '../../db/types.generated.ts';
import { requestTimestampToken } from './tsa-client.ts';
import type { TimestampRow } from './items.repository.ts';
import { recordCustody } from './record-custody.ts';
import { findItemToStamp, insertTimestamp } from './timestamp.repository.ts';

export interface StampItemOptions {
  db: Kysely<DB>;
  /** The configured authority. */
  tsa: TsaConfig;
  itemId: string;
  /** The manifest digest to stamp; the item must still have it when the token arrives. */
  digest: Uint8Array;
  /** Who asked (null: the server on its own, e.g. the retry job). */
  actorMemberId: string | null;
  now: () => Date;
  /** fetch to use (tests). */
  fetchImpl?: typeof fetch;
}

/**
 * Gets a token for the digest and stores it with an `evidence.timestamped` custody event.
 * Returns null when the item was deleted or its digest changed meanwhile (nothing stored).
 * Throws TsaError when the authority did not give a good token.
 */
export async function stampItem(options: StampItemOptions): Promise<TimestampRow | null> {
  const { db, tsa, itemId, digest } = options;
  const stamped = await requestTimestampToken({
    tsa,
    digest,
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
  });
  return db.transaction().execute(async (trx) => {
    const item = await findItemToStamp(trx, itemId, true);
    if (!item?.manifest_digest || !Buffer.from(item.manifest_digest).equals(digest)) return null;
    const row: TimestampRow = {
      id: randomUUID(),
      item_id: item.id,
      organisation_id: item.organisation_id,
      digest,
      tsa_url: tsa.url,
      token: stamped.token,
      gen_time: stamped.genTime,
      serial_number: stamped.serialNumber,
      created_at: options.now(),
    };
    await insertTimestamp(trx, row);
    await recordCustody({
      trx,
      organisationId: item.organisation_id,
      actorMemberId: options.actorMemberId,
      action: 'evidence.timestamped',
      itemId: item.id,
      fields: {
        timestampId: row.id,
        timestampSerial: stamped.serialNumber,
        genTime: stamped.genTime.toISOString(),
        tsaUrl: tsa.url,
      },
    });
    return row;
  });
}
