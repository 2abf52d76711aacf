// SQL of invitation links and first-run setup tokens (both stored only as hashes).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import type { Db } from './organisations.repository.ts';

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
