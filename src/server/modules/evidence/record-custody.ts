// Every custody event is an audit event about the item (object type `evidence_item`),
// written inside the transaction of what it records. Where a file is involved it names
// the file, its role and the SHA-256 of its stored ciphertext. Plaintext hashes never go
// here: they would let whoever seizes the server confirm which known files it holds.
import type { Transaction } from 'kysely';
import type { CustodyAction } from '../../../common/evidence/vocabulary.ts';
import type { DB, JsonValue } from '../../db/types.generated.ts';
import { recordEvent } from '../audit/record-event.ts';

export interface CustodyFile {
  id: string;
  role: string;
  ciphertext_sha256: Uint8Array;
}

export async function recordCustody(options: {
  trx: Transaction<DB>;
  organisationId: string;
  /** Null for the server's own checks (the integrity job). */
  actorMemberId: string | null;
  action: CustodyAction;
  itemId: string;
  file?: CustodyFile;
  /** Other fields: purpose, result, failures, package digest… never sealed content. */
  fields?: Record<string, JsonValue>;
}): Promise<void> {
  const { file } = options;
  await recordEvent({
    trx: options.trx,
    organisationId: options.organisationId,
    actorMemberId: options.actorMemberId,
    action: options.action,
    objectType: 'evidence_item',
    objectId: options.itemId,
    fields: {
      ...(file && {
        fileId: file.id,
        role: file.role,
        ciphertextSha256: Buffer.from(file.ciphertext_sha256).toString('hex'),
      }),
      ...options.fields,
    },
  });
}
