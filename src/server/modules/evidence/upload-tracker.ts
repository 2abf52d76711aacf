// What this process knows about uploads beyond the disk: which one is being appended to
// right now (one append at a time per upload), and the SHA-256 of the ciphertext so far,
// computed while it was written, so a commit need not read a large file again.
//
// The hash is trusted only while it covers exactly the bytes on disk: an append checks
// that the hash's offset equals the upload's size before extending it, and anything else
// (a restart, another process appending, a gap) drops it; the commit then re-reads the
// file. Bounded: past MAX_TRACKED uploads the oldest hash is forgotten (and re-read).
import { createHash, type Hash } from 'node:crypto';
import { conflict } from '../../http/errors.ts';

const MAX_TRACKED = 10_000;

interface Tracked {
  /** Bytes the hash covers. */
  offset: number;
  hash: Hash | null;
  /** Set when the upload reached its length: the final digest. */
  digest: Uint8Array | null;
}

export class UploadTracker {
  private readonly hashes = new Map<string, Tracked>();
  private readonly locks = new Map<string, Promise<void>>();

  /**
   * Runs `work` while holding the upload's append lock. A second append waits up to
   * `waitMs` for the first (a client that resumes before the server noticed the old
   * connection broke), then is refused with 409 `upload_busy`.
   */
  async withLock<T>(id: string, work: () => Promise<T>, waitMs = 10_000): Promise<T> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const held = this.locks.get(id);
      if (!held) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw conflict('upload_busy', 'Another request is appending to this upload; retry soon.');
      }
      await Promise.race([held, new Promise((resolve) => setTimeout(resolve, left))]);
    }
    let release!: () => void;
    this.locks.set(
      id,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    try {
      return await work();
    } finally {
      this.locks.delete(id);
      release();
    }
  }

  /**
   * The running hash to extend with bytes appended at `offset`: the tracked one when it
   * covers exactly `offset` bytes, a new one at offset 0, otherwise none (re-read later).
   */
  hasherAt(
    id: string,
    offset: number,
  ): { update(chunk: Uint8Array): void; offset(): number } | null {
    let tracked = this.hashes.get(id);
    if (!tracked || tracked.offset !== offset || tracked.digest) {
      this.hashes.delete(id);
      if (offset !== 0) return null;
      tracked = { offset: 0, hash: createHash('sha256'), digest: null };
      this.remember(id, tracked);
    }
    const current = tracked;
    return {
      update(chunk) {
        current.hash?.update(chunk);
        current.offset += chunk.byteLength;
      },
      offset: () => current.offset,
    };
  }

  /** Freezes the hash once the upload is whole (`length` bytes). */
  finish(id: string, length: number): void {
    const tracked = this.hashes.get(id);
    if (!tracked || tracked.digest) return;
    if (tracked.offset !== length || !tracked.hash) {
      this.hashes.delete(id);
      return;
    }
    tracked.digest = new Uint8Array(tracked.hash.digest());
    tracked.hash = null;
  }

  /** The digest of a whole upload of `length` bytes, if this process saw every byte. */
  digestOf(id: string, length: number): Uint8Array | null {
    const tracked = this.hashes.get(id);
    return tracked?.digest && tracked.offset === length ? tracked.digest : null;
  }

  forget(id: string): void {
    this.hashes.delete(id);
  }

  private remember(id: string, tracked: Tracked): void {
    if (this.hashes.size >= MAX_TRACKED) {
      const oldest = this.hashes.keys().next().value;
      if (oldest !== undefined) this.hashes.delete(oldest);
    }
    this.hashes.set(id, tracked);
  }
}
