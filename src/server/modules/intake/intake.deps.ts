import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config.ts';
import type { BlobStore } from '../../blobs/blob-store.ts';
import type { DB } from '../../db/types.generated.ts';
import type { InstanceSecrets } from '../../secrets.ts';

/** What intake use cases need from the outside world, passed explicitly. */
export interface IntakeDeps {
  db: Kysely<DB>;
  blobs: BlobStore;
  secrets: InstanceSecrets;
  config: AppConfig;
  /** The clock; tests move it to check expiry. */
  now: () => Date;
}
