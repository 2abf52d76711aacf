import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';

/** A real filesystem blob store in a fresh folder; dispose() removes the folder. */
export async function tempBlobStore(): Promise<FsBlobStore & { dispose(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'qorgan-blobs-'));
  const store = await new FsBlobStore(root).init();
  return Object.assign(store, { dispose: () => rm(root, { recursive: true, force: true }) });
}
