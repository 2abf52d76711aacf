import type { Actor } from '../../../common/policy/permissions.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { endSession as endSessionRow, findSession } from './sign-in.repository.ts';

/** Ends one of the actor's own sessions (logout, or "sign out that phone"). */
export async function endSession(options: {
  deps: AccountsDeps;
  actor: Actor;
  sessionId: string;
}): Promise<void> {
  const { deps, actor } = options;
  await deps.db.transaction().execute(async (trx) => {
    const session = await findSession(trx, options.sessionId);
    // Another member's session is "not found": its existence is not disclosed.
    if (!session || session.member_id !== actor.memberId || session.ended_at)
      throw notFound('The session');
    await endSessionRow(trx, session.id, deps.now());
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'session.ended',
      objectType: 'session',
      objectId: session.id,
    });
  });
}
