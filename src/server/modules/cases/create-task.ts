import type { z } from 'zod';
import type { createTask as createTaskSchema } from '../../../common/api/cases.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { appendVersion } from '../records/history.repository.ts';
import { findTask, insertTask, taskIdTaken } from './case-work.repository.ts';
import { taskSnapshot } from './case-history.ts';
import type { CasesDeps } from './cases.deps.ts';
import { caseKey } from './case-key.ts';
import { touchCase } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';
import { requireTaskOwner } from './task-owner.ts';

/** A reminder after the deadline is a mistake worth saying so. */
export function checkReminder(dueAt: Date | null, remindAt: Date | null): void {
  if (dueAt && remindAt && remindAt.getTime() > dueAt.getTime()) {
    throw badRequest('reminder_after_due', 'Set the reminder before the deadline.');
  }
}

/**
 * Adds a task to a case: an owner, a deadline, a reminder time, and a title and notes
 * sealed under the case's key by the browser (which chose the id they are bound to).
 */
export async function createTask(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The validated request body. */
  input: z.output<typeof createTaskSchema>;
}) {
  const { deps, actor, caseId, input } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.write');
    if (await taskIdTaken(trx, input.id)) {
      throw conflict('id_taken', 'A task with this id exists already; create it again.');
    }
    const ownerMemberId = input.ownerMemberId ?? null;
    if (ownerMemberId) await requireTaskOwner(trx, kase, ownerMemberId);
    const dueAt = input.dueAt ? new Date(input.dueAt) : null;
    const remindAt = input.remindAt ? new Date(input.remindAt) : null;
    checkReminder(dueAt, remindAt);
    await insertTask(trx, {
      id: input.id,
      organisationId: kase.organisation_id,
      caseId,
      ownerMemberId,
      dueAt,
      remindAt,
      sealedTitle: fromB64(input.sealedTitle),
      sealedNotes: input.sealedNotes ? fromB64(input.sealedNotes) : null,
      memberId: actor.memberId,
      now,
    });
    await touchCase(trx, caseId, now);
    const task = await findTask(trx, input.id);
    if (!task) throw new Error('the task disappeared inside its transaction');
    const snapshot = taskSnapshot(task);
    await appendVersion(trx, {
      id: crypto.randomUUID(),
      organisationId: kase.organisation_id,
      recordType: 'task',
      recordId: input.id,
      version: 1,
      memberId: actor.memberId,
      changedAt: now,
      changeKind: 'create',
      changedFields: Object.keys(snapshot),
      snapshot,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'task.created',
      objectType: 'task',
      objectId: input.id,
      fields: { caseId, ownerMemberId, dueAt: dueAt?.toISOString() ?? null },
    });
    return { task, kase, sealedRecordKey: await caseKey(trx, kase.id, actor.organisationId) };
  });
}
