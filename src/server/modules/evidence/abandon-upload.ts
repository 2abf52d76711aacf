import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { authoriseEvidence } from './evidence.policy.ts';
import type { UploadTracker } from './upload-tracker.ts';
import { deleteUploads, findUpload } from './uploads.repository.ts';

/** Abandons one of the actor's uploads (expired ones too): the row and the bytes go. */
export async function abandonUpload(options: {
  deps: EvidenceDeps;
  tracker: UploadTracker;
  actor: Actor;
  uploadId: string;
}): Promise<void> {
  const { deps, tracker, actor, uploadId } = options;
  authoriseEvidence(actor, 'evidence.write');
  const upload = await findUpload(deps.db, uploadId);
  if (
    !upload ||
    upload.organisation_id !== actor.organisationId ||
    upload.member_id !== actor.memberId
  ) {
    throw notFound('The upload');
  }
  await tracker.withLock(upload.id, async () => {
    await deleteUploads(deps.db, [upload.id]);
    await deps.blobs.discardUpload(upload.id);
    tracker.forget(upload.id);
  });
}
