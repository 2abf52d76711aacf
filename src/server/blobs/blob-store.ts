// Where encrypted file bodies live. Only ciphertext is ever handed to a store. The
// filesystem store (fs-blob-store.ts) is the default; the interface is small enough for
// an S3-compatible store (put = multipart upload completed at the end, openRead = GET).
//
// Resumable uploads (evidence, docs/evidence/uploads.md) have an area of their own: an
// upload grows by appends at its current end, each flushed before it is acknowledged, and
// survives a restart; once whole it is committed into a blob under a fresh key. On an
// S3-compatible store an upload would be a multipart upload (append = part) and commit a
// complete-and-copy.

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

  /** Starts an empty upload named `id` (a UUID); an existing one with that id is an error. */
  createUpload(id: string): Promise<void>;
  /**
   * Appends `chunks` to an upload whose current size is `offset` (else UploadOffsetError,
   * which carries the real size). When it resolves, every byte is flushed to disk. When
   * `chunks` throws part-way (a client cut off), the bytes already written are flushed and
   * kept, and an UploadAppendError carrying the new size and the cause is thrown: the
   * client resumes from there. `onWritten` sees each chunk once it is written, in order.
   */
  appendUpload(
    id: string,
    offset: number,
    chunks: AsyncIterable<Uint8Array>,
    onWritten?: (chunk: Uint8Array) => void,
  ): Promise<{ offset: number }>;
  /** Bytes the upload holds so far, or null when there is no such upload. */
  uploadSize(id: string): Promise<number | null>;
  /** Streams an upload's bytes; rejects with BlobNotFoundError when there is no such upload. */
  openUploadRead(id: string): Promise<AsyncIterable<Uint8Array> & NodeJS.ReadableStream>;
  /**
   * Makes the upload's bytes the blob `key`, atomically: the blob appears whole or not at
   * all. The upload itself stays until discardUpload, so a caller whose database change
   * then fails can delete the blob and still have the upload.
   */
  commitUpload(id: string, key: string): Promise<void>;
  /** Removes an upload and its bytes; removing a missing one is not an error. */
  discardUpload(id: string): Promise<void>;
  /** Ids of every upload in the area (to remove those whose database row is gone). */
  listUploads(): Promise<string[]>;
}

/** An append named an offset that is not where the upload ends. */
export class UploadOffsetError extends Error {
  /** Where the upload really ends: the next append starts here. */
  readonly actual: number;
  constructor(expected: number, actual: number) {
    super(`upload offset is ${actual}, not ${expected}`);
    this.name = 'UploadOffsetError';
    this.actual = actual;
  }
}

/** The bytes of an append stopped coming part-way; what arrived is kept. */
export class UploadAppendError extends Error {
  /** The upload's size after keeping what arrived. */
  readonly offset: number;
  constructor(offset: number, cause: unknown) {
    super(
      `append stopped at ${offset}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'UploadAppendError';
    this.offset = offset;
  }
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
