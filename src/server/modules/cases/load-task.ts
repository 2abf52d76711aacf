import type { Transaction } from 'kysely';
import type { Actor, Permission } from '../../../common/policy/permissions.ts';
import type { DB } from '../../db/types.generated.ts';
import { notFound } from '../../http/errors.ts';
import { authoriseCases } from './cases.policy.ts';
import { findTask, lockTask, type TaskRow } from './case-work.repository.ts';
import type { CaseRow, Db } from './cases.repository.ts';
import { loadCase, lockVisibleCase } from './load-case.ts';

/**
 * A task and its case, if the actor may act on the case with `permission`. A task of a
 * case the actor may not see is a 404, exactly like the case.
 */
export async function loadTask(
  db: Db,
  actor: Actor,
  taskId: string,
  permission: Permission,
): Promise<{ task: TaskRow; kase: CaseRow }> {
  authoriseCases(actor, permission);
  const task = await findTask(db, taskId);
  if (!task || task.organisation_id !== actor.organisationId) throw notFound('The task');
  const kase = await loadCase(db, actor, task.case_id, permission).catch(() => {
    throw notFound('The task');
  });
  return { task, kase };
}

/** As `loadTask`, locking the case and then the task (always in that order). */
export async function lockVisibleTask(
  trx: Transaction<DB>,
  actor: Actor,
  taskId: string,
  permission: Permission,
): Promise<{ task: TaskRow; kase: CaseRow }> {
  authoriseCases(actor, permission);
  const found = await findTask(trx, taskId);
  if (!found || found.organisation_id !== actor.organisationId) throw notFound('The task');
  const kase = await lockVisibleCase(trx, actor, found.case_id, permission).catch(() => {
    throw notFound('The task');
  });
  await lockTask(trx, taskId);
  const task = await findTask(trx, taskId);
  if (!task) throw notFound('The task');
  return { task, kase };
}
