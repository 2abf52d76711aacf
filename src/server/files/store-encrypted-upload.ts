// A file the reporter's browser already encrypted (JavaScript on): the server cannot read
// it, so it checks only that it is shaped like a stream envelope and stores it as sent.
// The browser sends the file key and metadata sealed to the organisation beside it.
import { ALG_STREAM, FORMAT_VERSION } from '../../common/crypto/envelope.ts';
import {
  CHUNK_BYTES,
  ENCRYPTED_CHUNK_BYTES,
  STREAM_HEADER_BYTES,
} from '../../common/crypto/stream.ts';
import { newBlobKey, type BlobStore } from '../blobs/blob-store.ts';
import { capBytes, readHead } from './byte-streams.ts';
import { UploadError } from './upload-error.ts';

/** Authentication tag and stream tag of each encrypted chunk. */
const CHUNK_OVERHEAD = ENCRYPTED_CHUNK_BYTES - CHUNK_BYTES;

/** The largest envelope of a plaintext of `maxBytes`, allowing an empty final chunk. */
export function maxEnvelopeBytes(maxBytes: number): number {
  return STREAM_HEADER_BYTES + maxBytes + (Math.ceil(maxBytes / CHUNK_BYTES) + 1) * CHUNK_OVERHEAD;
}

/**
 * Stores a browser-encrypted file. Throws UploadError 'file_not_encrypted' when it does not
 * start with a stream envelope header or cannot be a whole envelope, 'file_too_large' past
 * `maxBytes` of plaintext; nothing is left in the store then.
 */
export async function storeEncryptedUpload(options: {
  blobs: BlobStore;
  /** The envelope bytes as sent. */
  source: AsyncIterable<Uint8Array>;
  /** The plaintext size limit; the per-chunk overhead is added to it. */
  maxBytes: number;
}): Promise<{ blobKey: string; ciphertextBytes: number }> {
  const { head, all } = await readHead(options.source, STREAM_HEADER_BYTES);
  if (
    head.byteLength < STREAM_HEADER_BYTES ||
    head[0] !== FORMAT_VERSION ||
    head[1] !== ALG_STREAM
  ) {
    throw new UploadError('file_not_encrypted');
  }
  const limit = maxEnvelopeBytes(options.maxBytes);
  const blobKey = newBlobKey();
  const { bytes } = await options.blobs.put(blobKey, checkEnvelopeLength(capBytes(all, limit)));
  return { blobKey, ciphertextBytes: bytes };
}

/**
 * Every chunk but the last is exactly ENCRYPTED_CHUNK_BYTES and the last holds at least
 * its overhead, so a body whose length cannot be cut that way was never a whole envelope.
 * Checked at the end, before the store makes the blob visible.
 */
async function* checkEnvelopeLength(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    yield chunk;
  }
  const body = total - STREAM_HEADER_BYTES;
  const lastChunk = body % ENCRYPTED_CHUNK_BYTES;
  if (body <= 0 || (lastChunk > 0 && lastChunk < CHUNK_OVERHEAD)) {
    throw new UploadError('file_not_encrypted');
  }
}
