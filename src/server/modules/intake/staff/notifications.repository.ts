// SQL of in-app notifications and of the members' opt-in notification address. Every
// function takes the database or transaction handle explicitly.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, NotificationsTable } from '../../../db/types.generated.ts';
import type { Role } from '../../../../common/api/accounts.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** Envelope context of `members.notify_email_sealed` (sealed with the server key). */
export const NOTIFY_EMAIL_CONTEXT = 'qorgan:notify-email:v1';

/** How many notifications a member is shown at most; older ones stay in the table. */
export const NOTIFICATION_LIST_LIMIT = 100;

export interface NotificationReader {
  id: string;
  /** The member set a notification address. */
  wantsEmail: boolean;
  /** The member has a notification they have not read yet (checked before inserting). */
  hasUnread: boolean;
  /** When the member last marked a notification read; null if never. */
  lastReadAt: Date | null;
}

/** Active members of the organisation whose role is one of `roles`. */
export async function listNotificationReaders(
  db: Db,
  organisationId: string,
  roles: readonly Role[],
): Promise<NotificationReader[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select((eb) => [
      'members.id',
      eb('members.notify_email_sealed', 'is not', null).as('wants_email'),
      eb
        .exists(
          eb
            .selectFrom('notifications')
            .select('notifications.id')
            .whereRef('notifications.member_id', '=', 'members.id')
            .where('notifications.read_at', 'is', null),
        )
        .as('has_unread'),
      eb
        .selectFrom('notifications')
        .select((n) => n.fn.max('notifications.read_at').as('at'))
        .whereRef('notifications.member_id', '=', 'members.id')
        .as('last_read_at'),
    ])
    .where('members.organisation_id', '=', organisationId)
    .where('members.status', '=', 'active')
    .where('members.role', 'in', roles)
    .orderBy('members.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    wantsEmail: Boolean(r.wants_email),
    hasUnread: Boolean(r.has_unread),
    lastReadAt: r.last_read_at ?? null,
  }));
}

export async function insertNotifications(
  db: Db,
  rows: Insertable<NotificationsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('notifications').values(rows).execute();
}

/**
 * A member's newest notifications, with the reference of the report or case each names.
 * `withReports: false` leaves out notifications about reports (a member who may not read
 * reports keeps only those about cases, tasks and referrals).
 */
export async function listNotificationsOf(
  db: Db,
  organisationId: string,
  memberId: string,
  options: { withReports?: boolean } = {},
) {
  let query = db
    .selectFrom('notifications')
    .leftJoin('reports', (join) =>
      join
        .onRef('reports.id', '=', 'notifications.report_id')
        .onRef('reports.organisation_id', '=', 'notifications.organisation_id'),
    )
    .leftJoin('cases', (join) =>
      join
        .onRef('cases.id', '=', 'notifications.case_id')
        .onRef('cases.organisation_id', '=', 'notifications.organisation_id'),
    )
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.report_id',
      'reports.reference as report_reference',
      'cases.id as case_id',
      'cases.reference as case_reference',
      'notifications.task_id',
      'notifications.referral_id',
      'notifications.evidence_item_id',
      'notifications.created_at',
      'notifications.read_at',
    ])
    .where('notifications.organisation_id', '=', organisationId)
    .where('notifications.member_id', '=', memberId);
  if (options.withReports === false) query = query.where('notifications.report_id', 'is', null);
  return query
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(NOTIFICATION_LIST_LIMIT)
    .execute();
}
export type NotificationRow = Awaited<ReturnType<typeof listNotificationsOf>>[number];

export async function countUnreadOf(
  db: Db,
  organisationId: string,
  memberId: string,
): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks the member's unread notifications (all, or those in `ids`) read; returns how many. */
export async function markReadOf(
  db: Db,
  options: { organisationId: string; memberId: string; ids?: readonly string[]; at: Date },
): Promise<number> {
  if (options.ids && options.ids.length === 0) return 0;
  let query = db
    .updateTable('notifications')
    .set({ read_at: options.at })
    .where('organisation_id', '=', options.organisationId)
    .where('member_id', '=', options.memberId)
    .where('read_at', 'is', null);
  if (options.ids) query = query.where('id', 'in', [...options.ids]);
  const rows = await query.returning('id').execute();
  return rows.length;
}

// ---- the opt-in address ----------------------------------------------------------------

export async function findNotifyEmailSealed(db: Db, memberId: string): Promise<Uint8Array | null> {
  const row = await db
    .selectFrom('members')
    .select('notify_email_sealed')
    .where('id', '=', memberId)
    .executeTakeFirst();
  return row?.notify_email_sealed ?? null;
}

export async function setNotifyEmailSealed(
  db: Db,
  memberId: string,
  sealed: Uint8Array | null,
): Promise<void> {
  await db
    .updateTable('members')
    .set({ notify_email_sealed: sealed })
    .where('id', '=', memberId)
    .execute();
}

/** What the e-mail job needs to decide whether and how to write to a member. */
export async function findEmailRecipient(db: Db, memberId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'organisation_id', 'role', 'status', 'locale', 'notify_email_sealed'])
    .where('id', '=', memberId)
    .executeTakeFirst();
}
