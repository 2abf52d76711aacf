// SQL of incidents, their acts and the links between incidents. Lists page by keyset on
// (sort key, id) with the indexes of migrations 0005 and 0006, so a page costs the same at
// row 10 and at row 1,000,000.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { incidentListQuery } from '../../../common/api/records.ts';
import type { ActsTable, DB, IncidentsTable } from '../../db/types.generated.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type IncidentRow = Selectable<IncidentsTable>;
export type ActRow = Selectable<ActsTable>;

export async function insertIncident(
  trx: Db,
  row: Omit<IncidentRow, 'version' | 'updated_by' | 'updated_at'> & { sources: string },
): Promise<void> {
  await trx
    .insertInto('incidents')
    .values({ ...row, version: 1, updated_by: row.created_by, updated_at: row.created_at })
    .execute();
}

export async function incidentReferenceTaken(
  db: Db,
  organisationId: string,
  reference: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('incidents')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row !== undefined;
}

/** One row; `lock` holds it (FOR UPDATE) until the transaction ends. */
export async function findIncident(
  db: Db,
  id: string,
  lock = false,
): Promise<IncidentRow | undefined> {
  const query = db.selectFrom('incidents').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Incidents by id (any organisation: callers compare the organisation). */
export async function findIncidentsByIds(
  db: Db,
  ids: readonly string[],
): Promise<Pick<IncidentRow, 'id' | 'organisation_id' | 'reference'>[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('incidents')
    .select(['id', 'organisation_id', 'reference'])
    .where('id', 'in', ids)
    .execute();
}

export type IncidentListFilter = z.output<typeof incidentListQuery>;

/** The sort key of a row as the cursor holds it (an unknown date sorts as the earliest). */
export function sortKeyOf(row: IncidentRow, sort: IncidentListFilter['sort']): string {
  if (sort === 'created') return row.created_at.toISOString();
  if (sort === 'updated') return row.updated_at.toISOString();
  return row.incident_date ?? '-infinity';
}

/**
 * One page of the organisation's incidents matching every given filter, `limit` rows after
 * the cursor position `after` (the sort key and id of the last row of the previous page).
 */
export async function listIncidentRows(
  db: Db,
  organisationId: string,
  filter: IncidentListFilter,
  after: { key: string; id: string } | null,
  limit: number,
): Promise<IncidentRow[]> {
  let query = db.selectFrom('incidents').selectAll().where('organisation_id', '=', organisationId);
  if (filter.from) query = query.where('incident_date', '>=', filter.from);
  if (filter.to) query = query.where('incident_date', '<=', filter.to);
  if (filter.datePrecision) query = query.where('date_precision', '=', filter.datePrecision);
  if (filter.oblast) query = query.where('oblast', '=', filter.oblast);
  if (filter.city) query = query.where('city', '=', filter.city);
  if (filter.placeType) query = query.where('place_type', '=', filter.placeType);
  if (filter.onlinePlatform) query = query.where('online_platform', '=', filter.onlinePlatform);
  if (filter.odihrCategory) query = query.where('odihr_category', '=', filter.odihrCategory);
  if (filter.crimeStatus) query = query.where('crime_status', '=', filter.crimeStatus);
  if (filter.violationStatus) query = query.where('violation_status', '=', filter.violationStatus);
  if (filter.reportedToPolice)
    query = query.where('reported_to_police', '=', filter.reportedToPolice);
  if (filter.policeResponse) query = query.where('police_response', '=', filter.policeResponse);
  // References are stored upper-case (the schema upper-cases the filter), so an exact
  // match uses the (organisation_id, reference) unique index.
  if (filter.reference) query = query.where('reference', '=', filter.reference);
  if (filter.reportId) query = query.where('report_id', '=', filter.reportId);
  if (filter.hasReport) {
    query = query.where(sql<boolean>`(report_id is not null)`, '=', filter.hasReport === 'true');
  }
  // `&&` (overlap) is "any of" and is what the GIN indexes answer.
  const anyOf = (column: string, codes: readonly string[] | undefined) => {
    if (codes && codes.length > 0) {
      query = query.where(sql<boolean>`${sql.ref(column)} && ${sql.val([...codes])}::text[]`);
    }
  };
  anyOf('incident_types', filter.incidentTypes);
  anyOf('bias_motivations', filter.biasMotivations);
  anyOf('bias_indicators', filter.biasIndicators);
  anyOf('perpetrator_types', filter.perpetratorTypes);

  // The key expression must match the keyset indexes of 0006 exactly to use them.
  const key =
    filter.sort === 'created'
      ? sql`created_at`
      : filter.sort === 'updated'
        ? sql`updated_at`
        : sql`coalesce(incident_date, '-infinity'::date)`;
  const cast = filter.sort === 'incident_date' ? sql`::date` : sql`::timestamptz`;
  const desc = filter.order === 'desc';
  // The same date range stated on the sort key lets the keyset index start and stop at
  // the range instead of scanning every later incident to reach it.
  if (filter.sort === 'incident_date') {
    if (filter.from) query = query.where(sql<boolean>`${key} >= ${filter.from}::date`);
    if (filter.to) query = query.where(sql<boolean>`${key} <= ${filter.to}::date`);
  }
  if (after) {
    const value = sql`${after.key}${cast}`;
    query = desc
      ? query.where(sql<boolean>`(${key}, id) < (${value}, ${after.id}::uuid)`)
      : query.where(sql<boolean>`(${key}, id) > (${value}, ${after.id}::uuid)`);
  }
  return query
    .orderBy(desc ? sql`${key} desc` : sql`${key} asc`)
    .orderBy('id', desc ? 'desc' : 'asc')
    .limit(limit)
    .execute();
}

/** A page of the organisation's incidents for the browser's search index, by id. */
export async function searchIndexIncidents(
  db: Db,
  organisationId: string,
  afterId: string | null,
  limit: number,
) {
  let query = db
    .selectFrom('incidents')
    .innerJoin('record_keys', (join) =>
      join
        .onRef('record_keys.record_id', '=', 'incidents.id')
        .on('record_keys.organisation_id', '=', organisationId),
    )
    .select([
      'incidents.id as id',
      'incidents.reference as reference',
      'record_keys.sealed_key as sealed_key',
      'incidents.sealed_title as sealed_title',
      'incidents.sealed_description as sealed_description',
    ])
    .where('incidents.organisation_id', '=', organisationId);
  if (afterId) query = query.where('incidents.id', '>', afterId);
  return query.orderBy('incidents.id').limit(limit).execute();
}

export async function deleteIncidentRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('incidents').where('id', '=', id).execute();
}

// ---- acts ------------------------------------------------------------------------------

export async function insertAct(
  trx: Db,
  row: Omit<ActRow, 'version' | 'updated_by' | 'updated_at'> & { perpetrators: string },
): Promise<void> {
  await trx
    .insertInto('acts')
    .values({ ...row, version: 1, updated_by: row.created_by, updated_at: row.created_at })
    .execute();
}

/** One row; `lock` holds it (FOR UPDATE) until the transaction ends. */
export async function findAct(db: Db, id: string, lock = false): Promise<ActRow | undefined> {
  const query = db.selectFrom('acts').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function listActs(db: Db, incidentId: string): Promise<ActRow[]> {
  return db
    .selectFrom('acts')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function deleteActRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('acts').where('id', '=', id).execute();
}

/** Acts naming a person as victim or perpetrator, with their incident's reference. */
export async function actsNamingPerson(db: Db, personId: string) {
  return db
    .selectFrom('acts')
    .innerJoin('incidents', 'incidents.id', 'acts.incident_id')
    .select([
      'acts.id as act_id',
      'acts.incident_id as incident_id',
      'incidents.reference as reference',
      'acts.victim_person_id as victim_person_id',
    ])
    .where((eb) =>
      eb.or([
        eb('acts.victim_person_id', '=', personId),
        eb(sql<boolean>`acts.perpetrators @> ${JSON.stringify([{ personId }])}::jsonb`, '=', true),
      ]),
    )
    .orderBy('acts.created_at')
    .execute();
}

// ---- links -----------------------------------------------------------------------------

export async function insertLink(
  db: Db,
  link: {
    id: string;
    organisation_id: string;
    from_incident_id: string;
    to_incident_id: string;
    link_type: string;
    created_by: string;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto('incident_links').values(link).execute();
}

export async function linkExists(
  db: Db,
  from: string,
  to: string,
  linkType: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('incident_links')
    .select('id')
    .where('from_incident_id', '=', from)
    .where('to_incident_id', '=', to)
    .where('link_type', '=', linkType)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findLink(db: Db, id: string) {
  return db.selectFrom('incident_links').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteLink(db: Db, id: string): Promise<void> {
  await db.deleteFrom('incident_links').where('id', '=', id).execute();
}

/** The links of an incident in both directions, with the other incident's reference. */
export async function listLinks(db: Db, incidentId: string) {
  const outgoing = await db
    .selectFrom('incident_links as l')
    .innerJoin('incidents as o', 'o.id', 'l.to_incident_id')
    .select([
      'l.id as id',
      'l.link_type as link_type',
      'l.created_at as created_at',
      'o.id as other_id',
      'o.reference as other_reference',
    ])
    .where('l.from_incident_id', '=', incidentId)
    .execute();
  const incoming = await db
    .selectFrom('incident_links as l')
    .innerJoin('incidents as o', 'o.id', 'l.from_incident_id')
    .select([
      'l.id as id',
      'l.link_type as link_type',
      'l.created_at as created_at',
      'o.id as other_id',
      'o.reference as other_reference',
    ])
    .where('l.to_incident_id', '=', incidentId)
    .execute();
  return [
    ...outgoing.map((l) => ({ ...l, direction: 'outgoing' as const })),
    ...incoming.map((l) => ({ ...l, direction: 'incoming' as const })),
  ].sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}

export async function countLinks(db: Db, incidentId: string): Promise<number> {
  const row = await db
    .selectFrom('incident_links')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where((eb) =>
      eb.or([eb('from_incident_id', '=', incidentId), eb('to_incident_id', '=', incidentId)]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A report's owner and triage status (an incident may document an accepted report). */
export async function findReportStatus(
  db: Db,
  reportId: string,
): Promise<{ organisation_id: string; status: string } | undefined> {
  return db
    .selectFrom('reports')
    .select(['organisation_id', 'status'])
    .where('id', '=', reportId)
    .executeTakeFirst();
}
