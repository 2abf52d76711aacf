import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { createCase as createCaseSchema } from '../../../common/api/cases.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { appendVersion } from '../records/history.repository.ts';
import { insertRecordKey } from '../records/record-keys.repository.ts';
import { caseSnapshot } from './case-history.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import {
  caseIdTaken,
  findCaseVersioned,
  findLinkTarget,
  insertCase,
  insertCaseMember,
  insertLink,
  referenceTaken,
  type Db,
} from './cases.repository.ts';

const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

async function newReference(db: Db, organisationId: string): Promise<string> {
  for (;;) {
    const bytes = randomBytes(6);
    const reference = `C-${[...bytes].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
    if (!(await referenceTaken(db, organisationId, reference))) return reference;
  }
}

/** Checks that a person exists in the organisation (a central person must). */
export async function requirePersonOf(db: Db, personId: string, organisationId: string) {
  const person = await findLinkTarget(db, 'person', personId);
  if (!person || person.organisation_id !== organisationId) {
    throw badRequest('invalid_person', 'Choose a person recorded by your organisation.');
  }
}

/**
 * Opens a case. The browser chose its id, generated its record key and sealed it to the
 * organisation; the title and goal are sealed under that key. The creator is assigned, so a
 * restricted case stays visible to whoever opened it. The central person is linked too.
 */
export async function createCase(options: {
  deps: CasesDeps;
  actor: Actor;
  /** The validated request body. */
  input: z.output<typeof createCaseSchema>;
}) {
  const { deps, actor, input } = options;
  authoriseCases(actor, 'cases.write');
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    if (await caseIdTaken(trx, input.id)) {
      throw conflict('id_taken', 'A case with this id exists already; create it again.');
    }
    const centralPersonId = input.centralPersonId ?? null;
    if (centralPersonId) await requirePersonOf(trx, centralPersonId, actor.organisationId);
    const reference = await newReference(trx, actor.organisationId);
    await insertCase(trx, {
      id: input.id,
      organisationId: actor.organisationId,
      reference,
      status: input.status,
      restricted: input.restricted,
      centralPersonId,
      contactAlertDays: input.contactAlertDays ?? null,
      sealedTitle: fromB64(input.sealedTitle),
      sealedGoal: input.sealedGoal ? fromB64(input.sealedGoal) : null,
      memberId: actor.memberId,
      now,
    });
    await insertRecordKey(trx, {
      recordId: input.id,
      recordType: 'case',
      organisationId: actor.organisationId,
      sealedKey: fromB64(input.sealedRecordKey),
      now,
    });
    await insertCaseMember(trx, {
      caseId: input.id,
      memberId: actor.memberId,
      organisationId: actor.organisationId,
      by: actor.memberId,
      now,
    });
    if (centralPersonId) {
      await insertLink(trx, 'person', {
        caseId: input.id,
        recordId: centralPersonId,
        organisationId: actor.organisationId,
        now,
      });
    }
    const stored = await findCaseVersioned(trx, input.id);
    if (!stored) throw new Error('the case disappeared inside its transaction');
    const snapshot = caseSnapshot(stored);
    await appendVersion(trx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      recordType: 'case',
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
      action: 'case.created',
      objectType: 'case',
      objectId: input.id,
      fields: { reference, status: input.status, restricted: input.restricted },
    });
    return { id: input.id, reference, version: 1 };
  });
}
