// SQL of sign-in state: sessions, second-factor challenges, recovery codes, recovery
// challenges and throttling. No IP address or user agent is stored in any of it.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import type { Db } from './organisations.repository.ts';

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

/**
 * The live session behind a token with what authorisation needs about its member and
 * organisation, in one query: this runs on every authenticated request.
 */
export async function findLiveSessionByTokenHash(db: Db, tokenHash: Uint8Array, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('members', 'members.id', 'sessions.member_id')
    .innerJoin('organisations', 'organisations.id', 'members.organisation_id')
    .select([
      'sessions.id',
      'sessions.last_seen_at',
      'members.id as member_id',
      'members.organisation_id',
      'members.role',
      'members.status',
      'members.totp_enabled',
      'organisations.require_totp',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.ended_at', 'is', null)
    .where('sessions.idle_expires_at', '>', now)
    .where('sessions.absolute_expires_at', '>', now)
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
