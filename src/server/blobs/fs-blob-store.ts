// The default blob store: files under <data>/blobs, two levels of fan-out by key prefix.
// A blob is written to a uniquely named file in the store's own .partial folder (never
// the OS temp folder), flushed, then renamed into place, so a crash or an aborted upload
// leaves no blob visible under its key; start-up clears stale partial files.
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { BlobNotFoundError, type BlobStore } from './blob-store.ts';

const KEY = /^[a-z0-9]{16,64}$/;

export class FsBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Creates the folders and removes partial files an interrupted write left behind. */
  async init(): Promise<this> {
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

  private partialDir(): string {
    return path.join(this.root, '.partial');
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('a blob key is 16 to 64 lowercase letters and digits');
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}
