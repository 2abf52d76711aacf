import type { z } from 'zod';
import type { recordConsent as recordConsentSchema } from '../../../common/api/cases.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { lockVisibleCase } from './load-case.ts';
import {
  findConsent,
  findLinkedReportWishes,
  findOrganisation,
  insertConsent,
} from './referrals.repository.ts';

/**
 * Records the consent of the person a case is about to share it with a partner: what it
 * covers (the case always; incidents, people, interventions, reports as they agreed), for
 * one partner or any, and how it was given — written down by a member (a note sealed under
 * the case key), or asked for on the report form (the linked report's wishes include
 * referral). Without a consent that covers it, no referral is possible.
 */
export async function recordConsent(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The validated request body. */
  input: z.output<typeof recordConsentSchema>;
}) {
  const { deps, actor, caseId, input } = options;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'cases.write');
    if (await findConsent(trx, input.id)) {
      throw conflict('id_taken', 'A consent with this id exists already; record it again.');
    }
    const partnerId = input.partnerOrganisationId ?? null;
    if (partnerId) {
      const partner = await findOrganisation(trx, partnerId);
      if (!partner || partnerId === kase.organisation_id) {
        throw badRequest('invalid_partner', 'Choose another organisation on this server.');
      }
    }
    let reportId: string | null = null;
    if (input.source === 'report') {
      const report = input.reportId
        ? await findLinkedReportWishes(trx, caseId, input.reportId)
        : undefined;
      if (!report?.wishes.includes('referral')) {
        throw badRequest(
          'no_consent_in_report',
          'That report is not linked to this case or did not ask for referral to another organisation. Record how consent was given instead.',
        );
      }
      reportId = report.id;
    }
    await insertConsent(trx, {
      id: input.id,
      organisationId: kase.organisation_id,
      caseId,
      source: input.source,
      reportId,
      scope: input.scope,
      partnerOrganisationId: partnerId,
      sealedNote: input.sealedNote ? fromB64(input.sealedNote) : null,
      memberId: actor.memberId,
      now,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'consent.recorded',
      objectType: 'case',
      objectId: caseId,
      fields: {
        consentId: input.id,
        source: input.source,
        scope: input.scope,
        partnerOrganisationId: partnerId,
        reportId,
      },
    });
    const consent = await findConsent(trx, input.id);
    if (!consent) throw new Error('the consent disappeared inside its transaction');
    return consent;
  });
}
