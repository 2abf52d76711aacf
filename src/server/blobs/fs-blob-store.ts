// The default blob store: files under <data>/blobs, two levels of fan-out by key prefix.
// A blob is written to a uniquely named file in the store's own .partial folder (never
// the OS temp folder), flushed, then renamed into place, so a crash or an aborted upload
// leaves no blob visible under its key; start-up clears stale partial files.
//
// Resumable uploads live in <root>/.uploads/<upload id>, one file each, kept across
// restarts (only ciphertext is ever appended there). An append writes at the file's end
// and fsyncs before it returns, so an acknowledged offset is on disk; committing hard-links
// the file into place under its blob key, which is atomic on one filesystem.
import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  BlobNotFoundError,
  UploadAppendError,
  UploadOffsetError,
  type BlobStore,
} from './blob-store.ts';

const KEY = /^[a-z0-9]{16,64}$/;
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Chunks are gathered up to this many bytes and written with one writev call. */
const WRITE_BATCH_BYTES = 1024 * 1024;

export class FsBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Creates the folders and removes partial files an interrupted write left behind. */
  async init(): Promise<this> {
    await mkdir(this.uploadDir(), { recursive: true, mode: 0o700 });
    await mkdir(this.partialDir(), { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.partialDir())) {
      await rm(path.join(this.partialDir(), name), { force: true });
    }
    return this;
  }

  async put(key: string, chunks: AsyncIterable<Uint8Array>): Promise<{ bytes: number }> {
    const target = this.pathOf(key);
    const partial = path.join(this.partialDir(), `${key}.${crypto.randomUUID()}`);
    const handle = await open(partial, 'wx', 0o600);
    let bytes = 0;
    let closed = false;
    try {
      for await (const chunk of chunks) {
        await handle.write(chunk);
        bytes += chunk.byteLength;
      }
      await handle.sync();
      closed = true;
      await handle.close();
      // Inside the try: a failed rename must not leave the partial file behind either.
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await rename(partial, target);
    } catch (error) {
      if (!closed) await handle.close().catch(() => {});
      await rm(partial, { force: true });
      throw error;
    }
    return { bytes };
  }

  async openRead(key: string) {
    const file = this.pathOf(key);
    try {
      await stat(file);
    } catch {
      throw new BlobNotFoundError(key);
    }
    return createReadStream(file, { highWaterMark: 64 * 1024 });
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async size(key: string): Promise<number | null> {
    // A malformed key is a caller's bug, reported as such rather than as "no such blob".
    const file = this.pathOf(key);
    try {
      return (await stat(file)).size;
    } catch {
      return null;
    }
  }

  async createUpload(id: string): Promise<void> {
    const handle = await open(this.uploadPath(id), 'wx', 0o600);
    await handle.close();
    await syncDir(this.uploadDir());
  }

  async appendUpload(
    id: string,
    offset: number,
    chunks: AsyncIterable<Uint8Array>,
    onWritten?: (chunk: Uint8Array) => void,
  ): Promise<{ offset: number }> {
    let handle: FileHandle;
    try {
      handle = await open(this.uploadPath(id), 'r+');
    } catch {
      throw new BlobNotFoundError(`upload ${id}`);
    }
    try {
      const size = (await handle.stat()).size;
      if (size !== offset) throw new UploadOffsetError(offset, size);
      let position = offset;
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      const flushBatch = async () => {
        if (batchBytes === 0) return;
        try {
          let written = 0;
          // writev may write less than asked (a signal, a full pipe on odd filesystems).
          while (written < batchBytes) {
            const { bytesWritten } = await handle.writev(
              remaining(batch, written),
              position + written,
            );
            if (bytesWritten === 0) throw new Error('the disk accepted no more bytes');
            written += bytesWritten;
          }
        } catch (error) {
          // A half-written batch is cut off again: the upload ends at the last whole batch.
          await handle.truncate(position);
          throw error;
        }
        position += batchBytes;
        if (onWritten) for (const chunk of batch) onWritten(chunk);
        batch = [];
        batchBytes = 0;
      };
      let cause: unknown;
      try {
        for await (const chunk of chunks) {
          if (chunk.byteLength === 0) continue;
          batch.push(chunk);
          batchBytes += chunk.byteLength;
          if (batchBytes >= WRITE_BATCH_BYTES) await flushBatch();
        }
        await flushBatch();
      } catch (error) {
        cause = error;
        // The chunks that did arrive are whole and in order: keep them.
        await flushBatch().catch(() => {});
      }
      // fdatasync: the bytes and the new size, without the file's other metadata.
      await handle.datasync();
      if (cause !== undefined) throw new UploadAppendError(position, cause);
      return { offset: position };
    } finally {
      await handle.close().catch(() => {});
    }
  }

  async uploadSize(id: string): Promise<number | null> {
    const file = this.uploadPath(id);
    try {
      return (await stat(file)).size;
    } catch {
      return null;
    }
  }

  async openUploadRead(id: string) {
    const file = this.uploadPath(id);
    try {
      await stat(file);
    } catch {
      throw new BlobNotFoundError(`upload ${id}`);
    }
    return createReadStream(file, { highWaterMark: 1024 * 1024 });
  }

  async commitUpload(id: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // A second name for the same flushed file: it appears whole or not at all.
    await link(this.uploadPath(id), target);
    await syncDir(path.dirname(target));
  }

  async discardUpload(id: string): Promise<void> {
    await rm(this.uploadPath(id), { force: true });
  }

  async listUploads(): Promise<string[]> {
    return (await readdir(this.uploadDir())).filter((name) => UPLOAD_ID.test(name));
  }

  private uploadDir(): string {
    return path.join(this.root, '.uploads');
  }

  private uploadPath(id: string): string {
    if (!UPLOAD_ID.test(id)) throw new Error('an upload id is a lowercase UUID');
    return path.join(this.uploadDir(), id);
  }

  private partialDir(): string {
    return path.join(this.root, '.partial');
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('a blob key is 16 to 64 lowercase letters and digits');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

/** The buffers of `batch` from byte `skip` on, without copying. */
function remaining(batch: Uint8Array[], skip: number): Uint8Array[] {
  if (skip === 0) return batch;
  const out: Uint8Array[] = [];
  let left = skip;
  for (const chunk of batch) {
    if (left >= chunk.byteLength) {
      left -= chunk.byteLength;
      continue;
    }
    out.push(left > 0 ? chunk.subarray(left) : chunk);
    left = 0;
  }
  return out;
}

/** Flushes a folder's entries, so a new or renamed name survives a power cut. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
