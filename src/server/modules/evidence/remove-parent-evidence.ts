// Deleting an incident or a case deletes its evidence (the rows go by cascade). These two
// steps, called by delete-incident.ts and delete-case.ts, record one `evidence.deleted`
// custody event per file inside the deleting transaction and, once it committed, remove
// the blobs and the bytes of uploads in progress for that parent.
import type { Transaction } from 'kysely';
import type { Actor } from '../../../common/policy/permissions.ts';
import type { BlobStore } from '../../blobs/blob-store.ts';
import type { DB } from '../../db/types.generated.ts';
import { listEvidenceOfParent } from './items.repository.ts';
import { recordCustody } from './record-custody.ts';
import { listUploadIdsOfParent } from './uploads.repository.ts';

export interface ParentEvidence {
  blobKeys: string[];
  uploadIds: string[];
}

/** Inside the deleting transaction: records the deletion and returns what to remove after. */
export async function collectParentEvidence(
  trx: Transaction<DB>,
  actor: Actor,
  parent: { incidentId: string } | { caseId: string },
): Promise<ParentEvidence> {
  const files = await listEvidenceOfParent(trx, parent);
  for (const file of files) {
    await recordCustody({
      trx,
      organisationId: file.organisation_id,
      actorMemberId: actor.memberId,
      action: 'evidence.deleted',
      itemId: file.item_id,
      file,
      fields: { reason: 'incidentId' in parent ? 'incident_deleted' : 'case_deleted' },
    });
  }
  return {
    blobKeys: files.map((f) => f.blob_key),
    uploadIds: await listUploadIdsOfParent(trx, parent),
  };
}

/** After the commit: removes the blobs and upload bytes (a failure is left to the logs). */
export async function removeParentEvidence(
  blobs: BlobStore | undefined,
  evidence: ParentEvidence,
): Promise<void> {
  if (!blobs) return;
  await Promise.allSettled([
    ...evidence.blobKeys.map((key) => blobs.delete(key)),
    ...evidence.uploadIds.map((id) => blobs.discardUpload(id)),
  ]);
}
