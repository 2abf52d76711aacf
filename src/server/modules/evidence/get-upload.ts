import type { Actor } from '../../../common/policy/permissions.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { loadOwnUpload } from './load-upload.ts';
import type { UploadTracker } from './upload-tracker.ts';
import type { UploadRow } from './uploads.repository.ts';

/**
 * How much of an upload arrived and is on disk: where the next append starts. Waits for
 * an append in progress to end first, so a client resuming after a cut connection is
 * told the offset the server really kept.
 */
export async function getUpload(options: {
  deps: EvidenceDeps;
  tracker: UploadTracker;
  actor: Actor;
  uploadId: string;
}): Promise<{ upload: UploadRow; offset: number }> {
  const { deps, tracker, actor, uploadId } = options;
  const upload = await loadOwnUpload(deps.db, actor, uploadId, deps.now());
  const offset = await tracker.withLock(upload.id, async () => deps.blobs.uploadSize(upload.id));
  if (offset === null) throw new Error(`upload ${upload.id} has a row but no bytes`);
  return { upload, offset };
}
