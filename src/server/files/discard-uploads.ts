// Removes blobs stored for a submission that was then refused (another file failed, the
// form had errors, the database write failed), so no orphaned ciphertext stays on disk.
import type { BlobStore } from '../blobs/blob-store.ts';

/** Deletes every blob, trying all of them even when one fails; missing blobs are fine. */
export async function discardUploads(blobs: BlobStore, blobKeys: string[]): Promise<void> {
  const results = await Promise.allSettled(blobKeys.map((key) => blobs.delete(key)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length > 0) throw new AggregateError(failures, 'some uploads could not be removed');
}
