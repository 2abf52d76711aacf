import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { appendVersion, changedFields, findVersion } from '../records/history.repository.ts';
import { caseChangesFrom, caseSnapshot } from './case-history.ts';
import type { CasesDeps } from './cases.deps.ts';
import { findCaseVersioned, findLinkTarget, updateCaseVersioned } from './cases.repository.ts';
import { lockVisibleCase } from './load-case.ts';
import { editConflict } from './update-case.ts';

/**
 * Restores an earlier version of a case: its snapshot is written back as a new version
 * (history only grows). A central person deleted since is left out. The restore names the
 * version it was made on, like an edit.
 */
export async function restoreCaseVersion(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The version to bring back. */
  version: number;
  /** The current version the member was looking at. */
  expectedVersion: number;
}) {
  const { deps, actor, caseId, version, expectedVersion } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.write');
    if (kase.version !== expectedVersion) throw editConflict(kase.version);
    const old = await findVersion(trx, caseId, version);
    if (!old) throw notFound('That version');
    const before = await findCaseVersioned(trx, caseId);
    if (!before) throw new Error('the case disappeared inside its transaction');
    const changes = caseChangesFrom(old.snapshot);
    if (changes.central_person_id) {
      const person = await findLinkTarget(trx, 'person', changes.central_person_id);
      if (!person) changes.central_person_id = null;
    }
    changes.closed_at = changes.status === 'closed' ? (kase.closed_at ?? now) : null;
    const afterSnapshot = caseSnapshot({ ...before, ...changes });
    const changed = changedFields(caseSnapshot(before), afterSnapshot);
    const newVersion = await updateCaseVersioned(trx, caseId, expectedVersion, changes, {
      memberId: actor.memberId,
      now,
    });
    if (newVersion === undefined) throw editConflict(kase.version);
    await appendVersion(trx, {
      id: crypto.randomUUID(),
      organisationId: actor.organisationId,
      recordType: 'case',
      recordId: caseId,
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
      action: 'case.restored',
      objectType: 'case',
      objectId: caseId,
      fields: { restoredFrom: version, version: newVersion, changed },
    });
    return { id: caseId, version: newVersion };
  });
}
