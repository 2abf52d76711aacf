import type { Kysely } from 'kysely';
import type { BlobStore } from '../../blobs/blob-store.ts';
import type { AppConfig } from '../../config.ts';
import type { DB } from '../../db/types.generated.ts';

/** What cases use cases need from the outside world, passed explicitly. */
export interface CasesDeps {
  db: Kysely<DB>;
  config: AppConfig;
  /** The clock; tests move it. */
  now: () => Date;
  /** Where evidence ciphertext lives: deleting a record removes its evidence blobs. */
  blobs?: BlobStore;
}
