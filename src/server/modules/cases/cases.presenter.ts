// Allow-lists what leaves the server about cases. A new column is not exposed until a line
// here names it; the response schemas in src/common/api/cases.ts check the rest. Sealed
// values leave only as base64url envelopes.
import type { z } from 'zod';
import type * as api from '../../../common/api/cases.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import type { StoredVersion } from '../records/history.repository.ts';
import type { CaseRow } from './cases.repository.ts';
import type { CaseDetailParts } from './get-case.ts';
import type { ReferralBundleParts } from './get-referral-bundle.ts';
import type { ContactRow, TaskRow } from './case-work.repository.ts';
import type { ConsentRow, ReferralRow } from './referrals.repository.ts';

type Dto<T extends z.ZodType> = z.infer<T>;
const b64OrNull = (bytes: Uint8Array | null | undefined) => (bytes ? toB64(bytes) : null);
const DAY_MS = 86_400_000;

/** When contact is due: the last contact (or creation) plus the days that apply. */
export function contactDueAt(
  row: Pick<CaseRow, 'last_contact_at' | 'created_at' | 'effective_days'>,
) {
  const from = row.last_contact_at ?? row.created_at;
  return new Date(from.getTime() + row.effective_days * DAY_MS);
}

// The database's check constraints hold these columns to the contract's codes; the
// response schema is the second guard.
export function presentCaseSummary(
  row: CaseRow,
  extra: { assignedMemberIds: readonly string[]; sealedRecordKey: Uint8Array; now: Date },
): Dto<typeof api.caseSummary> {
  const due = contactDueAt(row);
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as Dto<typeof api.caseStatus>,
    outcome: row.outcome as Dto<typeof api.caseOutcome> | null,
    restricted: row.restricted,
    centralPersonId: row.central_person_id,
    centralPersonCodeName: row.central_person_code_name,
    contactAlertDays: row.contact_alert_days,
    effectiveContactAlertDays: row.effective_days,
    lastContactAt: row.last_contact_at?.toISOString() ?? null,
    contactDueAt: due.toISOString(),
    contactOverdue: row.status !== 'closed' && due.getTime() <= extra.now.getTime(),
    assignedMemberIds: [...extra.assignedMemberIds],
    sealedTitle: b64OrNull(row.sealed_title),
    sealedRecordKey: toB64(extra.sealedRecordKey),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}

export function presentTask(row: TaskRow, now: Date): Dto<typeof api.task> {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    ownerMemberId: row.owner_member_id,
    dueAt: row.due_at?.toISOString() ?? null,
    remindAt: row.remind_at?.toISOString() ?? null,
    remindedAt: row.reminded_at?.toISOString() ?? null,
    status: row.status as Dto<typeof api.taskStatus>,
    sealedTitle: toB64(row.sealed_title),
    sealedNotes: b64OrNull(row.sealed_notes),
    overdue: row.status === 'open' && row.due_at !== null && row.due_at.getTime() < now.getTime(),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
  };
}

export function presentContact(row: ContactRow): Dto<typeof api.contact> {
  return {
    id: row.id,
    contactedAt: row.contacted_at.toISOString(),
    channel: row.channel as Dto<typeof api.contactChannel>,
    sealedNote: b64OrNull(row.sealed_note),
    memberId: row.member_id,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentConsent(row: ConsentRow): Dto<typeof api.consent> {
  return {
    id: row.id,
    source: row.source as Dto<typeof api.consentSource>,
    reportId: row.report_id,
    scope: row.scope as Dto<typeof api.consentScope>[],
    partnerOrganisationId: row.partner_organisation_id,
    sealedNote: b64OrNull(row.sealed_note),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    withdrawnAt: row.withdrawn_at?.toISOString() ?? null,
  };
}

/** A referral as either side lists it: nothing sealed. */
export function presentReferralSummary(
  row: ReferralRow,
  organisationId: string,
): Dto<typeof api.referralSummary> {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    direction: row.to_organisation_id === organisationId ? 'incoming' : 'outgoing',
    fromOrganisationId: row.from_organisation_id,
    fromOrganisationName: row.from_organisation_name,
    toOrganisationId: row.to_organisation_id,
    toOrganisationName: row.to_organisation_name,
    // The referrer's consent record is theirs: the partner is told only the scope.
    consentId: row.from_organisation_id === organisationId ? row.consent_id : null,
    scope: row.scope as Dto<typeof api.consentScope>[],
    status: row.status as Dto<typeof api.referralStatus>,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

/** Each side gets only the sealed value it can open: the message to the partner, the reply to the referrer. */
export function presentReferralDetail(
  row: ReferralRow,
  organisationId: string,
): Dto<typeof api.referralDetail> {
  const incoming = row.to_organisation_id === organisationId;
  return {
    referral: presentReferralSummary(row, organisationId),
    sealedMessage: incoming ? b64OrNull(row.sealed_message) : null,
    sealedReply: incoming ? null : b64OrNull(row.sealed_reply),
  };
}

export function presentVersion(version: StoredVersion): Dto<typeof api.versionEntry> {
  return {
    version: version.version,
    memberId: version.memberId,
    changedAt: version.changedAt.toISOString(),
    changeKind: version.changeKind,
    changedFields: version.changedFields,
    restoredFrom: version.restoredFrom,
    snapshot: version.snapshot,
  };
}

/** A case with its linked records, tasks, consents and referrals. */
export function presentCaseDetail(
  parts: CaseDetailParts,
  organisationId: string,
  now: Date,
): Dto<typeof api.caseDetail> {
  return {
    case: presentCaseSummary(parts.kase, {
      assignedMemberIds: parts.assignedMemberIds,
      sealedRecordKey: parts.sealedRecordKey,
      now,
    }),
    sealedGoal: b64OrNull(parts.sealedGoal),
    incidents: parts.incidents.map((i) => ({
      id: i.id,
      reference: i.reference,
      incidentDate: i.incident_date,
      datePrecision: i.date_precision,
      incidentTypes: i.incident_types,
      violationStatus: i.violation_status,
      crimeStatus: i.crime_status,
      oblast: i.oblast,
      sealedTitle: b64OrNull(i.sealed_title),
      sealedRecordKey: b64OrNull(i.sealed_key),
    })),
    people: parts.people.map((p) => ({
      id: p.id,
      codeName: p.code_name,
      roles: p.roles,
      perpetratorType: p.perpetrator_type,
      ageGroup: p.age_group,
      sealedName: b64OrNull(p.sealed_name),
      sealedRecordKey: b64OrNull(p.sealed_key),
    })),
    interventions: parts.interventions.map(presentLinkedIntervention),
    reports: parts.reports.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      receivedAt: r.received_at.toISOString(),
      incidentTypes: r.incident_types,
      wishes: r.wishes,
      sealedRecordKey: parts.mayReadReports ? toB64(r.sealed_record_key) : null,
    })),
    tasks: parts.tasks.map((t) => presentTask(t, now)),
    consents: parts.consents.map(presentConsent),
    referrals: parts.referrals.map((r) => presentReferralSummary(r, organisationId)),
    lastContact: parts.lastContact ? presentContact(parts.lastContact) : null,
    openAlertSince: parts.openAlertSince?.toISOString() ?? null,
  };
}

export function presentLinkedIntervention(v: {
  id: string;
  incident_id: string | null;
  intervener_type: string;
  intervention_type: string;
  submitted_on: string | null;
  response_on: string | null;
  authority_response: string;
  status: string;
  priority: string;
  sealed_title: Uint8Array | null;
  sealed_key: Uint8Array | null;
}): Dto<typeof api.linkedIntervention> {
  return {
    id: v.id,
    incidentId: v.incident_id,
    intervenerType: v.intervener_type,
    interventionType: v.intervention_type,
    submittedOn: v.submitted_on,
    responseOn: v.response_on,
    authorityResponse: v.authority_response,
    status: v.status,
    priority: v.priority,
    sealedTitle: b64OrNull(v.sealed_title),
    sealedRecordKey: b64OrNull(v.sealed_key),
  };
}

/** The bundle of an accepted referral, with the partner's key copies. */
export function presentReferralBundle(
  parts: ReferralBundleParts,
  organisationId: string,
): Dto<typeof api.referralBundle> {
  const keyOf = (id: string) => {
    const key = parts.keys.get(id);
    if (!key) throw new Error(`no key copy for shared record ${id}`);
    return toB64(key);
  };
  return {
    referral: presentReferralSummary(parts.referral, organisationId),
    case: {
      id: parts.kase.id,
      reference: parts.kase.reference,
      status: parts.kase.status as Dto<typeof api.caseStatus>,
      outcome: parts.kase.outcome as Dto<typeof api.caseOutcome> | null,
      createdAt: parts.kase.created_at.toISOString(),
      sealedTitle: b64OrNull(parts.kase.sealed_title),
      sealedGoal: b64OrNull(parts.kase.sealed_goal),
      sealedRecordKey: toB64(parts.caseKey),
    },
    incidents: parts.incidents.map((i) => ({
      id: i.id,
      reference: i.reference,
      incidentDate: i.incident_date,
      datePrecision: i.date_precision,
      oblast: i.oblast,
      city: i.city,
      placeType: i.place_type,
      onlinePlatform: i.online_platform,
      incidentTypes: i.incident_types,
      biasMotivations: i.bias_motivations,
      perpetratorTypes: i.perpetrator_types,
      odihrCategory: i.odihr_category,
      crimeStatus: i.crime_status,
      violationStatus: i.violation_status,
      reportedToPolice: i.reported_to_police,
      policeResponse: i.police_response,
      sealedTitle: b64OrNull(i.sealed_title),
      sealedDescription: b64OrNull(i.sealed_description),
      acts: parts.acts
        .filter((a) => a.incident_id === i.id)
        .map((a) => ({
          id: a.id,
          actType: a.act_type,
          actDate: a.act_date,
          datePrecision: a.date_precision,
          methods: a.methods,
          locationType: a.location_type,
          victimStatusAfter: a.victim_status_after,
          physicalConsequences: a.physical_consequences,
          psychologicalConsequences: a.psychological_consequences,
          economicConsequences: a.economic_consequences,
          sealedNotes: b64OrNull(a.sealed_notes),
        })),
      sealedRecordKey: keyOf(i.id),
    })),
    people: parts.people.map((p) => ({
      id: p.id,
      codeName: p.code_name,
      roles: p.roles,
      perpetratorType: p.perpetrator_type,
      ageGroup: p.age_group,
      sealedName: b64OrNull(p.sealed_name),
      sealedContacts: b64OrNull(p.sealed_contacts),
      sealedDetails: b64OrNull(p.sealed_details),
      sealedRecordKey: keyOf(p.id),
    })),
    interventions: parts.interventions.map((v) => ({
      ...presentLinkedIntervention({ ...v, sealed_key: null }),
      sealedNotes: b64OrNull(v.sealed_notes),
      sealedRecordKey: keyOf(v.id),
    })),
    reports: parts.reports.map((r) => ({
      id: r.id,
      reference: r.reference,
      receivedAt: r.received_at.toISOString(),
      incidentTypes: r.incident_types,
      incidentDate: r.incident_date,
      datePrecision: r.date_precision,
      oblast: r.oblast,
      wishes: r.wishes,
      sealedDetails: b64OrNull(r.sealed_details),
      sealedRecordKey: keyOf(r.id),
      files: parts.files
        .filter((f) => f.report_id === r.id)
        .map((f) => ({
          id: f.id,
          role: f.role,
          ciphertextBytes: f.ciphertext_bytes,
          createdAt: f.created_at.toISOString(),
          sealedFileKey: keyOf(f.id),
        })),
    })),
  };
}
