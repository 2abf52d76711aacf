import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import { recordEvent } from '../audit/record-event.ts';
import {
  insertContactAlert,
  listActiveAssignees,
  listOverdueCases,
} from './case-work.repository.ts';
import { notifyMembers } from './notify-members.ts';

/**
 * Raises last-contact alerts: for every case that is not closed and has had no contact
 * with its central person for longer than its alert days (the case's own, or the
 * organisation's default), one alert per silence — keyed by when the silence began, the
 * last contact or the case's creation — and a contact_overdue notification to each
 * assigned member. Running again raises nothing new until a contact starts a new silence
 * that runs over in turn, so the job may repeat safely.
 */
export async function checkCaseContacts(options: { db: Kysely<DB>; now: Date }) {
  const { db, now } = options;
  let raised = 0;
  for (const kase of await listOverdueCases(db, now)) {
    const since = kase.last_contact_at ?? kase.created_at;
    await db.transaction().execute(async (trx) => {
      const added = await insertContactAlert(trx, {
        id: randomUUID(),
        organisationId: kase.organisation_id,
        caseId: kase.id,
        since,
        now,
      });
      if (!added) return;
      raised += 1;
      await notifyMembers(trx, {
        organisationId: kase.organisation_id,
        memberIds: await listActiveAssignees(trx, kase.id),
        kind: 'contact_overdue',
        caseId: kase.id,
        now,
      });
      await recordEvent({
        trx,
        organisationId: kase.organisation_id,
        actorMemberId: null,
        action: 'case.contact_overdue',
        objectType: 'case',
        objectId: kase.id,
        fields: { since: since.toISOString(), days: Number(kase.days) },
      });
    });
  }
  return { raised };
}
