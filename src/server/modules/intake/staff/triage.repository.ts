// SQL of the triage inbox: reports with their file and message counts, files, messages.
// Every function takes the database or transaction handle explicitly. No query here
// selects `codename_lookup`: staff never need it.
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { DB, ReportMessagesTable, ReportsTable } from '../../../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** Which reports a list shows; an absent field does not filter. */
export interface ReportFilter {
  statuses?: readonly string[];
  incidentType?: string;
  oblast?: string;
  /** A member id, or null for unassigned reports. */
  assignedTo?: string | null;
  /** Received at or after this instant. */
  receivedFrom?: Date;
  /** Received strictly before this instant. */
  receivedUntil?: Date;
}

const SUMMARY_COLUMNS = [
  'r.id',
  'r.organisation_id',
  'r.reference',
  'r.status',
  'r.locale',
  'r.encrypted_by',
  'r.reporter_role',
  'r.incident_types',
  'r.incident_date',
  'r.date_precision',
  'r.oblast',
  'r.city',
  'r.place_type',
  'r.online_platform',
  'r.perpetrator_types',
  'r.bias_indicators',
  'r.reported_to_police',
  'r.police_response',
  'r.not_reported_reasons',
  'r.wishes',
  'r.assigned_member_id',
  'r.duplicate_of',
  'r.received_at',
  'r.updated_at',
] as const;

/**
 * Reports with their counts, computed by correlated subqueries in the same statement (one
 * round trip per page, whatever its length; each subquery uses the report_id indexes).
 */
function summaries(db: Db) {
  return db
    .selectFrom('reports as r')
    .select(SUMMARY_COLUMNS)
    .select((eb) => [
      // Originals kept for their metadata are second copies of a working file: not counted.
      eb
        .selectFrom('report_files as f')
        .select((f) => f.fn.countAll<string | number>().as('n'))
        .whereRef('f.report_id', '=', 'r.id')
        .where('f.role', '=', 'working')
        .as('file_count'),
      eb
        .selectFrom('report_messages as m')
        .select((m) => m.fn.countAll<string | number>().as('n'))
        .whereRef('m.report_id', '=', 'r.id')
        .as('message_count'),
      // A message from the reporter with no staff reply at or after it.
      eb
        .exists(
          eb
            .selectFrom('report_messages as rm')
            .select('rm.id')
            .whereRef('rm.report_id', '=', 'r.id')
            .where('rm.author', '=', 'reporter')
            .where((w) =>
              w.not(
                w.exists(
                  w
                    .selectFrom('report_messages as sm')
                    .select('sm.id')
                    .whereRef('sm.report_id', '=', 'r.id')
                    .where('sm.author', '=', 'staff')
                    .whereRef('sm.created_at', '>=', 'rm.created_at'),
                ),
              ),
            ),
        )
        .as('awaiting_reply'),
    ]);
}

export type ReportSummaryRow = Awaited<
  ReturnType<ReturnType<typeof summaries>['executeTakeFirstOrThrow']>
>;

/**
 * One page of an organisation's reports, newest first. `receivedBefore` continues after a
 * previous page; `receivedAt` instead returns every report received at exactly that instant.
 */
export async function listReportSummaries(
  db: Db,
  options: {
    organisationId: string;
    filter: ReportFilter;
    receivedBefore?: Date;
    receivedAt?: Date;
    limit?: number;
  },
): Promise<ReportSummaryRow[]> {
  const { filter } = options;
  let query = summaries(db).where('r.organisation_id', '=', options.organisationId);
  if (filter.statuses) query = query.where('r.status', 'in', [...filter.statuses]);
  if (filter.incidentType) {
    const code = filter.incidentType;
    query = query.where((eb) => eb(eb.val(code), '=', eb.fn.any('r.incident_types')));
  }
  if (filter.oblast) query = query.where('r.oblast', '=', filter.oblast);
  if (filter.assignedTo === null) query = query.where('r.assigned_member_id', 'is', null);
  else if (filter.assignedTo) query = query.where('r.assigned_member_id', '=', filter.assignedTo);
  if (filter.receivedFrom) query = query.where('r.received_at', '>=', filter.receivedFrom);
  if (filter.receivedUntil) query = query.where('r.received_at', '<', filter.receivedUntil);
  if (options.receivedBefore) query = query.where('r.received_at', '<', options.receivedBefore);
  if (options.receivedAt) query = query.where('r.received_at', '=', options.receivedAt);
  query = query.orderBy('r.received_at', 'desc').orderBy('r.id', 'desc');
  if (options.limit !== undefined) query = query.limit(options.limit);
  return query.execute();
}

/** One report with its counts, whatever its organisation (the policy checks that). */
export async function findReportSummary(
  db: Db,
  reportId: string,
): Promise<ReportSummaryRow | undefined> {
  return summaries(db).where('r.id', '=', reportId).executeTakeFirst();
}

/** The sealed parts staff open in the browser. */
export async function findReportSealed(db: Db, reportId: string) {
  return db
    .selectFrom('reports')
    .select(['sealed_record_key', 'sealed_details', 'reporter_public_key'])
    .where('id', '=', reportId)
    .executeTakeFirst();
}

/**
 * Locks the report row for the rest of the transaction: two members changing its status or
 * assignment at once are applied one after the other, and each audit row's "from" is true.
 */
export async function lockReport(trx: Transaction<DB>, reportId: string) {
  return trx
    .selectFrom('reports')
    .select(['id', 'organisation_id', 'status', 'assigned_member_id', 'duplicate_of'])
    .where('id', '=', reportId)
    .forUpdate()
    .executeTakeFirst();
}

/** Locks several reports in id order, so two transactions locking the same pair cannot deadlock. */
export async function lockReports(trx: Transaction<DB>, reportIds: readonly string[]) {
  return trx
    .selectFrom('reports')
    .select(['id', 'organisation_id', 'status', 'assigned_member_id', 'duplicate_of'])
    .where('id', 'in', [...reportIds])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function findReportRef(db: Db, reportId: string) {
  return db
    .selectFrom('reports')
    .select(['id', 'organisation_id', 'status', 'duplicate_of'])
    .where('id', '=', reportId)
    .executeTakeFirst();
}

export async function updateReport(
  db: Db,
  reportId: string,
  patch: Updateable<ReportsTable>,
): Promise<void> {
  await db.updateTable('reports').set(patch).where('id', '=', reportId).execute();
}

// ---- files ---------------------------------------------------------------------------

const FILE_COLUMNS = [
  'id',
  'report_id',
  'organisation_id',
  'message_id',
  'role',
  'original_of',
  'blob_key',
  'sealed_file_key',
  'sealed_meta',
  'ciphertext_bytes',
  'created_at',
] as const;

export async function listReportFiles(db: Db, reportId: string) {
  return db
    .selectFrom('report_files')
    .select(FILE_COLUMNS)
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type ReportFileRow = Awaited<ReturnType<typeof listReportFiles>>[number];

export async function findReportFile(db: Db, reportId: string, fileId: string) {
  return db
    .selectFrom('report_files')
    .select(FILE_COLUMNS)
    .where('report_id', '=', reportId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

// ---- messages ------------------------------------------------------------------------

const MESSAGE_COLUMNS = [
  'id',
  'report_id',
  'author',
  'author_member_id',
  'sealed_for_org',
  'created_at',
] as const;

export async function listReportMessages(db: Db, reportId: string) {
  return db
    .selectFrom('report_messages')
    .select(MESSAGE_COLUMNS)
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
export type ReportMessageRow = Awaited<ReturnType<typeof listReportMessages>>[number];

export async function insertReportMessage(
  db: Db,
  row: Insertable<ReportMessagesTable>,
): Promise<ReportMessageRow> {
  return db
    .insertInto('report_messages')
    .values(row)
    .returning(MESSAGE_COLUMNS)
    .executeTakeFirstOrThrow();
}

// ---- members ---------------------------------------------------------------------------

/** A member who might be assigned a report (the policy decides whether they may). */
export async function findMemberForAssignment(db: Db, memberId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'organisation_id', 'role', 'status'])
    .where('id', '=', memberId)
    .executeTakeFirst();
}
