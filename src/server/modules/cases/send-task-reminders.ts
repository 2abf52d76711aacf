import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import { listDueReminders, markReminded } from './case-work.repository.ts';
import { notifyMembers } from './notify-members.ts';

/**
 * Sends each open task's reminder once, when its reminder time has come: a task_due
 * notification to its owner. The task is marked reminded in the same transaction, so a
 * repeated run sends nothing twice; changing the reminder time arms it again.
 */
export async function sendTaskReminders(options: { db: Kysely<DB>; now: Date }) {
  const { db, now } = options;
  let sent = 0;
  for (const task of await listDueReminders(db, now)) {
    await db.transaction().execute(async (trx) => {
      if (!(await markReminded(trx, task.id, now))) return;
      if (!task.owner_member_id) return;
      sent += 1;
      await notifyMembers(trx, {
        organisationId: task.organisation_id,
        memberIds: [task.owner_member_id],
        kind: 'task_due',
        caseId: task.case_id,
        taskId: task.id,
        now,
      });
    });
  }
  return { sent };
}
