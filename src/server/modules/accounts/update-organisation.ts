import type { z } from 'zod';
import type { updateOrganisationRequest } from '../../../common/api/accounts.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { authorise } from './accounts.policy.ts';
import { findMember, updateOrganisation as updateRow } from './organisations.repository.ts';
import { conflict } from '../../http/errors.ts';

/** Changes organisation settings (name, default language, required 2FA). */
export async function updateOrganisation(options: {
  deps: AccountsDeps;
  actor: Actor;
  patch: z.infer<typeof updateOrganisationRequest>;
}) {
  const { deps, actor, patch } = options;
  authorise(actor, 'organisation.update', actor.organisationId);
  return deps.db.transaction().execute(async (trx) => {
    if (patch.requireTotp) {
      // Requiring it while not using it would lock the admin out of these settings.
      const self = await findMember(trx, actor.memberId);
      if (!self?.totp_enabled) {
        throw conflict(
          'enable_totp_first',
          'Turn on two-factor sign-in for your own account before requiring it of everyone.',
        );
      }
    }
    const updated = await updateRow(trx, actor.organisationId, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.defaultLocale !== undefined && { default_locale: patch.defaultLocale }),
      ...(patch.requireTotp !== undefined && { require_totp: patch.requireTotp }),
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'organisation.updated',
      objectType: 'organisation',
      objectId: actor.organisationId,
      fields: { changed: Object.keys(patch) },
    });
    return updated;
  });
}
