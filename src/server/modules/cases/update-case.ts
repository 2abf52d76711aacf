import type { z } from 'zod';
import type { updateCase as updateCaseSchema } from '../../../common/api/cases.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { appendVersion, changedFields } from '../records/history.repository.ts';
import { caseSnapshot } from './case-history.ts';
import type { CasesDeps } from './cases.deps.ts';
import {
  findCaseVersioned,
  insertLink,
  updateCaseVersioned,
  type CaseChanges,
} from './cases.repository.ts';
import { requirePersonOf } from './create-case.ts';
import { lockVisibleCase } from './load-case.ts';

export function editConflict(current: number) {
  return conflict(
    'edit_conflict',
    `Someone else changed this since you opened it (now version ${current}). Reload, then make your change again.`,
  );
}

/**
 * Edits a case's sealed title and goal, restriction, central person and alert days. The
 * edit names the version it was made on; if the case moved on since, nothing is written
 * and the answer is 409 edit_conflict, so no one's change is silently lost.
 */
export async function updateCase(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The validated request body. */
  input: z.output<typeof updateCaseSchema>;
}) {
  const { deps, actor, caseId, input } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.write');
    if (kase.version !== input.expectedVersion) throw editConflict(kase.version);
    const before = await findCaseVersioned(trx, caseId);
    if (!before) throw new Error('the case disappeared inside its transaction');
    const changes: CaseChanges = {};
    if (input.sealedTitle !== undefined) changes.sealed_title = fromB64(input.sealedTitle);
    if (input.sealedGoal !== undefined) {
      changes.sealed_goal = input.sealedGoal === null ? null : fromB64(input.sealedGoal);
    }
    if (input.restricted !== undefined) changes.restricted = input.restricted;
    if (input.contactAlertDays !== undefined) changes.contact_alert_days = input.contactAlertDays;
    if (input.centralPersonId !== undefined) {
      if (input.centralPersonId) {
        await requirePersonOf(trx, input.centralPersonId, actor.organisationId);
      }
      changes.central_person_id = input.centralPersonId;
    }
    const beforeSnapshot = caseSnapshot(before);
    const afterSnapshot = caseSnapshot({ ...before, ...changes });
    const changed = changedFields(beforeSnapshot, afterSnapshot);
    if (changed.length === 0) return { id: caseId, version: kase.version };
    const version = await updateCaseVersioned(trx, caseId, input.expectedVersion, changes, {
      memberId: actor.memberId,
      now,
    });
    if (version === undefined) throw editConflict(kase.version);
    if (changes.central_person_id) {
      await insertLink(trx, 'person', {
        caseId,
        recordId: changes.central_person_id,
        organisationId: actor.organisationId,
        now,
      });
    }
    await appendVersion(trx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      recordType: 'case',
      recordId: caseId,
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
      action: 'case.updated',
      objectType: 'case',
      objectId: caseId,
      fields: { version, changed },
    });
    return { id: caseId, version };
  });
}
