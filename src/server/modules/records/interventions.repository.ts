// SQL of interventions: who acted (a lawyer, an embassy, a UN mechanism...), how, when, and
// what the authority answered.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, InterventionsTable } from '../../db/types.generated.ts';

type Db = Kysely<DB> | Transaction<DB>;

export type InterventionRow = Selectable<InterventionsTable>;

export async function insertIntervention(
  trx: Db,
  row: Omit<InterventionRow, 'version' | 'updated_by' | 'updated_at'>,
): Promise<void> {
  await trx
    .insertInto('interventions')
    .values({ ...row, version: 1, updated_by: row.created_by, updated_at: row.created_at })
    .execute();
}

/** One row; `lock` holds it (FOR UPDATE) until the transaction ends. */
export async function findIntervention(
  db: Db,
  id: string,
  lock = false,
): Promise<InterventionRow | undefined> {
  const query = db.selectFrom('interventions').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function listInterventionsOfIncident(
  db: Db,
  incidentId: string,
): Promise<InterventionRow[]> {
  return db
    .selectFrom('interventions')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export interface InterventionFilter {
  status?: string | undefined;
  priority?: string | undefined;
  interventionType?: string | undefined;
  intervenerType?: string | undefined;
  authorityResponse?: string | undefined;
  incidentId?: string | undefined;
  caseId?: string | undefined;
  order: 'asc' | 'desc';
}

export async function listInterventionRows(
  db: Db,
  organisationId: string,
  filter: InterventionFilter,
  after: { key: string; id: string } | null,
  limit: number,
): Promise<InterventionRow[]> {
  let query = db
    .selectFrom('interventions')
    .selectAll()
    .where('organisation_id', '=', organisationId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.priority) query = query.where('priority', '=', filter.priority);
  if (filter.interventionType)
    query = query.where('intervention_type', '=', filter.interventionType);
  if (filter.intervenerType) query = query.where('intervener_type', '=', filter.intervenerType);
  if (filter.authorityResponse)
    query = query.where('authority_response', '=', filter.authorityResponse);
  if (filter.incidentId) query = query.where('incident_id', '=', filter.incidentId);
  if (filter.caseId) query = query.where('case_id', '=', filter.caseId);
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

export async function searchIndexInterventions(
  db: Db,
  organisationId: string,
  afterId: string | null,
  limit: number,
) {
  let query = db
    .selectFrom('interventions')
    .innerJoin('record_keys', (join) =>
      join
        .onRef('record_keys.record_id', '=', 'interventions.id')
        .on('record_keys.organisation_id', '=', organisationId),
    )
    .select([
      'interventions.id as id',
      'record_keys.sealed_key as sealed_key',
      'interventions.sealed_title as sealed_title',
      'interventions.sealed_notes as sealed_description',
    ])
    .where('interventions.organisation_id', '=', organisationId);
  if (afterId) query = query.where('interventions.id', '>', afterId);
  const rows = await query.orderBy('interventions.id').limit(limit).execute();
  return rows.map((r) => ({ ...r, reference: null }));
}

export async function deleteInterventionRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('interventions').where('id', '=', id).execute();
}

/** A case of any organisation (callers compare it): interventions may belong to a case. */
export async function findCaseOwner(
  db: Db,
  caseId: string,
  /** Whose assignment to report in `assigned` (the acting member). */
  memberId?: string,
): Promise<
  { id: string; organisation_id: string; restricted: boolean; assigned: boolean } | undefined
> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => [
      'cases.id',
      'cases.organisation_id',
      'cases.restricted',
      eb
        .exists(
          eb
            .selectFrom('case_members')
            .select('case_members.member_id')
            .whereRef('case_members.case_id', '=', 'cases.id')
            .where(
              'case_members.member_id',
              '=',
              memberId ?? '00000000-0000-0000-0000-000000000000',
            ),
        )
        .as('assigned'),
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
  return row ? { ...row, assigned: Boolean(row.assigned) } : undefined;
}
