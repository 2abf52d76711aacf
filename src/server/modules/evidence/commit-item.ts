import type { z } from 'zod';
import type { commitItem as commitItemSchema } from '../../../common/api/evidence.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { newBlobKey } from '../../blobs/blob-store.ts';
import { badRequest, conflict, HttpError } from '../../http/errors.ts';
import { sha256OfStream } from './ciphertext-hash.ts';
import { hasEnvelopeHead, isEnvelopeLength } from './envelope-shape.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import {
  authoriseParent,
  parentOf,
  parentOfRow,
  type EvidenceParentRef,
} from './evidence.policy.ts';
import { insertFiles, insertItem, takenIds } from './items.repository.ts';
import { recordCustody } from './record-custody.ts';
import type { UploadTracker } from './upload-tracker.ts';
import { deleteUploads, findUpload, lockUploads, type UploadRow } from './uploads.repository.ts';

type CommitRequest = z.output<typeof commitItemSchema>;

/**
 * Turns finished uploads into an evidence item of an incident or a case (evidence.write,
 * parent visible to the actor). Before anything is written it checks, for every file:
 * the upload is the actor's, for the same parent, and complete (409 `upload_incomplete`
 * with its offset); its bytes are shaped like a stream envelope (400 `file_not_encrypted`);
 * the SHA-256 of the ciphertext the server received equals the one the browser computed
 * (400 `upload_corrupt`; that upload is discarded, as its bytes are not what was sent).
 * Then, in one transaction, the item and file rows and one `evidence.uploaded` custody
 * event per file are written, the upload rows removed and each upload committed into a
 * blob under a fresh key. If anything fails, the new blobs are removed again and the
 * uploads stay as they were: the item exists whole or not at all.
 */
export async function commitItem(options: {
  deps: EvidenceDeps;
  tracker: UploadTracker;
  actor: Actor;
  request: CommitRequest;
}): Promise<string> {
  const { deps, tracker, actor, request } = options;
  const parent = parentOf(request.parent);
  await authoriseParent(deps.db, actor, 'evidence.write', parent);
  const uploadIds = request.files.map((f) => f.uploadId);
  if (new Set(uploadIds).size !== uploadIds.length) {
    throw badRequest('duplicate_upload', 'Each file must come from an upload of its own.');
  }
  const fileIds = request.files.map((f) => f.id);
  if (new Set([request.id, ...fileIds]).size !== fileIds.length + 1) {
    throw badRequest('duplicate_id', 'The item and each of its files need ids of their own.');
  }
  const uploads = new Map<string, UploadRow>();
  for (const id of uploadIds) uploads.set(id, await loadCommittable(deps, actor, id, parent));

  return withLocks(tracker, uploadIds, async () => {
    const ciphertext = new Map<string, Uint8Array>();
    for (const file of request.files) {
      const upload = uploads.get(file.uploadId);
      if (!upload) throw new Error('upload checked above');
      ciphertext.set(
        file.uploadId,
        await checkUpload(deps, tracker, upload, file.ciphertextSha256),
      );
    }
    const taken = await takenIds(deps.db, request.id, fileIds);
    if (taken.item || taken.files.length > 0) {
      throw conflict('item_exists', 'An item or file with one of these ids exists already.');
    }

    const now = deps.now();
    const blobKeys = new Map(request.files.map((f) => [f.uploadId, newBlobKey()]));
    const committed: string[] = [];
    try {
      await deps.db.transaction().execute(async (trx) => {
        await authoriseParent(trx, actor, 'evidence.write', parent);
        const locked = await lockUploads(trx, uploadIds);
        if (locked.length !== uploadIds.length) {
          throw badRequest('upload_not_found', 'An upload of this item is gone; send it again.');
        }
        await insertItem(trx, {
          id: request.id,
          organisation_id: actor.organisationId,
          incident_id: parent.type === 'incident' ? parent.id : null,
          case_id: parent.type === 'case' ? parent.id : null,
          kind: 'file',
          sealed_item_key: fromB64(request.sealedItemKey),
          sealed_meta: fromB64(request.sealedMeta),
          manifest_digest: Buffer.from(request.manifestDigest, 'hex'),
          collected_by: actor.memberId,
          collected_at: now,
          integrity_status: 'unchecked',
          integrity_checked_at: null,
        });
        const rows = request.files.map((file) => ({
          id: file.id,
          item_id: request.id,
          organisation_id: actor.organisationId,
          role: file.role,
          blob_key: blobKeys.get(file.uploadId) ?? newBlobKey(),
          sealed_file_key: fromB64(file.sealedFileKey),
          ciphertext_bytes: uploads.get(file.uploadId)?.length ?? 0,
          ciphertext_sha256: ciphertext.get(file.uploadId) ?? new Uint8Array(32),
          created_at: now,
        }));
        await insertFiles(trx, rows);
        for (const row of rows) {
          await recordCustody({
            trx,
            organisationId: actor.organisationId,
            actorMemberId: actor.memberId,
            action: 'evidence.uploaded',
            itemId: request.id,
            file: row,
            fields: { ciphertextBytes: row.ciphertext_bytes },
          });
        }
        await deleteUploads(trx, uploadIds);
        // Last, so the transaction commits only once every blob is in place.
        for (const file of request.files) {
          const key = blobKeys.get(file.uploadId);
          if (!key) throw new Error('blob key chosen above');
          await deps.blobs.commitUpload(file.uploadId, key);
          committed.push(key);
        }
      });
    } catch (error) {
      await Promise.allSettled(committed.map((key) => deps.blobs.delete(key)));
      throw error;
    }
    for (const id of uploadIds) {
      tracker.forget(id);
      // The row is gone; a leftover file would be removed by the purge job.
      await deps.blobs.discardUpload(id).catch(() => {});
    }
    return request.id;
  });
}

/** One of the actor's live uploads for this parent, else a 400 naming what is wrong. */
async function loadCommittable(
  deps: EvidenceDeps,
  actor: Actor,
  uploadId: string,
  parent: EvidenceParentRef,
): Promise<UploadRow> {
  const upload = await findUpload(deps.db, uploadId);
  if (
    !upload ||
    upload.organisation_id !== actor.organisationId ||
    upload.member_id !== actor.memberId
  ) {
    throw badRequest('upload_not_found', `The upload ${uploadId} was not found.`);
  }
  const of = parentOfRow(upload);
  if (of.type !== parent.type || of.id !== parent.id) {
    throw badRequest('upload_parent_mismatch', 'An upload was begun for another record.');
  }
  if (upload.expires_at.getTime() <= deps.now().getTime()) {
    throw new HttpError(410, 'upload_expired', 'An upload of this item expired; send it again.');
  }
  return upload;
}

/** Complete, shaped like an envelope, and hashing to what the browser sent; returns the hash. */
async function checkUpload(
  deps: EvidenceDeps,
  tracker: UploadTracker,
  upload: UploadRow,
  expectedHex: string,
): Promise<Uint8Array> {
  const size = await deps.blobs.uploadSize(upload.id);
  if (size === null) throw new Error(`upload ${upload.id} has a row but no bytes`);
  if (size !== upload.length) {
    throw conflict(
      'upload_incomplete',
      `The upload ${upload.id} holds ${size} of ${upload.length} bytes; send the rest first.`,
    );
  }
  const head = await readHead(deps, upload.id);
  if (!hasEnvelopeHead(head) || !isEnvelopeLength(upload.length)) {
    await discard(deps, tracker, upload.id);
    throw badRequest(
      'file_not_encrypted',
      `The upload ${upload.id} is not an encrypted stream envelope; it was discarded.`,
    );
  }
  const digest =
    tracker.digestOf(upload.id, upload.length) ??
    (await sha256OfStream(await deps.blobs.openUploadRead(upload.id)));
  if (Buffer.from(digest).toString('hex') !== expectedHex) {
    await discard(deps, tracker, upload.id);
    throw badRequest(
      'upload_corrupt',
      `The bytes received for upload ${upload.id} are not the ones sent (SHA-256 differs); it was discarded, send the file again.`,
    );
  }
  return digest;
}

async function readHead(deps: EvidenceDeps, uploadId: string): Promise<Uint8Array> {
  const stream = await deps.blobs.openUploadRead(uploadId);
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    parts.push(Buffer.from(chunk));
    length += chunk.byteLength;
    if (length >= 2) break;
  }
  return Buffer.concat(parts).subarray(0, 2);
}

async function discard(deps: EvidenceDeps, tracker: UploadTracker, uploadId: string) {
  await deleteUploads(deps.db, [uploadId]);
  await deps.blobs.discardUpload(uploadId);
  tracker.forget(uploadId);
}

/** Holds the append locks of every upload while `work` runs (in id order: no deadlock). */
async function withLocks<T>(
  tracker: UploadTracker,
  ids: readonly string[],
  work: () => Promise<T>,
): Promise<T> {
  const sorted = [...ids].sort();
  const step = (i: number): Promise<T> =>
    i === sorted.length ? work() : tracker.withLock(sorted[i] ?? '', () => step(i + 1));
  return step(0);
}
