import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import { lockMember, updateMember, upsertKeyGrant } from './organisations.repository.ts';
import { decodeKey } from './credentials.ts';

export interface ApproveMemberOptions {
  deps: AccountsDeps;
  actor: Actor;
  memberId: string;
  /** The organisation private key sealed by the admin's browser to the member's public key. */
  sealedOrgKey: string;
}

/** Activates a pending member and stores the key grant the admin's browser made. */
export async function approveMember(options: ApproveMemberOptions) {
  const { deps, actor } = options;
  authorise(actor, 'members.manage', actor.organisationId);
  return deps.db.transaction().execute(async (trx) => {
    const member = await lockMember(trx, options.memberId);
    if (!member || member.organisation_id !== actor.organisationId) throw notFound('The member');
    if (member.status !== 'pending')
      throw conflict('not_pending', 'This member is not waiting for approval.');
    const now = deps.now();
    await upsertKeyGrant(trx, {
      id: randomUUID(),
      organisation_id: actor.organisationId,
      member_id: member.id,
      sealed_org_key: decodeKey(options.sealedOrgKey, 'sealedOrgKey'),
      granted_by: actor.memberId,
      created_at: now,
    });
    const updated = await updateMember(trx, member.id, {
      status: 'active',
      approved_at: now,
      approved_by: actor.memberId,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.approved',
      objectType: 'member',
      objectId: member.id,
      fields: { keyGrant: true, role: member.role },
    });
    return updated;
  });
}
