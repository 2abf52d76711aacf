import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/types.generated.ts';
import { sendNotificationEmail } from '../../../jobs/definitions/send-notification-email.ts';
import { enqueue } from '../../../jobs/enqueue.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { insertNotifications, listNotificationReaders } from './notifications.repository.ts';
import { READER_ROLES } from './staff.policy.ts';

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
 *
 * An e-mail goes out only when the member had nothing unread: it says "there is something
 * new", and until they have looked, a second one would add nothing but another trace in
 * their inbox (and a measure of how busy the organisation is).
 */
export async function notifyOrganisation(options: NotifyOrganisationOptions): Promise<void> {
  const { trx, deps, organisationId, reportId, kind } = options;
  const now = deps.now();
  const readers = await listNotificationReaders(trx, organisationId, READER_ROLES);
  await insertNotifications(
    trx,
    readers.map((reader) => ({
      id: randomUUID(),
      organisation_id: organisationId,
      member_id: reader.id,
      kind,
      report_id: reportId,
      created_at: now,
      read_at: null,
    })),
  );
  for (const reader of readers) {
    if (!reader.wantsEmail || reader.hasUnread) continue;
    await enqueue({
      db: trx,
      job: sendNotificationEmail,
      payload: { memberId: reader.id },
      // One e-mail per stretch of unread: two reports arriving at the same moment both find
      // the member with nothing unread, but share this key, so only one job is stored.
      dedupeKey: `${sendNotificationEmail.kind}:${reader.id}:${reader.lastReadAt?.toISOString() ?? 'never'}`,
      now: deps.now,
    });
  }
}
