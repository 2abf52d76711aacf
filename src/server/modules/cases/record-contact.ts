import type { z } from 'zod';
import type { createContact } from '../../../common/api/cases.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import {
  contactIdTaken,
  insertContact,
  listContacts,
  resolveContactAlerts,
} from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { setLastContact, touchCase } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';

/** Clocks differ a little between a phone and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Records a contact with the person at the centre of a case: when, by which channel, and
 * a note sealed under the case key. It moves the case's last contact forward (a contact
 * entered late, older than the last one, does not move it back) and resolves the open
 * alerts it answers.
 */
export async function recordContact(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The validated request body. */
  input: z.output<typeof createContact>;
}) {
  const { deps, actor, caseId, input } = options;
  const now = deps.now();
  const contactedAt = new Date(input.contactedAt);
  if (contactedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw badRequest('contact_in_future', 'A contact cannot be in the future.');
  }
  return deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.write');
    if (await contactIdTaken(trx, input.id)) {
      throw conflict('id_taken', 'A contact with this id exists already; record it again.');
    }
    await insertContact(trx, {
      id: input.id,
      organisationId: kase.organisation_id,
      caseId,
      contactedAt,
      channel: input.channel,
      sealedNote: input.sealedNote ? fromB64(input.sealedNote) : null,
      memberId: actor.memberId,
      now,
    });
    await setLastContact(trx, caseId, contactedAt);
    await touchCase(trx, caseId, now);
    const resolved = await resolveContactAlerts(trx, caseId, now, contactedAt);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.contact_recorded',
      objectType: 'case',
      objectId: caseId,
      fields: { contactId: input.id, channel: input.channel, alertsResolved: resolved },
    });
    const contacts = await listContacts(trx, caseId, 50);
    const contact = contacts.find((c) => c.id === input.id);
    if (!contact) throw new Error('the contact disappeared inside its transaction');
    return contact;
  });
}
