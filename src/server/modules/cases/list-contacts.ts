import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { listContacts as listContactsOf } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { loadCase } from './load-case.ts';

/** The contacts with the case's central person, newest first (notes sealed: audited). */
export async function listContacts(options: { deps: CasesDeps; actor: Actor; caseId: string }) {
  const { deps, actor, caseId } = options;
  return deps.db.transaction().execute(async (trx) => {
    await loadCase(trx, actor, caseId, 'cases.read');
    const contacts = await listContactsOf(trx, caseId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.contacts_viewed',
      objectType: 'case',
      objectId: caseId,
    });
    return contacts;
  });
}
