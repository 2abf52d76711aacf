import type { Kysely } from 'kysely';
import type { AppConfig } from '../../config.ts';
import type { DB } from '../../db/types.generated.ts';
import type { InstanceSecrets } from '../../secrets.ts';

/** What accounts use cases need from the outside world, passed explicitly. */
export interface AccountsDeps {
  db: Kysely<DB>;
  secrets: InstanceSecrets;
  config: AppConfig;
  /** The clock; tests move it to check expiry. */
  now: () => Date;
}
