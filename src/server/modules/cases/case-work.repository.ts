// SQL of the work on a case: tasks (versioned), contacts with the person at its centre,
// contact alerts, and the notifications cases send. Every function takes the database or
// transaction handle explicitly.
import type { Insertable, Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { DB, NotificationsTable } from '../../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** The columns a snapshot of a task keeps (record_versions). */
export const TASK_VERSIONED_FIELDS = [
  'owner_member_id',
  'due_at',
  'remind_at',
  'status',
  'sealed_title',
  'sealed_notes',
] as const;

const TASK_COLUMNS = [
  't.id',
  't.organisation_id',
  't.case_id',
  'c.reference as case_reference',
  't.owner_member_id',
  't.due_at',
  't.remind_at',
  't.reminded_at',
  't.status',
  't.sealed_title',
  't.sealed_notes',
  't.version',
  't.created_by',
  't.created_at',
  't.updated_at',
  't.completed_at',
] as const;

function taskRows(db: Db) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .select(TASK_COLUMNS);
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskRows>['executeTakeFirstOrThrow']>>;

export async function findTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  return taskRows(db).where('t.id', '=', taskId).executeTakeFirst();
}

export async function lockTask(trx: Transaction<DB>, taskId: string) {
  const locked = await trx
    .selectFrom('tasks')
    .select(['id', 'case_id'])
    .where('id', '=', taskId)
    .forUpdate()
    .executeTakeFirst();
  return locked;
}

export async function taskIdTaken(db: Db, taskId: string): Promise<boolean> {
  const row = await db.selectFrom('tasks').select('id').where('id', '=', taskId).executeTakeFirst();
  return row !== undefined;
}

export async function listCaseTasks(db: Db, caseId: string): Promise<TaskRow[]> {
  return taskRows(db)
    .where('t.case_id', '=', caseId)
    .orderBy('t.due_at', (ob) => ob.asc().nullsLast())
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

/**
 * A member's tasks in a status, soonest due first, on cases they may see: restricted
 * cases only when assigned (or `seesRestricted`).
 */
export async function listMemberTasks(
  db: Db,
  options: {
    organisationId: string;
    memberId: string;
    seesRestricted: boolean;
    status: string;
    /** Only tasks due before this instant. */
    dueBefore?: Date;
    limit: number;
  },
): Promise<TaskRow[]> {
  let query = taskRows(db)
    .where('t.organisation_id', '=', options.organisationId)
    .where('t.owner_member_id', '=', options.memberId)
    .where('t.status', '=', options.status);
  if (!options.seesRestricted) {
    query = query.where((eb) =>
      eb.or([
        eb('c.restricted', '=', false),
        eb.exists(
          eb
            .selectFrom('case_members as cm')
            .select('cm.member_id')
            .whereRef('cm.case_id', '=', 'c.id')
            .where('cm.member_id', '=', options.memberId),
        ),
      ]),
    );
  }
  if (options.dueBefore) query = query.where('t.due_at', '<', options.dueBefore);
  return query
    .orderBy('t.due_at', (ob) => ob.asc().nullsLast())
    .orderBy('t.id')
    .limit(options.limit)
    .execute();
}

export async function insertTask(
  db: Db,
  row: {
    id: string;
    organisationId: string;
    caseId: string;
    ownerMemberId: string | null;
    dueAt: Date | null;
    remindAt: Date | null;
    sealedTitle: Uint8Array;
    sealedNotes: Uint8Array | null;
    memberId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('tasks')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      case_id: row.caseId,
      owner_member_id: row.ownerMemberId,
      due_at: row.dueAt,
      remind_at: row.remindAt,
      reminded_at: null,
      status: 'open',
      sealed_title: row.sealedTitle,
      sealed_notes: row.sealedNotes,
      version: 1,
      created_by: row.memberId,
      created_at: row.now,
      updated_by: row.memberId,
      updated_at: row.now,
      completed_at: null,
    })
    .execute();
}

export interface TaskChanges {
  owner_member_id?: string | null;
  due_at?: Date | null;
  remind_at?: Date | null;
  reminded_at?: Date | null;
  status?: string;
  sealed_title?: Uint8Array;
  sealed_notes?: Uint8Array | null;
  completed_at?: Date | null;
}

/** A new version of a task if still at `expectedVersion`; undefined on a conflict. */
export async function updateTaskVersioned(
  db: Db,
  taskId: string,
  expectedVersion: number,
  changes: TaskChanges,
  by: { memberId: string; now: Date },
): Promise<number | undefined> {
  const row = await db
    .updateTable('tasks')
    .set({ ...changes, version: expectedVersion + 1, updated_by: by.memberId, updated_at: by.now })
    .where('id', '=', taskId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

export async function listTaskIdsOfCase(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom('tasks').select('id').where('case_id', '=', caseId).execute();
  return rows.map((r) => r.id);
}

// ---- contacts -----------------------------------------------------------------------------

export async function insertContact(
  db: Db,
  row: {
    id: string;
    organisationId: string;
    caseId: string;
    contactedAt: Date;
    channel: string;
    sealedNote: Uint8Array | null;
    memberId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('case_contacts')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      case_id: row.caseId,
      contacted_at: row.contactedAt,
      channel: row.channel,
      sealed_note: row.sealedNote,
      member_id: row.memberId,
      created_at: row.now,
    })
    .execute();
}

export async function contactIdTaken(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_contacts')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

const CONTACT_COLUMNS = [
  'id',
  'contacted_at',
  'channel',
  'sealed_note',
  'member_id',
  'created_at',
] as const;

export async function listContacts(db: Db, caseId: string, limit = 500) {
  return db
    .selectFrom('case_contacts')
    .select(CONTACT_COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy('contacted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
export type ContactRow = Awaited<ReturnType<typeof listContacts>>[number];

// ---- contact alerts ----------------------------------------------------------------------

/**
 * Open cases whose contact is overdue at `now`, with the instant the missing period began
 * (their last contact, or creation if never contacted) and the days that apply.
 */
export async function listOverdueCases(db: Db, now: Date) {
  return db
    .selectFrom('cases as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.organisation_id',
      'c.reference',
      'c.last_contact_at',
      'c.created_at',
      (eb) => eb.fn.coalesce('c.contact_alert_days', 'o.contact_alert_days').as('days'),
    ])
    .where('c.status', '<>', 'closed')
    .where(
      sql<boolean>`coalesce(c.last_contact_at, c.created_at) + coalesce(c.contact_alert_days, o.contact_alert_days) * interval '1 day' <= ${now}`,
    )
    .orderBy('c.id')
    .execute();
}

/** Raises the alert of one missing period; false when it was already raised. */
export async function insertContactAlert(
  db: Db,
  row: { id: string; organisationId: string; caseId: string; since: Date; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('contact_alerts')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      case_id: row.caseId,
      since: row.since,
      raised_at: row.now,
      resolved_at: null,
    })
    .onConflict((oc) => oc.columns(['case_id', 'since']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A contact resolves the open alerts of its case about a silence that began before it. */
export async function resolveContactAlerts(
  db: Db,
  caseId: string,
  at: Date,
  contactedAt: Date,
): Promise<number> {
  const rows = await db
    .updateTable('contact_alerts')
    .set({ resolved_at: at })
    .where('case_id', '=', caseId)
    .where('resolved_at', 'is', null)
    .where('since', '<', contactedAt)
    .returning('id')
    .execute();
  return rows.length;
}

export async function findOpenAlert(db: Db, caseId: string) {
  return db
    .selectFrom('contact_alerts')
    .select(['id', 'since', 'raised_at'])
    .where('case_id', '=', caseId)
    .where('resolved_at', 'is', null)
    .orderBy('since', 'desc')
    .executeTakeFirst();
}

/** Open tasks whose reminder time has come and that were not reminded yet. */
export async function listDueReminders(db: Db, now: Date) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .select(['t.id', 't.organisation_id', 't.case_id', 't.owner_member_id', 't.remind_at'])
    .where('t.status', '=', 'open')
    .where('t.reminded_at', 'is', null)
    .where('t.remind_at', '<=', now)
    .orderBy('t.remind_at')
    .orderBy('t.id')
    .execute();
}

/** Marks a reminder sent; false when another run did first. */
export async function markReminded(db: Db, taskId: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('tasks')
    .set({ reminded_at: now })
    .where('id', '=', taskId)
    .where('reminded_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

// ---- notifications ------------------------------------------------------------------------

export async function insertCaseNotifications(
  db: Db,
  rows: Insertable<NotificationsTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('notifications').values(rows).execute();
}

/** Takes back a member's notifications about a case (unassigned from a restricted case). */
export async function deleteCaseNotificationsOf(db: Db, caseId: string, memberId: string) {
  await db
    .deleteFrom('notifications')
    .where('case_id', '=', caseId)
    .where('member_id', '=', memberId)
    .execute();
}

/** Active members of an organisation with one of `roles`. */
export async function listActiveMembersWithRoles(
  db: Db,
  organisationId: string,
  roles: readonly string[],
): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'active')
    .where('role', 'in', [...roles])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Assigned members of a case who are still active. */
export async function listActiveAssignees(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_members as cm')
    .innerJoin('members as m', 'm.id', 'cm.member_id')
    .select('m.id')
    .where('cm.case_id', '=', caseId)
    .where('m.status', '=', 'active')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => r.id);
}
