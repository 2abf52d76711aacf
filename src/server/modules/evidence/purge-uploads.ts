import type { Kysely } from 'kysely';
import type { BlobStore } from '../../blobs/blob-store.ts';
import type { DB } from '../../db/types.generated.ts';
import { deleteExpiredUploads, existingUploadIds } from './uploads.repository.ts';

/**
 * Removes uploads that expired (their rows, then their bytes) and bytes in the upload
 * area whose row is gone (a commit that stopped before discarding them, a parent deleted
 * meanwhile). A file never exists without its row while the upload is live: the row is
 * written first (begin-upload.ts), so removing such files cannot cut a live upload.
 */
export async function purgeUploads(options: {
  db: Kysely<DB>;
  blobs: BlobStore;
  now: Date;
}): Promise<{ expired: number; orphans: number }> {
  let expired = 0;
  for (;;) {
    const ids = await deleteExpiredUploads(options.db, options.now, 500);
    for (const id of ids) await options.blobs.discardUpload(id);
    expired += ids.length;
    if (ids.length < 500) break;
  }
  let orphans = 0;
  const files = await options.blobs.listUploads();
  for (let i = 0; i < files.length; i += 500) {
    const batch = files.slice(i, i + 500);
    const live = await existingUploadIds(options.db, batch);
    for (const id of batch) {
      if (live.has(id)) continue;
      await options.blobs.discardUpload(id);
      orphans += 1;
    }
  }
  return { expired, orphans };
}
