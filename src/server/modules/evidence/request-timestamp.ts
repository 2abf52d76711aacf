import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { evidenceTimestamp } from '../../jobs/definitions/evidence-timestamp.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { loadItem } from './load-item.ts';
import { stampItem } from './timestamp-item.ts';
import type { TimestampRow } from './items.repository.ts';
import { hasPendingTimestampJob } from './timestamp.repository.ts';
import { TsaError, type TsaErrorCode } from './tsa-client.ts';

export type StampOutcome =
  | { stamped: TimestampRow }
  /** The authority failed; the retry job will keep trying. */
  | { pending: TsaErrorCode };

/**
 * Asks the configured authority to stamp the item's manifest digest (members with
 * `evidence.write` who may see the item's incident or case). The digest sent must be the
 * item's own, so a member cannot have arbitrary data stamped in the organisation's name.
 */
export async function requestTimestamp(options: {
  deps: EvidenceDeps;
  actor: Actor;
  itemId: string;
  /** Hex; must equal the item's manifest digest. */
  digest: string;
}): Promise<StampOutcome> {
  const { deps, actor } = options;
  const item = await loadItem(deps.db, actor, 'evidence.write', options.itemId);
  if (!item.manifest_digest)
    throw conflict('manifest_digest_missing', 'This item has no hash manifest to stamp.');
  const digest = Buffer.from(options.digest, 'hex');
  if (!digest.equals(item.manifest_digest))
    throw badRequest('digest_mismatch', "The digest is not this item's manifest digest.");
  if (!deps.config.evidence.tsa)
    throw conflict('tsa_not_configured', 'No timestamp authority is configured.');
  return stampOrQueue({ deps, itemId: item.id, digest, actorMemberId: actor.memberId });
}

/**
 * Stamps now if the authority answers; else stores a retry job (once per item) and says
 * why. Used after a commit or a capture as well as on request.
 */
export async function stampOrQueue(options: {
  deps: EvidenceDeps;
  itemId: string;
  digest: Uint8Array;
  actorMemberId: string | null;
  fetchImpl?: typeof fetch;
}): Promise<StampOutcome> {
  const { deps, itemId, digest } = options;
  const tsa = deps.config.evidence.tsa;
  if (!tsa) throw new Error('no timestamp authority is configured');
  try {
    const stamped = await stampItem({
      db: deps.db,
      tsa,
      itemId,
      digest,
      actorMemberId: options.actorMemberId,
      now: deps.now,
      ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
    });
    // Deleted or re-manifested while the authority answered: nothing was kept.
    if (!stamped) throw notFound('The evidence item');
    return { stamped };
  } catch (error) {
    if (!(error instanceof TsaError)) throw error;
    if (!(await hasPendingTimestampJob(deps.db, evidenceTimestamp.kind, itemId))) {
      await enqueue({
        db: deps.db,
        job: evidenceTimestamp,
        payload: {
          itemId,
          digest: Buffer.from(digest).toString('hex'),
          requestedBy: options.actorMemberId,
        },
        // The first retry waits a little: the authority has just failed.
        runAt: new Date(deps.now().getTime() + 60_000),
        now: deps.now,
      });
    }
    return { pending: error.code };
  }
}
