import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import { listMembers as listRows } from './organisations.repository.ts';

/** The organisation's members with their sealed e-mails and names; the read is audited. */
export async function listMembers(options: { deps: AccountsDeps; actor: Actor }) {
  const { deps, actor } = options;
  authorise(actor, 'members.read', actor.organisationId);
  return deps.db.transaction().execute(async (trx) => {
    const rows = await listRows(trx, actor.organisationId);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'members.read',
      objectType: 'organisation',
      objectId: actor.organisationId,
      fields: { sealedFields: ['email_sealed', 'display_name_sealed'], count: rows.length },
    });
    return rows;
  });
}
