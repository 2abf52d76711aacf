// Encrypts a plaintext stream under a fresh file key, straight into the blob store: the
// plaintext only ever exists one CHUNK_BYTES piece at a time, in memory.
import { generateSymmetricKey } from '../../common/crypto/envelope.ts';
import { toHex } from '../../common/crypto/encoding.ts';
import { createStreamEncryptor } from '../../common/crypto/stream.ts';
import { newBlobKey, type BlobStore } from '../blobs/blob-store.ts';
import { rechunk } from './byte-streams.ts';

export interface EncryptedBlob {
  blobKey: string;
  fileKey: Uint8Array;
  ciphertextBytes: number;
  /** Plaintext size in bytes. */
  size: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
}

/**
 * Writes `plaintext` as a stream envelope under a new blob key. When `plaintext` throws,
 * the store removes its partial file and the error is passed on.
 */
export async function encryptIntoBlob(options: {
  blobs: BlobStore;
  plaintext: AsyncIterable<Uint8Array>;
}): Promise<EncryptedBlob> {
  const fileKey = generateSymmetricKey();
  const encryptor = createStreamEncryptor(fileKey);
  let size = 0;
  async function* envelope(): AsyncGenerator<Uint8Array> {
    yield encryptor.header;
    for await (const piece of rechunk(options.plaintext)) {
      size += piece.bytes.byteLength;
      yield encryptor.push(piece.bytes, piece.final);
    }
  }
  const blobKey = newBlobKey();
  const { bytes } = await options.blobs.put(blobKey, envelope());
  return { blobKey, fileKey, ciphertextBytes: bytes, size, sha256: toHex(encryptor.sha256()) };
}
