import type { Kysely, Transaction } from 'kysely';
import type { BlobStore } from '../../blobs/blob-store.ts';
import type { AppConfig } from '../../config.ts';
import type { DB } from '../../db/types.generated.ts';

/** What records use cases need from the outside world, passed explicitly. */
export interface RecordsDeps {
  db: Kysely<DB>;
  config: AppConfig;
  /** The clock; tests move it. */
  now: () => Date;
  /** Where evidence ciphertext lives: deleting a record removes its evidence blobs. */
  blobs?: BlobStore;
}

/** The database or an open transaction. */
export type Db = Kysely<DB> | Transaction<DB>;
