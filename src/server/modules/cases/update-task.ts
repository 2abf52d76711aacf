import type { z } from 'zod';
import type { updateTask as updateTaskSchema } from '../../../common/api/cases.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { appendVersion, changedFields } from '../records/history.repository.ts';
import { findTask, updateTaskVersioned, type TaskChanges } from './case-work.repository.ts';
import { taskSnapshot } from './case-history.ts';
import type { CasesDeps } from './cases.deps.ts';
import { caseKey } from './case-key.ts';
import { touchCase } from './cases.repository.ts';
import { checkReminder } from './create-task.ts';
import { lockVisibleTask } from './load-task.ts';
import { requireTaskOwner } from './task-owner.ts';
import { editConflict } from './update-case.ts';

/**
 * Edits a task: owner, deadline, reminder, status, sealed title and notes. Like a case,
 * the edit names the version it was made on (409 edit_conflict otherwise). Marking it done
 * stamps completed_at; a new reminder time is reminded again.
 */
export async function updateTask(options: {
  deps: CasesDeps;
  actor: Actor;
  taskId: string;
  /** The validated request body. */
  input: z.output<typeof updateTaskSchema>;
}) {
  const { deps, actor, taskId, input } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const { task, kase } = await lockVisibleTask(trx, actor, taskId, 'cases.write');
    if (task.version !== input.expectedVersion) throw editConflict(task.version);
    const changes: TaskChanges = {};
    if (input.ownerMemberId !== undefined) {
      if (input.ownerMemberId) await requireTaskOwner(trx, kase, input.ownerMemberId);
      changes.owner_member_id = input.ownerMemberId;
    }
    if (input.dueAt !== undefined) changes.due_at = input.dueAt ? new Date(input.dueAt) : null;
    if (input.remindAt !== undefined) {
      changes.remind_at = input.remindAt ? new Date(input.remindAt) : null;
    }
    if (input.status !== undefined) changes.status = input.status;
    if (input.sealedTitle !== undefined) changes.sealed_title = fromB64(input.sealedTitle);
    if (input.sealedNotes !== undefined) {
      changes.sealed_notes = input.sealedNotes === null ? null : fromB64(input.sealedNotes);
    }
    const merged = { ...task, ...changes };
    checkReminder(merged.due_at, merged.remind_at);
    const beforeSnapshot = taskSnapshot(task);
    const afterSnapshot = taskSnapshot(merged);
    const changed = changedFields(beforeSnapshot, afterSnapshot);
    if (changed.length === 0) {
      return { task, kase, sealedRecordKey: await caseKey(trx, kase.id, actor.organisationId) };
    }
    if (changed.includes('remind_at')) changes.reminded_at = null;
    if (changed.includes('status')) changes.completed_at = merged.status === 'done' ? now : null;
    const version = await updateTaskVersioned(trx, taskId, input.expectedVersion, changes, {
      memberId: actor.memberId,
      now,
    });
    if (version === undefined) throw editConflict(task.version);
    await touchCase(trx, kase.id, now);
    await appendVersion(trx, {
      id: crypto.randomUUID(),
      organisationId: kase.organisation_id,
      recordType: 'task',
      recordId: taskId,
      version,
      memberId: actor.memberId,
      changedAt: now,
      changeKind: 'update',
      changedFields: changed,
      snapshot: afterSnapshot,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'task.updated',
      objectType: 'task',
      objectId: taskId,
      fields: { caseId: kase.id, version, changed },
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
