// Where encrypted file bodies live. Only ciphertext is ever handed to a store. The
// filesystem store (fs-blob-store.ts) is the default; the interface is small enough for
// an S3-compatible store (put = multipart upload completed at the end, openRead = GET).

export interface BlobStore {
  /**
   * Writes a new blob from ciphertext chunks. The blob becomes visible under `key` only
   * when every chunk is written and flushed; if `chunks` throws, nothing is left behind.
   * Returns the number of bytes written.
   */
  put(key: string, chunks: AsyncIterable<Uint8Array>): Promise<{ bytes: number }>;
  /** Streams a blob's bytes; rejects with BlobNotFoundError when it does not exist. */
  openRead(key: string): Promise<AsyncIterable<Uint8Array> & NodeJS.ReadableStream>;
  /** Removes a blob; removing a missing blob is not an error. */
  delete(key: string): Promise<void>;
  /** Size in bytes, or null when the blob does not exist. */
  size(key: string): Promise<number | null>;
}

export class BlobNotFoundError extends Error {
  constructor(key: string) {
    super(`no blob ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

/** A fresh random blob key: 32 lowercase hex characters. */
export function newBlobKey(): string {
  return crypto.randomUUID().replaceAll('-', '');
}
