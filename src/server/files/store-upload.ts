// A reporter's file, sent in plaintext by the no-JavaScript form, becomes one or two
// encrypted blobs: the working copy staff open (photos re-encoded without metadata) and,
// for photos the reporter asked to keep as evidence, the untouched original. Each blob has
// its own file key; the key and the file's metadata are sealed to the organisation, so the
// server can write them but never read them back. docs/files.md tells the whole story.
import { sealTo } from '../../common/crypto/envelope.ts';
import { fileMeta, type FileMeta } from '../../common/intake/report.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import { capBytes, readHead, requireUtf8 } from './byte-streams.ts';
import { encryptIntoBlob, type EncryptedBlob } from './encrypt-into-blob.ts';
import { encryptPhotoCopies, PHOTO_MAX_BYTES } from './encrypt-photo-copies.ts';
import { replaceExtension, sanitiseFileName } from './file-name.ts';
import { classifyUpload, HEAD_BYTES } from './file-types.ts';
import { UploadError } from './upload-error.ts';

export { discardUploads } from './discard-uploads.ts';
export { storeEncryptedUpload } from './store-encrypted-upload.ts';
export { UploadError, type UploadErrorCode } from './upload-error.ts';
export { PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS } from './encrypt-photo-copies.ts';

export interface StoredUpload {
  blobKey: string;
  role: 'working' | 'original';
  /** For an original: index (in the returned array) of its working copy; else null. */
  originalOf: number | null;
  /** sealTo(orgPublicKey, fileKey) */
  sealedFileKey: Uint8Array;
  /** sealTo(orgPublicKey, JSON.stringify(FileMeta)) */
  sealedMeta: Uint8Array;
  ciphertextBytes: number;
}

/**
 * Stores one plaintext file from the form. Returns the working copy first, then the
 * original when one was kept. Throws UploadError when the file is refused, with nothing
 * left in the blob store. On any error the caller must still drain or destroy `source`
 * (a multipart stream stalls the request until its file part is consumed).
 */
export async function storeUploadedFile(options: {
  blobs: BlobStore;
  organisationPublicKey: Uint8Array;
  /** The multipart file stream (plaintext, from the no-JavaScript form). */
  source: AsyncIterable<Uint8Array>;
  /** The file name as sent; it is sanitised before it is sealed. */
  fileName: string;
  /** The part's Content-Type as sent by the browser. */
  declaredType: string;
  /** The reporter asked to keep photo metadata as evidence. */
  keepMetadata: boolean;
  maxBytes: number;
}): Promise<StoredUpload[]> {
  const { blobs, organisationPublicKey, fileName, declaredType } = options;
  const { head, all } = await readHead(options.source, HEAD_BYTES);
  if (head.byteLength === 0) throw new UploadError('file_empty');
  const type = await classifyUpload({ head, fileName, declaredType });
  const name = sanitiseFileName(fileName);

  const seal = (
    blob: EncryptedBlob,
    metadataRemoved: boolean,
    mime: string,
    shownName = name,
  ): StoredUpload => {
    const meta: FileMeta = fileMeta.parse({
      name: shownName,
      type: mime,
      size: blob.size,
      sha256: blob.sha256,
      metadataRemoved,
    });
    return {
      blobKey: blob.blobKey,
      role: 'working',
      originalOf: null,
      sealedFileKey: sealTo(organisationPublicKey, blob.fileKey),
      sealedMeta: sealTo(organisationPublicKey, JSON.stringify(meta)),
      ciphertextBytes: blob.ciphertextBytes,
    };
  };

  if (type.photoFormat === null) {
    const plaintext = type.kind === 'text' ? requireUtf8(all) : all;
    const blob = await encryptIntoBlob({ blobs, plaintext: capBytes(plaintext, options.maxBytes) });
    return [seal(blob, false, type.mime)];
  }

  const copies = await encryptPhotoCopies({
    blobs,
    plaintext: all,
    format: type.photoFormat,
    keepOriginal: options.keepMetadata,
    maxBytes: Math.min(PHOTO_MAX_BYTES, options.maxBytes),
  });
  const workingType = `image/${type.photoFormat}`;
  // A HEIC photo's working copy is a JPEG; its name should say so.
  const workingName =
    workingType === type.mime
      ? name
      : replaceExtension(name, type.photoFormat === 'jpeg' ? 'jpg' : type.photoFormat);
  const working = seal(copies.working, true, workingType, workingName);
  if (!copies.original) return [working];
  return [working, { ...seal(copies.original, false, type.mime), role: 'original', originalOf: 0 }];
}
