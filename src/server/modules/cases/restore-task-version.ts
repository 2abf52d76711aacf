import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { appendVersion, changedFields, findVersion } from '../records/history.repository.ts';
import { findMember } from './cases.repository.ts';
import { findTask, updateTaskVersioned } from './case-work.repository.ts';
import { taskChangesFrom, taskSnapshot } from './case-history.ts';
import type { CasesDeps } from './cases.deps.ts';
import { caseKey } from './case-key.ts';
import { lockVisibleTask } from './load-task.ts';
import { editConflict } from './update-case.ts';

/**
 * Restores an earlier version of a task as a new version. An owner who is no longer an
 * active member is left out; the reminder is armed again if its time changed.
 */
export async function restoreTaskVersion(options: {
  deps: CasesDeps;
  actor: Actor;
  taskId: string;
  /** The version to bring back. */
  version: number;
  /** The current version the member was looking at. */
  expectedVersion: number;
}) {
  const { deps, actor, taskId, version, expectedVersion } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const { task, kase } = await lockVisibleTask(trx, actor, taskId, 'cases.write');
    if (task.version !== expectedVersion) throw editConflict(task.version);
    const old = await findVersion(trx, taskId, version);
    if (!old) throw notFound('That version');
    const changes = taskChangesFrom(old.snapshot);
    if (changes.owner_member_id) {
      const owner = await findMember(trx, changes.owner_member_id);
      if (owner?.status !== 'active') changes.owner_member_id = null;
    }
    const afterSnapshot = taskSnapshot({ ...task, ...changes });
    const changed = changedFields(taskSnapshot(task), afterSnapshot);
    if (changed.includes('remind_at')) changes.reminded_at = null;
    if (changed.includes('status')) changes.completed_at = changes.status === 'done' ? now : null;
    const newVersion = await updateTaskVersioned(trx, taskId, expectedVersion, changes, {
      memberId: actor.memberId,
      now,
    });
    if (newVersion === undefined) throw editConflict(task.version);
    await appendVersion(trx, {
      id: crypto.randomUUID(),
      organisationId: kase.organisation_id,
      recordType: 'task',
      recordId: taskId,
      version: newVersion,
      memberId: actor.memberId,
      changedAt: now,
      changeKind: 'restore',
      changedFields: changed,
      snapshot: afterSnapshot,
      restoredFrom: version,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'task.restored',
      objectType: 'task',
      objectId: taskId,
      fields: { caseId: kase.id, restoredFrom: version, version: newVersion, changed },
    });
    const updated = await findTask(trx, taskId);
    if (!updated) throw new Error('the task disappeared inside its transaction');
    return {
      task: updated,
      kase,
      sealedRecordKey: await caseKey(trx, kase.id, actor.organisationId),
    };
  });
}
