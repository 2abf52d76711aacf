import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { CasesDeps } from './cases.deps.ts';
import { authoriseCases } from './cases.policy.ts';
import {
  findBundleCase,
  findReferral,
  listBundleActs,
  listBundleFiles,
  listBundleIncidents,
  listBundleInterventions,
  listBundlePeople,
  listBundleReports,
  listReferralKeyCopies,
} from './referrals.repository.ts';

/**
 * What an accepted referral shares, for the receiving organisation: the case and exactly
 * the records whose keys the referral gave it (coded fields, sealed fields, and its own
 * sealed key copies). Which records those are comes from the key copies themselves, so a
 * record outside the consented scope cannot appear: it has no key copy for this partner.
 * Tasks, contacts and consent notes stay with the referring organisation. An audited read.
 */
export async function getReferralBundle(options: {
  deps: CasesDeps;
  actor: Actor;
  referralId: string;
}) {
  const { deps, actor, referralId } = options;
  authoriseCases(actor, 'cases.read');
  return deps.db.transaction().execute(async (trx) => {
    const referral = await findReferral(trx, referralId);
    if (!referral || referral.to_organisation_id !== actor.organisationId) {
      throw notFound('The referral');
    }
    if (referral.status !== 'accepted') {
      throw conflict(
        'referral_not_accepted',
        `This referral is ${referral.status}; its records open only once it is accepted.`,
      );
    }
    const copies = await listReferralKeyCopies(trx, referralId);
    const keys = new Map(copies.map((c) => [c.record_id, c.sealed_key]));
    const idsOf = (type: string) =>
      copies.filter((c) => c.record_type === type).map((c) => c.record_id);
    const caseKey = keys.get(referral.case_id);
    const kase = await findBundleCase(trx, referral.case_id);
    if (!caseKey || !kase) throw notFound('The referral');
    const incidents = await listBundleIncidents(trx, idsOf('incident'));
    const acts = await listBundleActs(
      trx,
      incidents.map((i) => i.id),
    );
    const people = await listBundlePeople(trx, idsOf('person'));
    const interventions = await listBundleInterventions(trx, idsOf('intervention'));
    const reports = await listBundleReports(trx, idsOf('report'));
    const files = await listBundleFiles(trx, idsOf('report_file'));
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'referral.bundle_viewed',
      objectType: 'referral',
      objectId: referralId,
      fields: { records: copies.length },
    });
    return {
      referral,
      kase,
      caseKey,
      keys,
      incidents,
      acts,
      people,
      interventions,
      reports,
      files,
    };
  });
}
export type ReferralBundleParts = Awaited<ReturnType<typeof getReferralBundle>>;
