import { can, type Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findRecordKeys } from '../records/record-keys.repository.ts';
import { listMemberTasks } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases, seesEveryRestrictedCase } from './cases.policy.ts';
import { listCaseRows, listNewReports } from './cases.repository.ts';
import { withKeysAndMembers } from './list-cases.ts';
import { listReferralsOf } from './referrals.repository.ts';

const WEEK_MS = 7 * 86_400_000;
const LIMIT = 50;

/**
 * The actor's dashboard: urgent cases they may see, their own open tasks due within seven
 * days (overdue ones included), new reports (only with reports.read), cases they may see
 * with no contact for longer than their alert days, and referrals awaiting an answer (only
 * with referrals.decide). Restricted cases appear only to their assigned members and
 * admins, as everywhere.
 */
export async function getDashboard(options: { deps: CasesDeps; actor: Actor }) {
  const { deps, actor } = options;
  authoriseCases(actor, 'cases.read');
  const now = deps.now();
  const org = actor.organisationId;
  return deps.db.transaction().execute(async (trx) => {
    const visibility = {
      organisationId: org,
      memberId: actor.memberId,
      seesRestricted: seesEveryRestrictedCase(actor),
      limit: LIMIT,
    };
    const urgent = await listCaseRows(trx, {
      ...visibility,
      statuses: ['urgent'],
      sort: 'updated',
      order: 'desc',
    });
    const overdue = await listCaseRows(trx, {
      ...visibility,
      overdueAt: now,
      sort: 'last_contact',
      order: 'asc',
    });
    const tasks = await listMemberTasks(trx, {
      ...visibility,
      status: 'open',
      dueBefore: new Date(now.getTime() + WEEK_MS),
      limit: 200,
    });
    const caseKeys = await findRecordKeys(trx, [...new Set(tasks.map((t) => t.case_id))], org);
    const newReports = can(actor, 'reports.read', org)
      ? await listNewReports(trx, org, LIMIT)
      : null;
    const pendingReferrals = can(actor, 'referrals.decide', org)
      ? await listReferralsOf(trx, {
          organisationId: org,
          direction: 'incoming',
          status: 'pending',
          limit: LIMIT,
        })
      : null;
    await recordEvent({
      trx,
      organisationId: org,
      actorMemberId: actor.memberId,
      action: 'dashboard.viewed',
      fields: { urgent: urgent.length, overdue: overdue.length, tasks: tasks.length },
    });
    return {
      urgent: await withKeysAndMembers(trx, urgent, org),
      overdue: await withKeysAndMembers(trx, overdue, org),
      tasks,
      caseKeys,
      newReports,
      pendingReferrals,
      now,
    };
  });
}
