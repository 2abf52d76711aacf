// SQL of organisations, their members and key grants. Every function takes the database
// or transaction handle explicitly, so use cases decide the transaction boundaries.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB, MembersTable, OrganisationsTable } from '../../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type MemberRow = Selectable<MembersTable>;

// ---- organisations -------------------------------------------------------------------

export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertOrganisation(db: Db, row: Insertable<OrganisationsTable>) {
  await db.insertInto('organisations').values(row).execute();
}

export async function findOrganisation(db: Db, id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationBySlug(db: Db, slug: string) {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/**
 * Locks the organisation row: member changes that check "is this the last admin?" take it
 * first, so two admins demoting or disabling each other at once cannot both pass the check.
 * NO KEY UPDATE, so it does not wait for (or deadlock with) inserts whose foreign keys
 * point at the organisation, such as a key grant written by an approval.
 */
export async function lockOrganisation(trx: Transaction<DB>, id: string): Promise<void> {
  await trx
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', id)
    .forNoKeyUpdate()
    .execute();
}

export async function updateOrganisation(
  db: Db,
  id: string,
  patch: Updateable<OrganisationsTable>,
) {
  return db
    .updateTable('organisations')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- members -------------------------------------------------------------------------

export async function insertMember(db: Db, row: Insertable<MembersTable>) {
  await db.insertInto('members').values(row).execute();
}

export async function findMember(db: Db, id: string) {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMemberByEmailIndex(db: Db, emailIndex: Uint8Array) {
  return db
    .selectFrom('members')
    .selectAll()
    .where('email_index', '=', emailIndex)
    .executeTakeFirst();
}

/** Locks the member row for the rest of the transaction (login counters, TOTP steps). */
export async function lockMember(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('members').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listMembers(db: Db, organisationId: string) {
  return db
    .selectFrom('members')
    .leftJoin('key_grants', (join) =>
      join
        .onRef('key_grants.member_id', '=', 'members.id')
        .onRef('key_grants.organisation_id', '=', 'members.organisation_id'),
    )
    .selectAll('members')
    .select('key_grants.id as grant_id')
    .where('members.organisation_id', '=', organisationId)
    .orderBy('members.created_at')
    .execute();
}

export async function countActiveAdmins(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countPendingMembers(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateMember(db: Db, id: string, patch: Updateable<MembersTable>) {
  return db
    .updateTable('members')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---- key grants ----------------------------------------------------------------------

export async function upsertKeyGrant(
  db: Db,
  row: {
    id: string;
    organisation_id: string;
    member_id: string;
    sealed_org_key: Uint8Array;
    granted_by: string | null;
    created_at: Date;
  },
) {
  await db
    .insertInto('key_grants')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'member_id']).doUpdateSet({
        sealed_org_key: row.sealed_org_key,
        granted_by: row.granted_by,
        created_at: row.created_at,
      }),
    )
    .execute();
}

export async function findKeyGrant(db: Db, organisationId: string, memberId: string) {
  return db
    .selectFrom('key_grants')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

export async function deleteKeyGrant(db: Db, organisationId: string, memberId: string) {
  await db
    .deleteFrom('key_grants')
    .where('organisation_id', '=', organisationId)
    .where('member_id', '=', memberId)
    .execute();
}
