import type { z } from 'zod';
import type { sendReferral as sendReferralSchema } from '../../../common/api/cases.ts';
import { fromB64 } from '../../../common/crypto/encoding.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest, conflict, HttpError } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { insertRecordKey } from '../records/record-keys.repository.ts';
import { listActiveMembersWithRoles } from './case-work.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases, memberRolesWith } from './cases.policy.ts';
import { lockVisibleCase } from './load-case.ts';
import { notifyMembers } from './notify-members.ts';
import {
  findConsent,
  findLiveReferral,
  findPartner,
  findReferral,
  insertReferral,
  referralIdTaken,
} from './referrals.repository.ts';
import { sharedRecordsOf } from './shared-records.ts';

const refused = (code: string, message: string) => new HttpError(403, code, message);

/**
 * Refers a case to a partner organisation. Allowed only to an organisation this one lists
 * as a partner, and only under a consent of the case that is not withdrawn, names this
 * partner or any, and covers every part of the requested scope. The browser sends the key
 * of every record the scope covers, sealed to the partner's public key — exactly that set:
 * a key missing or one too many is refused, so nothing outside the consent can be shared
 * by mistake. Any refusal stores nothing. The partner's deciders are notified.
 */
export async function sendReferral(options: {
  deps: CasesDeps;
  actor: Actor;
  caseId: string;
  /** The validated request body. */
  input: z.output<typeof sendReferralSchema>;
}) {
  const { deps, actor, caseId, input } = options;
  authoriseCases(actor, 'referrals.send');
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const kase = await lockVisibleCase(trx, actor, caseId, 'referrals.send');
    if (await referralIdTaken(trx, input.id)) {
      throw conflict('id_taken', 'A referral with this id exists already; send it again.');
    }
    const partner = await findPartner(trx, kase.organisation_id, input.partnerOrganisationId);
    if (!partner) {
      throw refused(
        'not_a_partner',
        'That organisation is not one of your partners. An admin can add it under Partners.',
      );
    }
    const consent = await findConsent(trx, input.consentId);
    if (
      !consent ||
      consent.case_id !== caseId ||
      consent.withdrawn_at !== null ||
      (consent.partner_organisation_id !== null &&
        consent.partner_organisation_id !== input.partnerOrganisationId)
    ) {
      throw refused(
        'no_consent',
        'There is no consent on this case to share it with that organisation. Record the person’s consent first.',
      );
    }
    const beyond = input.scope.filter((s) => !consent.scope.includes(s));
    if (beyond.length > 0) {
      throw refused(
        'beyond_consent',
        `The consent does not cover: ${beyond.join(', ')}. Share less, or record a consent that covers it.`,
      );
    }
    if (await findLiveReferral(trx, caseId, input.partnerOrganisationId)) {
      throw conflict(
        'referral_exists',
        'This case is already referred to that organisation. Withdraw that referral first.',
      );
    }
    const expected = await sharedRecordsOf(trx, {
      caseId,
      organisationId: kase.organisation_id,
      scope: input.scope,
    });
    const keyOf = (r: { recordId: string; recordType: string }) => `${r.recordType}:${r.recordId}`;
    const expectedSet = new Set(expected.map(keyOf));
    const sentSet = new Set(input.keys.map(keyOf));
    const missing = [...expectedSet].filter((k) => !sentSet.has(k));
    const extra = [...sentSet].filter((k) => !expectedSet.has(k));
    if (missing.length > 0 || extra.length > 0 || sentSet.size !== input.keys.length) {
      throw badRequest(
        'key_set_mismatch',
        `The keys sent must be exactly those of the records the scope covers (${missing.length} missing, ${extra.length} not covered${sentSet.size !== input.keys.length ? ', some twice' : ''}). Reload and send again.`,
      );
    }
    const held = await trx
      .selectFrom('record_keys')
      .select('record_id')
      .where('organisation_id', '=', partner.id)
      .where(
        'record_id',
        'in',
        input.keys.map((k) => k.recordId),
      )
      .executeTakeFirst();
    if (held) {
      throw conflict(
        'already_shared',
        'The partner already holds some of these records through another referral.',
      );
    }
    await insertReferral(trx, {
      id: input.id,
      caseId,
      fromOrganisationId: kase.organisation_id,
      toOrganisationId: partner.id,
      consentId: consent.id,
      scope: input.scope,
      sealedMessage: input.sealedMessage ? fromB64(input.sealedMessage) : null,
      memberId: actor.memberId,
      now,
    });
    for (const key of input.keys) {
      await insertRecordKey(trx, {
        recordId: key.recordId,
        recordType: key.recordType,
        organisationId: partner.id,
        sealedKey: fromB64(key.sealedKey),
        referralId: input.id,
        now,
      });
    }
    await notifyMembers(trx, {
      organisationId: partner.id,
      memberIds: await listActiveMembersWithRoles(
        trx,
        partner.id,
        memberRolesWith('referrals.decide'),
      ),
      kind: 'referral_received',
      referralId: input.id,
      now,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'referral.sent',
      objectType: 'referral',
      objectId: input.id,
      fields: {
        caseId,
        toOrganisationId: partner.id,
        consentId: consent.id,
        scope: input.scope,
        keys: input.keys.length,
      },
    });
    const referral = await findReferral(trx, input.id);
    if (!referral) throw new Error('the referral disappeared inside its transaction');
    return referral;
  });
}
