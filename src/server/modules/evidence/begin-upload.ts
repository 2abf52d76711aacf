import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { beginUpload as beginUploadSchema } from '../../../common/api/evidence.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, HttpError } from '../../http/errors.ts';
import { isEnvelopeLength } from './envelope-shape.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { authoriseParent, parentOf } from './evidence.policy.ts';
import { deleteUploads, insertUpload, type UploadRow } from './uploads.repository.ts';

/**
 * Opens a resumable upload of `length` ciphertext bytes for a file that will belong to an
 * incident or a case the actor may see (evidence.write). The length must be one a stream
 * envelope can have, and at most `config.evidence.maxFileBytes`. The row is stored first,
 * then the empty file in the blob store's upload area, so a file never exists without a
 * row for longer than it takes to remove it (the purge job relies on that).
 */
export async function beginUpload(options: {
  deps: EvidenceDeps;
  actor: Actor;
  request: z.output<typeof beginUploadSchema>;
}): Promise<UploadRow> {
  const { deps, actor, request } = options;
  const parent = parentOf(request.parent);
  await authoriseParent(deps.db, actor, 'evidence.write', parent);
  const { maxFileBytes, uploadExpiryHours } = deps.config.evidence;
  if (request.length > maxFileBytes) {
    throw new HttpError(
      413,
      'upload_too_large',
      `A file may be at most ${maxFileBytes} bytes once encrypted.`,
    );
  }
  if (!isEnvelopeLength(request.length)) {
    throw badRequest(
      'file_not_encrypted',
      'The length is not one an encrypted file (a stream envelope) can have.',
    );
  }
  const now = deps.now();
  const row: UploadRow = {
    id: randomUUID(),
    organisation_id: actor.organisationId,
    member_id: actor.memberId,
    incident_id: parent.type === 'incident' ? parent.id : null,
    case_id: parent.type === 'case' ? parent.id : null,
    length: request.length,
    created_at: now,
    expires_at: new Date(now.getTime() + uploadExpiryHours * 3_600_000),
  };
  await insertUpload(deps.db, row);
  try {
    await deps.blobs.createUpload(row.id);
  } catch (error) {
    await deleteUploads(deps.db, [row.id]);
    throw error;
  }
  return row;
}
