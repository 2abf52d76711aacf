// Uploading one file as an evidence item, entirely in this tab: the type from the content,
// a working copy and thumbnail for JPEG/PNG/WebP, each file stream-encrypted under its own
// key while its plaintext is hashed and sent in resumable segments, the salted hash
// manifest, the sealed meta, the commit, and then a trusted timestamp when the
// organisation has an authority. The server receives ciphertext, sealed keys and the
// manifest digest only.
import { randomBytes, sodium, toB64, toHex } from '../../../common/crypto/index.ts';
import { cleanFileName } from '../../../common/evidence/file-name.ts';
import {
  encodeHashManifest,
  HASH_MANIFEST_FORMAT,
  hashManifestDigest,
  type HashManifest,
} from '../../../common/evidence/hash-manifest.ts';
import {
  generateFileKey,
  generateItemKey,
  sealFileKey,
  sealItemKey,
  sealItemMeta,
  type SealedFileInfo,
  type SealedItemMeta,
} from '../../../common/evidence/item-crypto.ts';
import { encryptAndUploadFile, requestJson } from '../../../common/evidence/upload-client.ts';
import type { UploadFileRole } from '../../../common/evidence/vocabulary.ts';
import { newId } from '../records/sealed-fields.ts';
import { evidenceApi, type EvidenceItem, type EvidenceParent } from './api.ts';
import { WORKING_COPY_TYPES, type Detection } from './detect.ts';
import { makeWorkingCopies, WorkingCopyNotMade } from './working-copy.ts';

export interface UploadRequest {
  file: File;
  detection: Detection;
  title: string;
  description: string;
  /** ISO date, or null when unknown. */
  obtainedAt: string | null;
  parent: EvidenceParent;
  /** The parent's record key, opened in this tab; not wiped here. */
  recordKey: Uint8Array;
}

export type UploadStage = 'preparing' | 'uploading' | 'committing' | 'timestamping';

export interface UploadProgress {
  stage: UploadStage;
  /** Plaintext bytes encrypted and acknowledged by the server so far, over all files. */
  sent: number;
  total: number;
  /** The upload is waiting to retry after a broken connection. */
  retrying: boolean;
}

export interface UploadResult {
  item: EvidenceItem;
  /** Why no working copy was made for an image (e.g. the canvas is altered by the browser). */
  workingCopySkipped: string | null;
  timestamp: 'stamped' | 'failed' | 'none';
}

interface PlannedFile {
  role: UploadFileRole;
  blob: Blob;
  mediaType: string;
  width?: number;
  height?: number;
}

/**
 * Images larger than this are stored without a working copy: decoding one would need more
 * memory than a cheap phone has (the original is stored all the same).
 */
export const MAX_WORKING_COPY_SOURCE_BYTES = 64 * 1024 * 1024;

/** Originals and copies, in the order they are uploaded. */
async function planFiles(
  file: File,
  mediaType: string,
): Promise<{ files: PlannedFile[]; skipped: string | null }> {
  const original: PlannedFile = { role: 'original', blob: file, mediaType };
  if (!WORKING_COPY_TYPES.has(mediaType)) return { files: [original], skipped: null };
  if (file.size > MAX_WORKING_COPY_SOURCE_BYTES)
    return { files: [original], skipped: 'image too large to decode here' };
  try {
    const copies = await makeWorkingCopies(file, mediaType);
    return {
      files: [
        { ...original, width: copies.working.width, height: copies.working.height },
        { role: 'working', ...copiesOf(copies.working) },
        { role: 'thumbnail', ...copiesOf(copies.thumbnail) },
      ],
      skipped: null,
    };
  } catch (error) {
    if (error instanceof WorkingCopyNotMade) return { files: [original], skipped: error.reason };
    throw error;
  }
}

function copiesOf(copy: { blob: Blob; mediaType: string; width: number; height: number }) {
  return { blob: copy.blob, mediaType: copy.mediaType, width: copy.width, height: copy.height };
}

export async function uploadEvidenceFile(
  request: UploadRequest,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<UploadResult> {
  const { file, detection, parent, recordKey } = request;
  onProgress({ stage: 'preparing', sent: 0, total: file.size, retrying: false });
  signal?.throwIfAborted();
  const { files: planned, skipped } = await planFiles(file, detection.mediaType);
  const total = planned.reduce((n, f) => n + f.blob.size, 0);
  const itemId = newId();
  const itemKey = generateItemKey();
  const committed: {
    id: string;
    uploadId: string;
    role: UploadFileRole;
    sealedFileKey: string;
    ciphertextSha256: string;
  }[] = [];
  let stored = false;
  try {
    const infos: SealedFileInfo[] = [];
    let done = 0;
    for (const part of planned) {
      const fileId = newId();
      const fileKey = generateFileKey();
      try {
        const uploaded = await encryptAndUploadFile({
          source: part.blob,
          fileKey,
          parent,
          signal,
          onProgress: (p) =>
            onProgress({
              stage: 'uploading',
              sent: done + p.plaintextBytes,
              total,
              retrying: p.retrying,
            }),
        });
        committed.push({
          id: fileId,
          uploadId: uploaded.uploadId,
          role: part.role,
          sealedFileKey: toB64(sealFileKey(itemKey, fileId, fileKey)),
          ciphertextSha256: uploaded.ciphertextSha256,
        });
        infos.push({
          fileId,
          role: part.role,
          sha256: uploaded.plaintextSha256,
          size: uploaded.plaintextBytes,
          mediaType: part.mediaType,
          ...(part.width !== undefined && { width: part.width }),
          ...(part.height !== undefined && { height: part.height }),
        });
      } finally {
        sodium().memzero(fileKey);
      }
      done += part.blob.size;
    }
    onProgress({ stage: 'committing', sent: total, total, retrying: false });
    const manifest: HashManifest = {
      format: HASH_MANIFEST_FORMAT,
      itemId,
      kind: 'file',
      salt: toHex(randomBytes(32)),
      files: infos.map((f) => ({
        role: f.role,
        sha256: f.sha256,
        size: f.size,
        mediaType: f.mediaType,
      })),
      ...(planned.length > 1 && { derivedFrom: 'original' as const }),
    };
    const manifestBytes = encodeHashManifest(manifest);
    const manifestDigest = toHex(hashManifestDigest(manifestBytes));
    const meta: SealedItemMeta = {
      title: request.title.trim().slice(0, 500),
      description: request.description.trim().slice(0, 20_000),
      originalName: cleanFileName(file.name),
      declaredType: detection.declaredType.slice(0, 255),
      typeMismatch: detection.mismatch,
      obtainedAt: request.obtainedAt,
      files: infos,
      hashManifest: new TextDecoder().decode(manifestBytes),
    };
    const item = await evidenceApi.commit({
      id: itemId,
      parent,
      sealedItemKey: toB64(sealItemKey(recordKey, itemId, itemKey)),
      sealedMeta: toB64(sealItemMeta(itemKey, itemId, meta)),
      manifestDigest,
      files: committed,
    });
    stored = true;
    onProgress({ stage: 'timestamping', sent: total, total, retrying: false });
    const timestamp = await requestTimestampIfConfigured(item.id, manifestDigest);
    return { item, workingCopySkipped: skipped, timestamp };
  } finally {
    sodium().memzero(itemKey);
    // Stopped or failed before the commit: the files already sent are not left waiting
    // on the server for their expiry (best effort; they are ciphertext either way).
    if (!stored) {
      for (const file of committed)
        await requestJson({}, 'DELETE', `/api/evidence/uploads/${file.uploadId}`).catch(() => null);
    }
  }
}

/**
 * Asks the server to have the manifest digest stamped when a timestamp authority is
 * configured. A failure here does not undo the upload: the server retries in the background.
 */
export async function requestTimestampIfConfigured(
  itemId: string,
  digest: string,
): Promise<'stamped' | 'failed' | 'none'> {
  try {
    const authority = await evidenceApi.timestampAuthority();
    if (!authority.configured) return 'none';
    const answer = await evidenceApi.requestTimestamp(itemId, digest);
    return 'pending' in answer ? 'failed' : 'stamped';
  } catch {
    return 'failed';
  }
}
