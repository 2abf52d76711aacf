import type { Kysely, Transaction } from 'kysely';
import type { AppConfig } from '../../config.ts';
import type { DB } from '../../db/types.generated.ts';
import type { BlobStore } from '../../blobs/blob-store.ts';

/** What evidence use cases need from the outside world, passed explicitly. */
export interface EvidenceDeps {
  db: Kysely<DB>;
  config: AppConfig;
  /** Where ciphertext lives; resumable uploads too (blob-store.ts). */
  blobs: BlobStore;
  /** The clock; tests move it. */
  now: () => Date;
}

/** The database or an open transaction. */
export type Db = Kysely<DB> | Transaction<DB>;
