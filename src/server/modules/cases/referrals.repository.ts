// SQL of consent, referrals between organisations and partner organisations, and of the
// records a referral shares (read straight from the records and reports tables). Every
// function takes the database or transaction handle explicitly.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;

// ---- consent ------------------------------------------------------------------------------

const CONSENT_COLUMNS = [
  'id',
  'organisation_id',
  'case_id',
  'source',
  'report_id',
  'scope',
  'partner_organisation_id',
  'sealed_note',
  'recorded_by',
  'recorded_at',
  'withdrawn_at',
] as const;

export async function listConsents(db: Db, caseId: string) {
  return db
    .selectFrom('consents')
    .select(CONSENT_COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}
export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number];

export async function findConsent(db: Db, consentId: string): Promise<ConsentRow | undefined> {
  return db
    .selectFrom('consents')
    .select(CONSENT_COLUMNS)
    .where('id', '=', consentId)
    .executeTakeFirst();
}

export async function insertConsent(
  db: Db,
  row: {
    id: string;
    organisationId: string;
    caseId: string;
    source: string;
    reportId: string | null;
    scope: readonly string[];
    partnerOrganisationId: string | null;
    sealedNote: Uint8Array | null;
    memberId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      case_id: row.caseId,
      source: row.source,
      report_id: row.reportId,
      scope: [...row.scope],
      partner_organisation_id: row.partnerOrganisationId,
      sealed_note: row.sealedNote,
      recorded_by: row.memberId,
      recorded_at: row.now,
      withdrawn_at: null,
    })
    .execute();
}

export async function withdrawConsentRow(db: Db, consentId: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('consents')
    .set({ withdrawn_at: at })
    .where('id', '=', consentId)
    .where('withdrawn_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** A report linked to the case, with the wishes its reporter ticked. */
export async function findLinkedReportWishes(db: Db, caseId: string, reportId: string) {
  return db
    .selectFrom('case_reports as cr')
    .innerJoin('reports as r', 'r.id', 'cr.report_id')
    .select(['r.id', 'r.wishes'])
    .where('cr.case_id', '=', caseId)
    .where('cr.report_id', '=', reportId)
    .executeTakeFirst();
}

// ---- partners -----------------------------------------------------------------------------

export async function listPartners(db: Db, organisationId: string) {
  return db
    .selectFrom('partner_organisations as p')
    .innerJoin('organisations as o', 'o.id', 'p.partner_organisation_id')
    .select(['o.id', 'o.name', 'o.slug', 'o.public_key', 'p.created_at'])
    .where('p.organisation_id', '=', organisationId)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

export async function findPartner(db: Db, organisationId: string, partnerId: string) {
  return db
    .selectFrom('partner_organisations as p')
    .innerJoin('organisations as o', 'o.id', 'p.partner_organisation_id')
    .select(['o.id', 'o.name', 'o.public_key'])
    .where('p.organisation_id', '=', organisationId)
    .where('p.partner_organisation_id', '=', partnerId)
    .executeTakeFirst();
}

/** Every other organisation on the instance, and whether either side lists the other. */
export async function listOtherOrganisations(db: Db, organisationId: string) {
  return db
    .selectFrom('organisations as o')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.slug',
      eb
        .exists(
          eb
            .selectFrom('partner_organisations as p')
            .select('p.partner_organisation_id')
            .where('p.organisation_id', '=', organisationId)
            .whereRef('p.partner_organisation_id', '=', 'o.id'),
        )
        .as('is_partner'),
      eb
        .exists(
          eb
            .selectFrom('partner_organisations as q')
            .select('q.organisation_id')
            .whereRef('q.organisation_id', '=', 'o.id')
            .where('q.partner_organisation_id', '=', organisationId),
        )
        .as('lists_us'),
    ])
    .where('o.id', '<>', organisationId)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

export async function findOrganisation(db: Db, organisationId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'public_key'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

export async function insertPartner(
  db: Db,
  row: { organisationId: string; partnerId: string; memberId: string; now: Date },
): Promise<boolean> {
  const inserted = await db
    .insertInto('partner_organisations')
    .values({
      organisation_id: row.organisationId,
      partner_organisation_id: row.partnerId,
      created_by: row.memberId,
      created_at: row.now,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'partner_organisation_id']).doNothing())
    .returning('partner_organisation_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function deletePartner(db: Db, organisationId: string, partnerId: string) {
  const result = await db
    .deleteFrom('partner_organisations')
    .where('organisation_id', '=', organisationId)
    .where('partner_organisation_id', '=', partnerId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---- referrals ----------------------------------------------------------------------------

function referralRows(db: Db) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('organisations as fo', 'fo.id', 'r.from_organisation_id')
    .innerJoin('organisations as tor', 'tor.id', 'r.to_organisation_id')
    .select([
      'r.id',
      'r.case_id',
      'c.reference as case_reference',
      'r.from_organisation_id',
      'fo.name as from_organisation_name',
      'r.to_organisation_id',
      'tor.name as to_organisation_name',
      'r.consent_id',
      'r.scope',
      'r.status',
      'r.sealed_message',
      'r.sealed_reply',
      'r.created_by',
      'r.created_at',
      'r.decided_at',
    ]);
}
export type ReferralRow = Awaited<
  ReturnType<ReturnType<typeof referralRows>['executeTakeFirstOrThrow']>
>;

export async function findReferral(db: Db, referralId: string): Promise<ReferralRow | undefined> {
  return referralRows(db).where('r.id', '=', referralId).executeTakeFirst();
}

export async function lockReferral(trx: Transaction<DB>, referralId: string) {
  const locked = await trx
    .selectFrom('referrals')
    .select('id')
    .where('id', '=', referralId)
    .forUpdate()
    .executeTakeFirst();
  return locked ? findReferral(trx, referralId) : undefined;
}

export async function listCaseReferrals(db: Db, caseId: string): Promise<ReferralRow[]> {
  return referralRows(db)
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .execute();
}

export async function listReferralsOf(
  db: Db,
  options: {
    organisationId: string;
    direction: 'incoming' | 'outgoing';
    status?: string;
    limit: number;
  },
): Promise<ReferralRow[]> {
  let query = referralRows(db).where(
    options.direction === 'incoming' ? 'r.to_organisation_id' : 'r.from_organisation_id',
    '=',
    options.organisationId,
  );
  if (options.status) query = query.where('r.status', '=', options.status);
  return query.orderBy('r.created_at', 'desc').orderBy('r.id').limit(options.limit).execute();
}

/** A referral of the case to the partner that is still pending or accepted. */
export async function findLiveReferral(db: Db, caseId: string, partnerId: string) {
  return db
    .selectFrom('referrals')
    .select('id')
    .where('case_id', '=', caseId)
    .where('to_organisation_id', '=', partnerId)
    .where('status', 'in', ['pending', 'accepted'])
    .executeTakeFirst();
}

export async function referralIdTaken(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('referrals').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function insertReferral(
  db: Db,
  row: {
    id: string;
    caseId: string;
    fromOrganisationId: string;
    toOrganisationId: string;
    consentId: string;
    scope: readonly string[];
    sealedMessage: Uint8Array | null;
    memberId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('referrals')
    .values({
      id: row.id,
      case_id: row.caseId,
      from_organisation_id: row.fromOrganisationId,
      to_organisation_id: row.toOrganisationId,
      consent_id: row.consentId,
      scope: [...row.scope],
      status: 'pending',
      sealed_message: row.sealedMessage,
      sealed_reply: null,
      created_by: row.memberId,
      created_at: row.now,
      decided_by: null,
      decided_at: null,
    })
    .execute();
}

export async function setReferralStatus(
  db: Db,
  referralId: string,
  change: {
    status: string;
    from: readonly string[];
    memberId: string;
    now: Date;
    sealedReply?: Uint8Array | null;
  },
): Promise<boolean> {
  const row = await db
    .updateTable('referrals')
    .set({
      status: change.status,
      decided_by: change.memberId,
      decided_at: change.now,
      ...(change.sealedReply !== undefined ? { sealed_reply: change.sealedReply } : {}),
    })
    .where('id', '=', referralId)
    .where('status', 'in', [...change.from])
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The key copies a referral gave the partner. */
export async function listReferralKeyCopies(db: Db, referralId: string) {
  return db
    .selectFrom('record_keys')
    .select(['record_id', 'record_type', 'sealed_key', 'organisation_id'])
    .where('referral_id', '=', referralId)
    .orderBy('record_type')
    .orderBy('record_id')
    .execute();
}

// ---- what a scope shares ----------------------------------------------------------------

/** The files of reports, with the file keys sealed to the organisation by intake. */
export async function listReportFileKeys(db: Db, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('report_files')
    .select(['id', 'report_id', 'sealed_file_key'])
    .where('report_id', 'in', [...reportIds])
    .orderBy('report_id')
    .orderBy('id')
    .execute();
}

export async function listReportKeys(db: Db, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  return db
    .selectFrom('reports')
    .select(['id', 'sealed_record_key'])
    .where('id', 'in', [...reportIds])
    .orderBy('id')
    .execute();
}

// ---- the bundle: shared records in full (coded and sealed columns) ----------------------

export async function listBundleIncidents(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('incidents')
    .select([
      'id',
      'reference',
      'incident_date',
      'date_precision',
      'oblast',
      'city',
      'place_type',
      'online_platform',
      'incident_types',
      'bias_motivations',
      'perpetrator_types',
      'odihr_category',
      'crime_status',
      'violation_status',
      'reported_to_police',
      'police_response',
      'sealed_title',
      'sealed_description',
    ])
    .where('id', 'in', [...ids])
    .orderBy('incident_date', (ob) => ob.asc().nullsLast())
    .orderBy('id')
    .execute();
}

export async function listBundleActs(db: Db, incidentIds: readonly string[]) {
  if (incidentIds.length === 0) return [];
  return db
    .selectFrom('acts')
    .select([
      'id',
      'incident_id',
      'act_type',
      'act_date',
      'date_precision',
      'methods',
      'location_type',
      'victim_status_after',
      'physical_consequences',
      'psychological_consequences',
      'economic_consequences',
      'sealed_notes',
    ])
    .where('incident_id', 'in', [...incidentIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listBundlePeople(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('people')
    .select([
      'id',
      'code_name',
      'roles',
      'perpetrator_type',
      'age_group',
      'sealed_name',
      'sealed_contacts',
      'sealed_details',
    ])
    .where('id', 'in', [...ids])
    .orderBy('code_name')
    .execute();
}

export async function listBundleInterventions(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('interventions')
    .select([
      'id',
      'incident_id',
      'intervener_type',
      'intervention_type',
      'submitted_on',
      'response_on',
      'authority_response',
      'status',
      'priority',
      'sealed_title',
      'sealed_notes',
    ])
    .where('id', 'in', [...ids])
    .orderBy('submitted_on', (ob) => ob.asc().nullsLast())
    .orderBy('id')
    .execute();
}

export async function listBundleReports(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('reports')
    .select([
      'id',
      'reference',
      'received_at',
      'incident_types',
      'incident_date',
      'date_precision',
      'oblast',
      'wishes',
      'sealed_details',
    ])
    .where('id', 'in', [...ids])
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

export async function listBundleFiles(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('report_files')
    .select(['id', 'report_id', 'role', 'ciphertext_bytes', 'created_at'])
    .where('id', 'in', [...ids])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findBundleCase(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'reference', 'status', 'outcome', 'created_at', 'sealed_title', 'sealed_goal'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}
