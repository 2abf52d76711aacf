// SQL of cases: the case rows, who is assigned, the records linked to a case (read
// straight from the records tables: existence, organisation, coded summaries), the
// organisation's default contact alert days. Every function takes the database or
// transaction handle explicitly.
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { DB } from '../../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** The columns a snapshot of a case keeps (record_versions). */
export const CASE_VERSIONED_FIELDS = [
  'status',
  'outcome',
  'restricted',
  'central_person_id',
  'contact_alert_days',
  'sealed_title',
  'sealed_goal',
] as const;

/**
 * Cases with the days that apply to their contact alert (their own, or the organisation's
 * default), their central person's code name, and whether `memberId` is assigned to them.
 */
function caseRows(db: Db, memberId: string) {
  return (
    db
      .selectFrom('cases as c')
      .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
      // The central person's code name (pseudonymous, not sealed) names the person an
      // overdue-contact alert is about.
      .leftJoin('people as cp', 'cp.id', 'c.central_person_id')
      .select([
        'cp.code_name as central_person_code_name',
        'c.id',
        'c.organisation_id',
        'c.reference',
        'c.status',
        'c.outcome',
        'c.restricted',
        'c.central_person_id',
        'c.contact_alert_days',
        'c.last_contact_at',
        'c.sealed_title',
        'c.version',
        'c.created_by',
        'c.created_at',
        'c.updated_at',
        'c.closed_at',
      ])
      .select((eb) => [
        eb.fn.coalesce('c.contact_alert_days', 'o.contact_alert_days').as('effective_days'),
        eb
          .exists(
            eb
              .selectFrom('case_members as cm')
              .select('cm.member_id')
              .whereRef('cm.case_id', '=', 'c.id')
              .where('cm.member_id', '=', memberId),
          )
          .as('assigned'),
      ])
  );
}

export type CaseRow = Omit<
  Awaited<ReturnType<ReturnType<typeof caseRows>['executeTakeFirstOrThrow']>>,
  'assigned'
> & { assigned: boolean };

const toCaseRow = <R extends { assigned: unknown; effective_days: unknown }>(row: R) => ({
  ...row,
  assigned: Boolean(row.assigned),
  effective_days: Number(row.effective_days),
});

/** One case as `memberId` sees it (the caller checks the organisation and restriction). */
export async function findCase(
  db: Db,
  caseId: string,
  memberId: string,
): Promise<CaseRow | undefined> {
  const row = await caseRows(db, memberId).where('c.id', '=', caseId).executeTakeFirst();
  return row ? (toCaseRow(row) as CaseRow) : undefined;
}

/** Locks the case row for a change, then reads it as `findCase` does. */
export async function lockCase(
  trx: Transaction<DB>,
  caseId: string,
  memberId: string,
): Promise<CaseRow | undefined> {
  const locked = await trx
    .selectFrom('cases')
    .select('id')
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst();
  return locked ? findCase(trx, caseId, memberId) : undefined;
}

/** The sealed fields and versioned columns of a case, for snapshots and the detail. */
export async function findCaseVersioned(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'version', ...CASE_VERSIONED_FIELDS])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

export async function referenceTaken(db: Db, organisationId: string, reference: string) {
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row !== undefined;
}

export async function caseIdTaken(db: Db, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

export async function insertCase(
  db: Db,
  row: {
    id: string;
    organisationId: string;
    reference: string;
    status: string;
    restricted: boolean;
    centralPersonId: string | null;
    contactAlertDays: number | null;
    sealedTitle: Uint8Array;
    sealedGoal: Uint8Array | null;
    memberId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('cases')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      reference: row.reference,
      status: row.status,
      outcome: null,
      restricted: row.restricted,
      central_person_id: row.centralPersonId,
      contact_alert_days: row.contactAlertDays,
      last_contact_at: null,
      sealed_title: row.sealedTitle,
      sealed_goal: row.sealedGoal,
      version: 1,
      created_by: row.memberId,
      created_at: row.now,
      updated_by: row.memberId,
      updated_at: row.now,
      closed_at: null,
    })
    .execute();
}

export interface CaseChanges {
  status?: string;
  outcome?: string | null;
  restricted?: boolean;
  central_person_id?: string | null;
  contact_alert_days?: number | null;
  sealed_title?: Uint8Array | null;
  sealed_goal?: Uint8Array | null;
  closed_at?: Date | null;
}

/**
 * Writes a new version of a case if it is still at `expectedVersion`; returns the new
 * version, or undefined when someone else changed it first (nothing written).
 */
export async function updateCaseVersioned(
  db: Db,
  caseId: string,
  expectedVersion: number,
  changes: CaseChanges,
  by: { memberId: string; now: Date },
): Promise<number | undefined> {
  const row = await db
    .updateTable('cases')
    .set({
      ...changes,
      version: expectedVersion + 1,
      updated_by: by.memberId,
      updated_at: by.now,
    })
    .where('id', '=', caseId)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  return row?.version;
}

/** Touches the case's updated_at without a new version (links, assignment). */
export async function touchCase(db: Db, caseId: string, now: Date): Promise<void> {
  await db.updateTable('cases').set({ updated_at: now }).where('id', '=', caseId).execute();
}

export async function setLastContact(db: Db, caseId: string, at: Date): Promise<void> {
  await db
    .updateTable('cases')
    .set((eb) => ({
      last_contact_at: sql<Date>`greatest(${eb.ref('last_contact_at')}, ${at})`,
    }))
    .where('id', '=', caseId)
    .execute();
}

export async function deleteCaseRow(db: Db, caseId: string): Promise<void> {
  await db.deleteFrom('cases').where('id', '=', caseId).execute();
}

// ---- members ----------------------------------------------------------------------------

export async function listAssignedMembers(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (caseIds.length === 0) return out;
  const rows = await db
    .selectFrom('case_members')
    .select(['case_id', 'member_id'])
    .where('case_id', 'in', [...caseIds])
    .orderBy('assigned_at')
    .orderBy('member_id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.case_id) ?? [];
    list.push(row.member_id);
    out.set(row.case_id, list);
  }
  return out;
}

export async function findMember(db: Db, memberId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'organisation_id', 'role', 'status'])
    .where('id', '=', memberId)
    .executeTakeFirst();
}

/** Assigns a member; false when they already were. */
export async function insertCaseMember(
  db: Db,
  row: { caseId: string; memberId: string; organisationId: string; by: string; now: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('case_members')
    .values({
      case_id: row.caseId,
      member_id: row.memberId,
      organisation_id: row.organisationId,
      assigned_by: row.by,
      assigned_at: row.now,
    })
    .onConflict((oc) => oc.columns(['case_id', 'member_id']).doNothing())
    .returning('member_id')
    .executeTakeFirst();
  return result !== undefined;
}

export async function deleteCaseMember(db: Db, caseId: string, memberId: string) {
  const result = await db
    .deleteFrom('case_members')
    .where('case_id', '=', caseId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- links to records -------------------------------------------------------------------

export type LinkKind = 'incident' | 'person' | 'report';

/** The organisation (and for a report, the status) of a record that may be linked. */
export async function findLinkTarget(db: Db, kind: LinkKind, id: string) {
  switch (kind) {
    case 'incident':
      return db
        .selectFrom('incidents')
        .select(['id', 'organisation_id', sql<string | null>`null`.as('status')])
        .where('id', '=', id)
        .executeTakeFirst();
    case 'person':
      return db
        .selectFrom('people')
        .select(['id', 'organisation_id', sql<string | null>`null`.as('status')])
        .where('id', '=', id)
        .executeTakeFirst();
    case 'report':
      return db
        .selectFrom('reports')
        .select(['id', 'organisation_id', 'status'])
        .where('id', '=', id)
        .executeTakeFirst();
  }
}

/** Links a record; false when it already was linked. */
export async function insertLink(
  db: Db,
  kind: LinkKind,
  row: { caseId: string; recordId: string; organisationId: string; now: Date },
): Promise<boolean> {
  const base = { case_id: row.caseId, organisation_id: row.organisationId, added_at: row.now };
  let inserted: unknown;
  switch (kind) {
    case 'incident':
      inserted = await db
        .insertInto('case_incidents')
        .values({ ...base, incident_id: row.recordId })
        .onConflict((oc) => oc.columns(['case_id', 'incident_id']).doNothing())
        .returning('case_id')
        .executeTakeFirst();
      break;
    case 'person':
      inserted = await db
        .insertInto('case_people')
        .values({ ...base, person_id: row.recordId })
        .onConflict((oc) => oc.columns(['case_id', 'person_id']).doNothing())
        .returning('case_id')
        .executeTakeFirst();
      break;
    case 'report':
      inserted = await db
        .insertInto('case_reports')
        .values({ ...base, report_id: row.recordId })
        .onConflict((oc) => oc.columns(['case_id', 'report_id']).doNothing())
        .returning('case_id')
        .executeTakeFirst();
      break;
  }
  return inserted !== undefined;
}

/** Unlinks a record; false when it was not linked. */
export async function deleteLink(
  db: Db,
  kind: LinkKind,
  caseId: string,
  recordId: string,
): Promise<boolean> {
  let result: { numDeletedRows: bigint };
  switch (kind) {
    case 'incident':
      result = await db
        .deleteFrom('case_incidents')
        .where('case_id', '=', caseId)
        .where('incident_id', '=', recordId)
        .executeTakeFirst();
      break;
    case 'person':
      result = await db
        .deleteFrom('case_people')
        .where('case_id', '=', caseId)
        .where('person_id', '=', recordId)
        .executeTakeFirst();
      break;
    case 'report':
      result = await db
        .deleteFrom('case_reports')
        .where('case_id', '=', caseId)
        .where('report_id', '=', recordId)
        .executeTakeFirst();
      break;
  }
  return Number(result.numDeletedRows) > 0;
}

/** The ids linked to a case, by kind; interventions are those whose case_id is the case. */
export async function listLinkedIds(db: Db, caseId: string) {
  const [incidents, people, reports, interventions] = await Promise.all([
    db
      .selectFrom('case_incidents')
      .select('incident_id as id')
      .where('case_id', '=', caseId)
      .execute(),
    db.selectFrom('case_people').select('person_id as id').where('case_id', '=', caseId).execute(),
    db.selectFrom('case_reports').select('report_id as id').where('case_id', '=', caseId).execute(),
    db.selectFrom('interventions').select('id').where('case_id', '=', caseId).execute(),
  ]);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  return {
    incidents: ids(incidents),
    people: ids(people),
    reports: ids(reports),
    interventions: ids(interventions),
  };
}

/** Coded summaries of a case's linked incidents, with the organisation's key copies. */
export async function listLinkedIncidents(db: Db, caseId: string, organisationId: string) {
  return db
    .selectFrom('case_incidents as ci')
    .innerJoin('incidents as i', 'i.id', 'ci.incident_id')
    .leftJoin('record_keys as k', (join) =>
      join.onRef('k.record_id', '=', 'i.id').on('k.organisation_id', '=', organisationId),
    )
    .select([
      'i.id',
      'i.reference',
      'i.incident_date',
      'i.date_precision',
      'i.incident_types',
      'i.violation_status',
      'i.crime_status',
      'i.oblast',
      'i.sealed_title',
      'k.sealed_key',
    ])
    .where('ci.case_id', '=', caseId)
    .orderBy('i.incident_date', (ob) => ob.asc().nullsLast())
    .orderBy('i.id')
    .execute();
}

export async function listLinkedPeople(db: Db, caseId: string, organisationId: string) {
  return db
    .selectFrom('case_people as cp')
    .innerJoin('people as p', 'p.id', 'cp.person_id')
    .leftJoin('record_keys as k', (join) =>
      join.onRef('k.record_id', '=', 'p.id').on('k.organisation_id', '=', organisationId),
    )
    .select([
      'p.id',
      'p.code_name',
      'p.roles',
      'p.perpetrator_type',
      'p.age_group',
      'p.sealed_name',
      'k.sealed_key',
    ])
    .where('cp.case_id', '=', caseId)
    .orderBy('p.code_name')
    .execute();
}

export async function listLinkedInterventions(db: Db, caseId: string, organisationId: string) {
  return db
    .selectFrom('interventions as v')
    .leftJoin('record_keys as k', (join) =>
      join.onRef('k.record_id', '=', 'v.id').on('k.organisation_id', '=', organisationId),
    )
    .select([
      'v.id',
      'v.incident_id',
      'v.intervener_type',
      'v.intervention_type',
      'v.submitted_on',
      'v.response_on',
      'v.authority_response',
      'v.status',
      'v.priority',
      'v.sealed_title',
      'v.sealed_notes',
      'v.created_at',
      'k.sealed_key',
    ])
    .where('v.case_id', '=', caseId)
    .where('v.organisation_id', '=', organisationId)
    .orderBy('v.submitted_on', (ob) => ob.asc().nullsLast())
    .orderBy('v.id')
    .execute();
}

export async function listLinkedReports(db: Db, caseId: string) {
  return db
    .selectFrom('case_reports as cr')
    .innerJoin('reports as r', 'r.id', 'cr.report_id')
    .select([
      'r.id',
      'r.reference',
      'r.status',
      'r.received_at',
      'r.incident_types',
      'r.wishes',
      'r.sealed_record_key',
    ])
    .where('cr.case_id', '=', caseId)
    .orderBy('r.received_at')
    .orderBy('r.id')
    .execute();
}

// ---- lists ------------------------------------------------------------------------------

export type CaseSort = 'updated' | 'created' | 'last_contact' | 'reference';

export interface CaseListFilter {
  organisationId: string;
  /** The actor: restricted cases show only when assigned, unless `seesRestricted`. */
  memberId: string;
  seesRestricted: boolean;
  statuses?: readonly string[];
  excludeClosed?: boolean;
  assignedToMe?: boolean;
  restricted?: boolean;
  /** Only cases whose contact is overdue at this instant. */
  overdueAt?: Date;
  sort: CaseSort;
  order: 'asc' | 'desc';
  limit: number;
  /** Keyset: the sort value and id of the last row of the previous page. */
  after?: { value: string; id: string };
}

/** The expression a sort orders by (contact: the last contact, or creation if none). */
function sortExpression(sort: CaseSort): Expression<unknown> {
  switch (sort) {
    case 'updated':
      return sql.ref('c.updated_at');
    case 'created':
      return sql.ref('c.created_at');
    case 'last_contact':
      return sql`coalesce(c.last_contact_at, c.created_at)`;
    case 'reference':
      return sql.ref('c.reference');
  }
}

/** The value of the sort expression for a row, as the cursor keeps it. */
export function sortValueOf(
  row: { updated_at: Date; created_at: Date; last_contact_at: Date | null; reference: string },
  sort: CaseSort,
): string {
  switch (sort) {
    case 'updated':
      return row.updated_at.toISOString();
    case 'created':
      return row.created_at.toISOString();
    case 'last_contact':
      return (row.last_contact_at ?? row.created_at).toISOString();
    case 'reference':
      return row.reference;
  }
}

/** When a case's contact is overdue: its last contact (or creation) plus its alert days. */
export const contactDueSql = sql<Date>`(coalesce(c.last_contact_at, c.created_at) + coalesce(c.contact_alert_days, o.contact_alert_days) * interval '1 day')`;

export async function listCaseRows(db: Db, filter: CaseListFilter): Promise<CaseRow[]> {
  const sortBy = sortExpression(filter.sort);
  const cmp = filter.order === 'desc' ? '<' : '>';
  let query = caseRows(db, filter.memberId).where('c.organisation_id', '=', filter.organisationId);
  if (!filter.seesRestricted || filter.assignedToMe) {
    const mine = (eb: ExpressionBuilder<DB & { c: DB['cases'] }, 'c'>) =>
      eb.exists(
        eb
          .selectFrom('case_members as me')
          .select('me.member_id')
          .whereRef('me.case_id', '=', 'c.id')
          .where('me.member_id', '=', filter.memberId),
      );
    query = filter.assignedToMe
      ? query.where(mine)
      : query.where((eb) => eb.or([eb('c.restricted', '=', false), mine(eb)]));
  }
  if (filter.statuses) query = query.where('c.status', 'in', [...filter.statuses]);
  if (filter.excludeClosed) query = query.where('c.status', '<>', 'closed');
  if (filter.restricted !== undefined) query = query.where('c.restricted', '=', filter.restricted);
  if (filter.overdueAt) {
    const at = filter.overdueAt;
    query = query.where('c.status', '<>', 'closed').where(sql<SqlBool>`${contactDueSql} < ${at}`);
  }
  if (filter.after) {
    const { value, id } = filter.after;
    const typed = filter.sort === 'reference' ? sql`${value}` : sql`${new Date(value)}`;
    query = query.where(
      sql<SqlBool>`(${sortBy} ${sql.raw(cmp)} ${typed} or (${sortBy} = ${typed} and c.id ${sql.raw(cmp)} ${id}))`,
    );
  }
  const rows = await query
    .orderBy(sortBy, filter.order)
    .orderBy('c.id', filter.order)
    .limit(filter.limit)
    .execute();
  return rows.map((r) => toCaseRow(r) as CaseRow);
}

// ---- organisation setting ---------------------------------------------------------------

export async function findOrganisationAlertDays(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select('contact_alert_days')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return row.contact_alert_days;
}

export async function setOrganisationAlertDays(db: Db, organisationId: string, days: number) {
  await db
    .updateTable('organisations')
    .set({ contact_alert_days: days })
    .where('id', '=', organisationId)
    .execute();
}

/** The organisation's reports still waiting for triage, newest first (coded fields only). */
export async function listNewReports(db: Db, organisationId: string, limit: number) {
  return db
    .selectFrom('reports')
    .select(['id', 'reference', 'received_at', 'incident_types'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'new')
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
