// All SQL of the accounts module. Every function takes the database or transaction
// handle explicitly, so use cases decide the transaction boundaries.
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

// ---- invitations ---------------------------------------------------------------------

export async function insertInvitation(
  db: Db,
  row: {
    id: string;
    organisation_id: string;
    token_hash: Uint8Array;
    role: string;
    created_by: string;
    created_at: Date;
    expires_at: Date;
  },
) {
  await db.insertInto('invitations').values(row).execute();
}

export async function findInvitationByTokenHash(db: Db, tokenHash: Uint8Array) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function lockInvitationByTokenHash(trx: Transaction<DB>, tokenHash: Uint8Array) {
  return trx
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function findInvitation(db: Db, id: string) {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listInvitations(db: Db, organisationId: string) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

export async function markInvitationUsed(db: Db, id: string, memberId: string, at: Date) {
  await db
    .updateTable('invitations')
    .set({ used_at: at, used_by: memberId })
    .where('id', '=', id)
    .execute();
}

export async function revokeInvitation(db: Db, id: string, at: Date) {
  await db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', id).execute();
}

// ---- setup tokens --------------------------------------------------------------------

export async function insertSetupToken(
  db: Db,
  row: { token_hash: Uint8Array; created_at: Date; expires_at: Date },
) {
  await db.insertInto('setup_tokens').values(row).execute();
}

/**
 * Locks every setup token: two links used at the same moment would otherwise both see
 * "no organisation yet" and both create one. The second waits and then sees the first.
 */
export async function lockAllSetupTokens(trx: Transaction<DB>): Promise<void> {
  await trx.selectFrom('setup_tokens').select('token_hash').forUpdate().execute();
}

export async function lockSetupToken(trx: Transaction<DB>, tokenHash: Uint8Array) {
  return trx
    .selectFrom('setup_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function markSetupTokenUsed(db: Db, tokenHash: Uint8Array, at: Date) {
  await db
    .updateTable('setup_tokens')
    .set({ used_at: at })
    .where('token_hash', '=', tokenHash)
    .execute();
}

// ---- sessions ------------------------------------------------------------------------

export async function insertSession(
  db: Db,
  row: {
    id: string;
    member_id: string;
    token_hash: Uint8Array;
    device: string;
    created_at: Date;
    last_seen_at: Date;
    idle_expires_at: Date;
    absolute_expires_at: Date;
  },
) {
  await db.insertInto('sessions').values(row).execute();
}

export async function findLiveSessionByTokenHash(db: Db, tokenHash: Uint8Array, now: Date) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('ended_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, now: Date, idleExpiresAt: Date) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, idle_expires_at: idleExpiresAt })
    .where('id', '=', id)
    .execute();
}

export async function listLiveSessions(db: Db, memberId: string, now: Date) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('ended_at', 'is', null)
    .where('idle_expires_at', '>', now)
    .where('absolute_expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function findSession(db: Db, id: string) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function endSession(db: Db, id: string, at: Date) {
  await db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends every live session of a member; returns how many ended. */
export async function endMemberSessions(db: Db, memberId: string, at: Date): Promise<number> {
  const rows = await db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('member_id', '=', memberId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length;
}

// ---- login challenges (password ok, second factor pending) ---------------------------

export async function insertLoginChallenge(
  db: Db,
  row: { token_hash: Uint8Array; member_id: string; device: string; expires_at: Date },
) {
  await db.insertInto('login_challenges').values(row).execute();
}

export async function findLoginChallenge(db: Db, tokenHash: Uint8Array, now: Date) {
  return db
    .selectFrom('login_challenges')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteLoginChallenges(db: Db, memberId: string) {
  await db.deleteFrom('login_challenges').where('member_id', '=', memberId).execute();
}

// ---- recovery codes ------------------------------------------------------------------

export async function replaceRecoveryCodes(
  db: Db,
  memberId: string,
  rows: { id: string; code_hash: Uint8Array }[],
) {
  await db.deleteFrom('recovery_codes').where('member_id', '=', memberId).execute();
  if (rows.length > 0) {
    await db
      .insertInto('recovery_codes')
      .values(rows.map((r) => ({ ...r, member_id: memberId })))
      .execute();
  }
}

/** Marks an unused recovery code used; returns false if there was none to use. */
export async function useRecoveryCode(
  db: Db,
  memberId: string,
  codeHash: Uint8Array,
  at: Date,
): Promise<boolean> {
  const rows = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('member_id', '=', memberId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length === 1;
}

// ---- recovery challenges -------------------------------------------------------------

export async function insertRecoveryChallenge(
  db: Db,
  row: { nonce: Uint8Array; organisation_id: string; expires_at: Date },
) {
  await db.insertInto('recovery_challenges').values(row).execute();
}

export async function takeRecoveryChallenge(
  db: Db,
  nonce: Uint8Array,
  organisationId: string,
  now: Date,
) {
  const row = await db
    .deleteFrom('recovery_challenges')
    .where('nonce', '=', nonce)
    .where('organisation_id', '=', organisationId)
    .returningAll()
    .executeTakeFirst();
  return row && row.expires_at > now ? row : undefined;
}

// ---- sign-in throttling (keyed by e-mail index, whether or not an account exists) -----

export async function lockThrottle(trx: Transaction<DB>, emailIndex: Uint8Array) {
  return trx
    .selectFrom('login_throttle')
    .selectAll()
    .where('email_index', '=', emailIndex)
    .forUpdate()
    .executeTakeFirst();
}

/** Counts one failure and returns the new count. */
export async function countThrottleFailure(
  db: Db,
  emailIndex: Uint8Array,
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('login_throttle')
    .values({ email_index: emailIndex, failures: 1, locked_until: null, updated_at: at })
    .onConflict((oc) =>
      oc
        .column('email_index')
        .doUpdateSet((eb) => ({ failures: eb('login_throttle.failures', '+', 1), updated_at: at })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function setThrottleLock(db: Db, emailIndex: Uint8Array, until: Date) {
  await db
    .updateTable('login_throttle')
    .set({ locked_until: until })
    .where('email_index', '=', emailIndex)
    .execute();
}

export async function clearThrottle(db: Db, emailIndex: Uint8Array) {
  await db.deleteFrom('login_throttle').where('email_index', '=', emailIndex).execute();
}
