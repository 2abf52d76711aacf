import type { Actor } from '../../../common/policy/permissions.ts';
import { can } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findRecordKey } from '../records/record-keys.repository.ts';
import { findOpenAlert, listCaseTasks, listContacts } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import {
  findCaseVersioned,
  listAssignedMembers,
  listLinkedIncidents,
  listLinkedInterventions,
  listLinkedPeople,
  listLinkedReports,
} from './cases.repository.ts';
import { loadCase } from './load-case.ts';
import { listCaseReferrals, listConsents } from './referrals.repository.ts';

/**
 * A case with everything a member works with: who is assigned, the linked records with
 * their coded summaries and the organisation's key copies, tasks, consents, referrals, the
 * last contact and any open alert. The actor's copy of the case key comes with it, so the
 * browser opens the sealed parts. Handing out sealed data is an audited read.
 */
export async function getCase(options: { deps: CasesDeps; actor: Actor; caseId: string }) {
  const { deps, actor, caseId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const kase = await loadCase(trx, actor, caseId, 'cases.read');
    const org = actor.organisationId;
    const sealedRecordKey = await findRecordKey(trx, caseId, org);
    if (!sealedRecordKey) throw new Error(`case ${caseId} has no key copy for its organisation`);
    const versioned = await findCaseVersioned(trx, caseId);
    const assigned = await listAssignedMembers(trx, [caseId]);
    const incidents = await listLinkedIncidents(trx, caseId, org);
    const people = await listLinkedPeople(trx, caseId, org);
    const interventions = await listLinkedInterventions(trx, caseId, org);
    const reports = await listLinkedReports(trx, caseId);
    const tasks = await listCaseTasks(trx, caseId);
    const consents = await listConsents(trx, caseId);
    const referrals = await listCaseReferrals(trx, caseId);
    const [lastContact] = await listContacts(trx, caseId, 1);
    const openAlert = await findOpenAlert(trx, caseId);
    await recordEvent({
      trx,
      organisationId: org,
      actorMemberId: actor.memberId,
      action: 'case.viewed',
      objectType: 'case',
      objectId: caseId,
    });
    return {
      kase,
      sealedGoal: versioned?.sealed_goal ?? null,
      sealedRecordKey,
      assignedMemberIds: assigned.get(caseId) ?? [],
      incidents,
      people,
      interventions,
      reports,
      mayReadReports: can(actor, 'reports.read', org),
      tasks,
      consents,
      referrals,
      lastContact: lastContact ?? null,
      openAlertSince: openAlert?.since ?? null,
    };
  });
}
export type CaseDetailParts = Awaited<ReturnType<typeof getCase>>;
