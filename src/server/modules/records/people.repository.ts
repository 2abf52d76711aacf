// SQL of people (pseudonymous: a code name and coded fields; the rest sealed) and the
// relations between them.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, PeopleTable } from '../../db/types.generated.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type PersonRow = Selectable<PeopleTable>;
export type PersonRefRow = Pick<
  PersonRow,
  'id' | 'organisation_id' | 'code_name' | 'roles' | 'perpetrator_type' | 'age_group'
>;

const REF_COLUMNS = [
  'id',
  'organisation_id',
  'code_name',
  'roles',
  'perpetrator_type',
  'age_group',
] as const;

export async function insertPerson(
  trx: Db,
  row: Omit<PersonRow, 'version' | 'updated_by' | 'updated_at'>,
): Promise<void> {
  await trx
    .insertInto('people')
    .values({ ...row, version: 1, updated_by: row.created_by, updated_at: row.created_at })
    .execute();
}

export async function codeNameTaken(
  db: Db,
  organisationId: string,
  codeName: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('code_name', '=', codeName)
    .executeTakeFirst();
  return row !== undefined;
}

/** One row; `lock` holds it (FOR UPDATE) until the transaction ends. */
export async function findPerson(db: Db, id: string, lock = false): Promise<PersonRow | undefined> {
  const query = db.selectFrom('people').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** People by id, coded fields only (any organisation: callers compare it). */
export async function findPersonRefs(db: Db, ids: readonly string[]): Promise<PersonRefRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db.selectFrom('people').select(REF_COLUMNS).where('id', 'in', unique).execute();
}

export async function listPeopleRows(
  db: Db,
  organisationId: string,
  filter: {
    role?: string;
    perpetratorType?: string;
    ageGroup?: string;
    codeName?: string;
    order: 'asc' | 'desc';
  },
  after: { key: string; id: string } | null,
  limit: number,
): Promise<PersonRow[]> {
  let query = db.selectFrom('people').selectAll().where('organisation_id', '=', organisationId);
  if (filter.role) query = query.where(sql<boolean>`roles @> ${sql.val([filter.role])}::text[]`);
  if (filter.perpetratorType) query = query.where('perpetrator_type', '=', filter.perpetratorType);
  if (filter.ageGroup) query = query.where('age_group', '=', filter.ageGroup);
  if (filter.codeName) query = query.where('code_name', '=', filter.codeName);
  const desc = filter.order === 'desc';
  if (after) {
    const position = sql`(${after.key}::timestamptz, ${after.id}::uuid)`;
    query = query.where(
      desc
        ? sql<boolean>`(created_at, id) < ${position}`
        : sql<boolean>`(created_at, id) > ${position}`,
    );
  }
  return query
    .orderBy('created_at', desc ? 'desc' : 'asc')
    .orderBy('id', desc ? 'desc' : 'asc')
    .limit(limit)
    .execute();
}

export async function searchIndexPeople(
  db: Db,
  organisationId: string,
  afterId: string | null,
  limit: number,
) {
  let query = db
    .selectFrom('people')
    .innerJoin('record_keys', (join) =>
      join
        .onRef('record_keys.record_id', '=', 'people.id')
        .on('record_keys.organisation_id', '=', organisationId),
    )
    .select([
      'people.id as id',
      'people.code_name as reference',
      'record_keys.sealed_key as sealed_key',
      'people.sealed_name as sealed_title',
      'people.sealed_details as sealed_description',
    ])
    .where('people.organisation_id', '=', organisationId);
  if (afterId) query = query.where('people.id', '>', afterId);
  return query.orderBy('people.id').limit(limit).execute();
}

export async function deletePersonRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('people').where('id', '=', id).execute();
}

// ---- relations -------------------------------------------------------------------------

export async function insertRelation(
  db: Db,
  relation: {
    id: string;
    organisation_id: string;
    person_id: string;
    related_person_id: string;
    relation: string;
    created_by: string;
    created_at: Date;
  },
): Promise<void> {
  await db.insertInto('person_relations').values(relation).execute();
}

export async function relationExists(
  db: Db,
  personId: string,
  relatedPersonId: string,
  relation: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('person_relations')
    .select('id')
    .where('person_id', '=', personId)
    .where('related_person_id', '=', relatedPersonId)
    .where('relation', '=', relation)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findRelation(db: Db, id: string) {
  return db.selectFrom('person_relations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteRelation(db: Db, id: string): Promise<void> {
  await db.deleteFrom('person_relations').where('id', '=', id).execute();
}

/** A person's relations in both directions, with the other person's coded fields. */
export async function listRelations(db: Db, personId: string) {
  const rows = await db
    .selectFrom('person_relations')
    .select(['id', 'person_id', 'related_person_id', 'relation', 'created_at'])
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)]))
    .orderBy('created_at')
    .execute();
  const others = await findPersonRefs(
    db,
    rows.map((r) => (r.person_id === personId ? r.related_person_id : r.person_id)),
  );
  const byId = new Map(others.map((p) => [p.id, p]));
  return rows.flatMap((r) => {
    const outgoing = r.person_id === personId;
    const other = byId.get(outgoing ? r.related_person_id : r.person_id);
    if (!other) return [];
    return [
      {
        id: r.id,
        relation: r.relation,
        direction: outgoing ? ('outgoing' as const) : ('incoming' as const),
        other,
        created_at: r.created_at,
      },
    ];
  });
}

export async function countRelations(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom('person_relations')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('related_person_id', '=', personId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Incidents whose sources name the person. */
export async function incidentsCitingPerson(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('incidents')
    .select('id')
    .where(sql<boolean>`sources @> ${JSON.stringify([{ personId }])}::jsonb`)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * How many cases name the person (as a member of the case, or the person at its centre).
 * Deleting the person detaches them through the foreign keys (cascade, set null).
 */
export async function casesNamingPerson(
  db: Db,
  personId: string,
): Promise<{ caseLinks: number; centralOf: number }> {
  const links = await db
    .selectFrom('case_people')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();
  const central = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('central_person_id', '=', personId)
    .executeTakeFirstOrThrow();
  return { caseLinks: Number(links.n), centralOf: Number(central.n) };
}
