import type { Kysely, Transaction } from 'kysely';
import type { AppConfig } from '../../config.ts';
import type { DB } from '../../db/types.generated.ts';

/** What records use cases need from the outside world, passed explicitly. */
export interface RecordsDeps {
  db: Kysely<DB>;
  config: AppConfig;
  /** The clock; tests move it. */
  now: () => Date;
}

/** The database or an open transaction. */
export type Db = Kysely<DB> | Transaction<DB>;
