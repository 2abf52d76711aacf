import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';

/** What monitoring use cases need from the outside world, passed explicitly. */
export interface MonitoringDeps {
  db: Kysely<DB>;
  /** The clock; tests move it. */
  now: () => Date;
}

/** The database or an open transaction. */
export type Db = Kysely<DB> | Transaction<DB>;
