import type { Transaction } from 'kysely';
import type { Actor, Permission } from '../../../common/policy/permissions.ts';
import type { DB } from '../../db/types.generated.ts';
import { authoriseCase } from './cases.policy.ts';
import { findCase, lockCase, type CaseRow, type Db } from './cases.repository.ts';

/**
 * Loads a case and checks the actor may act on it with `permission`: a missing case, one
 * of another organisation and a restricted case the actor may not see are all the same 404.
 */
export async function loadCase(
  db: Db,
  actor: Actor,
  caseId: string,
  permission: Permission,
): Promise<CaseRow> {
  const kase = await findCase(db, caseId, actor.memberId);
  authoriseCase(actor, permission, kase);
  return kase;
}

/** As `loadCase`, locking the case row for the rest of the transaction. */
export async function lockVisibleCase(
  trx: Transaction<DB>,
  actor: Actor,
  caseId: string,
  permission: Permission,
): Promise<CaseRow> {
  const kase = await lockCase(trx, caseId, actor.memberId);
  authoriseCase(actor, permission, kase);
  return kase;
}
