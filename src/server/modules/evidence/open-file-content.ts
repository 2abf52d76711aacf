import { Readable } from 'node:stream';
import type { AccessPurpose } from '../../../common/evidence/vocabulary.ts';
import { ACCESS_ACTION } from '../../../common/evidence/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { authoriseUnderParent } from './evidence.policy.ts';
import { findFileWithItem } from './items.repository.ts';
import { recordCustody } from './record-custody.ts';

export interface OpenedEvidenceFile {
  /** Size of the stored ciphertext in bytes. */
  bytes: number;
  /** The ciphertext, streamed from the blob store; empty when only the size was asked for. */
  body: NodeJS.ReadableStream;
}

/**
 * The stored ciphertext of one evidence file, streamed from the blob store (evidence.read
 * on an item under a parent the actor may see); the browser opens it with the file key.
 * Each fetch is a custody event of its own, named by the purpose (view, download, export,
 * verify), written before the first byte leaves. A HEAD request (`withBody: false`)
 * learns only the size, which the item already shows, and is not recorded.
 */
export async function openFileContent(options: {
  deps: EvidenceDeps;
  actor: Actor;
  fileId: string;
  purpose: AccessPurpose;
  withBody: boolean;
}): Promise<OpenedEvidenceFile> {
  const { deps, actor, fileId, purpose } = options;
  const file = await authoriseUnderParent(
    deps.db,
    actor,
    'evidence.read',
    await findFileWithItem(deps.db, fileId),
    'The file',
  );
  const bytes = await deps.blobs.size(file.blob_key);
  // A row without its blob is damage to the store (the integrity job flags it): a 500.
  if (bytes === null) throw new Error(`evidence file ${file.id} has no blob in the store`);
  if (!options.withBody) return { bytes, body: Readable.from([]) };

  const body = await deps.blobs.openRead(file.blob_key);
  try {
    await deps.db.transaction().execute((trx) =>
      recordCustody({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: ACCESS_ACTION[purpose],
        itemId: file.item_id,
        file,
        fields: { purpose },
      }),
    );
  } catch (error) {
    // Nothing leaves unless the fetch was recorded.
    if ('destroy' in body && typeof body.destroy === 'function') body.destroy();
    throw error;
  }
  return { bytes, body };
}
