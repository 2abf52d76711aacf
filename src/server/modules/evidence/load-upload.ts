import type { Actor } from '../../../common/policy/permissions.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import type { Db } from './evidence.deps.ts';
import { authoriseEvidence } from './evidence.policy.ts';
import { findUpload, type UploadRow } from './uploads.repository.ts';

/**
 * An upload of the actor's own (uploads belong to the member who began them; anyone
 * else, in this organisation or another, gets the same 404 as for an unknown id). An
 * expired one answers 410 `upload_expired`: its bytes are about to be removed.
 */
export async function loadOwnUpload(
  db: Db,
  actor: Actor,
  uploadId: string,
  now: Date,
): Promise<UploadRow> {
  authoriseEvidence(actor, 'evidence.write');
  const upload = await findUpload(db, uploadId);
  if (
    !upload ||
    upload.organisation_id !== actor.organisationId ||
    upload.member_id !== actor.memberId
  ) {
    throw notFound('The upload');
  }
  if (upload.expires_at.getTime() <= now.getTime()) {
    throw new HttpError(410, 'upload_expired', 'This upload expired; start it again.');
  }
  return upload;
}
