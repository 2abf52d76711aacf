import { z } from 'zod';
import { TsaError } from '../../modules/evidence/tsa-client.ts';
import { stampItem } from '../../modules/evidence/timestamp-item.ts';
import {
  findItemToStamp,
  hasTimestampForDigest,
} from '../../modules/evidence/timestamp.repository.ts';
import { defineJob } from '../job-definition.ts';

/**
 * Gets the RFC 3161 token an item could not get when it was committed or captured (the
 * authority was down, slow or refused). Idempotent: an item that was deleted, whose
 * digest changed or that already has a token over the digest needs nothing. Only the
 * salted manifest digest is in the payload, never a plaintext hash.
 */
export const evidenceTimestamp = defineJob({
  kind: 'evidence.timestamp',
  version: 1,
  payload: z.strictObject({
    itemId: z.uuid(),
    /** The manifest digest to stamp, hex. */
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    /** The member who asked, recorded as the actor of the custody event. */
    requestedBy: z.uuid().nullable(),
  }),
  // An authority can be down for a day: about 12 h of attempts, then left failed and seen
  // by admins in the job list; a member can ask again from the item page.
  maxAttempts: 12,
  backoff: { baseMs: 60_000, maxMs: 3 * 3_600_000 },
  async handler({ itemId, digest: digestHex, requestedBy }, ctx) {
    if (!ctx.services) throw new Error('the job worker was started without its services');
    const tsa = ctx.services.config.evidence.tsa;
    if (!tsa) {
      ctx.logger.warn(
        { jobId: ctx.job.id },
        'evidence timestamp: no authority configured any more',
      );
      return;
    }
    const digest = Buffer.from(digestHex, 'hex');
    const item = await findItemToStamp(ctx.db, itemId);
    if (!item?.manifest_digest || !Buffer.from(item.manifest_digest).equals(digest)) return;
    if (await hasTimestampForDigest(ctx.db, itemId, digest)) return;
    try {
      await stampItem({
        db: ctx.db,
        tsa,
        itemId,
        digest,
        actorMemberId: requestedBy,
        now: ctx.now,
      });
    } catch (error) {
      // The message names the failure, never the digest or the item's content.
      if (error instanceof TsaError)
        throw new Error(`${error.code}: ${error.message}`, { cause: error });
      throw error;
    }
    ctx.logger.info({ jobId: ctx.job.id }, 'evidence timestamp stored');
  },
});
