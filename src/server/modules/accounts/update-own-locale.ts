import type { Locale } from '../../../common/api/accounts.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { updateMember } from './organisations.repository.ts';

/** Remembers the member's interface language. */
export async function updateOwnLocale(options: {
  deps: AccountsDeps;
  actor: Actor;
  locale: Locale;
}) {
  const { deps, actor } = options;
  await deps.db.transaction().execute(async (trx) => {
    await updateMember(trx, actor.memberId, { locale: options.locale });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'member.updated',
      objectType: 'member',
      objectId: actor.memberId,
      fields: { changed: ['locale'], locale: options.locale },
    });
  });
}
