// Request and response schemas of the cases API: cases, their members and linked records,
// tasks, contacts, consent, referrals to partner organisations, partners, the dashboard.
// Sealed values travel as base64url envelopes; the browser opens them with the record key
// that each response carries sealed to the organisation (or, for a partner, the key copy
// sealed to the partner organisation by a referral).
//
// Routes (authorisation in brackets; a restricted case answers 404 to anyone not assigned
// to it who is not an admin, exactly like a missing case):
//   GET    /api/cases                                   list (filters, sort, keyset pages) [cases.read]
//   POST   /api/cases                                   create; the creator is assigned [cases.write]
//   GET    /api/cases/settings                          organisation default of contact alert days [cases.read]
//   PUT    /api/cases/settings                          change it [organisation.update]
//   GET    /api/cases/:id                               detail with links, tasks, consents, referrals [cases.read]
//   PATCH  /api/cases/:id                               edit (expectedVersion; 409 edit_conflict) [cases.write]
//   DELETE /api/cases/:id                               delete with crypto-erasure [records.delete]
//   POST   /api/cases/:id/status                        change status (closing needs an outcome) [cases.write]
//   GET    /api/cases/:id/versions                      version history [cases.read]
//   POST   /api/cases/:id/versions/:version/restore     restore an earlier version [cases.write]
//   PUT    /api/cases/:id/members/:memberId             assign a member [cases.assign]
//   DELETE /api/cases/:id/members/:memberId             unassign [cases.assign]
//   PUT    /api/cases/:id/incidents/:incidentId         link an incident [cases.write]
//   DELETE /api/cases/:id/incidents/:incidentId         unlink [cases.write]
//   PUT    /api/cases/:id/people/:personId              link a person [cases.write]
//   DELETE /api/cases/:id/people/:personId              unlink [cases.write]
//   PUT    /api/cases/:id/reports/:reportId             link an accepted report [cases.write + reports.read]
//   DELETE /api/cases/:id/reports/:reportId             unlink [cases.write]
//   GET    /api/cases/:id/timeline                      merged timeline [cases.read]
//   GET    /api/cases/:id/tasks                         tasks of the case [cases.read]
//   POST   /api/cases/:id/tasks                         add a task [cases.write]
//   GET    /api/cases/:id/contacts                      contacts with the central person [cases.read]
//   POST   /api/cases/:id/contacts                      record a contact [cases.write]
//   GET    /api/cases/:id/consents                      consents of the case [cases.read]
//   POST   /api/cases/:id/consents                      record consent [cases.write]
//   POST   /api/cases/:id/consents/:consentId/withdraw  withdraw consent [cases.write]
//   GET    /api/cases/:id/referral-plan?scope=…         the records (and own key copies) a scope shares [referrals.send]
//   GET    /api/cases/:id/referrals                     the case's referrals [cases.read]
//   POST   /api/cases/:id/referrals                     refer the case to a partner [referrals.send]
//   GET    /api/tasks                                   the actor's open tasks [cases.read]
//   GET    /api/tasks/:id                               one task [cases.read]
//   PATCH  /api/tasks/:id                               edit (expectedVersion; 409 edit_conflict) [cases.write]
//   GET    /api/tasks/:id/versions                      version history [cases.read]
//   POST   /api/tasks/:id/versions/:version/restore     restore [cases.write]
//   GET    /api/referrals?direction=incoming|outgoing   referrals of the organisation, nothing sealed [referrals.decide | referrals.send]
//   GET    /api/referrals/:id                           one referral, either side [referrals.decide | referrals.send]
//   POST   /api/referrals/:id/accept                    the partner accepts [referrals.decide]
//   POST   /api/referrals/:id/decline                   the partner declines; its key copies are destroyed [referrals.decide]
//   POST   /api/referrals/:id/withdraw                  the referrer withdraws; key copies destroyed [referrals.send]
//   GET    /api/referrals/:id/bundle                    what an accepted referral shares [cases.read, receiving side]
//   GET    /api/partners                                configured partners with their public keys [referrals.send | partners.manage]
//   GET    /api/partners/organisations                  every other organisation on the instance [partners.manage]
//   PUT    /api/partners/:organisationId                add a partner [partners.manage]
//   DELETE /api/partners/:organisationId                remove a partner [partners.manage]
//   GET    /api/partners/:organisationId/public-key     a partner's public key [referrals.send]
//   GET    /api/dashboard                               urgent cases, tasks due, new reports, overdue contacts [cases.read]
//
// Responses of mutations are small (createdCase, caseVersionResponse, taskResponse,
// consentResponse, referralDetail, okResponse); screens reload the detail they show.
import { z } from 'zod';
import { b64, key32, uuid } from './accounts.ts';
import {
  caseOutcomeCodes,
  caseStatusCodes,
  consentScopeCodes,
  consentSourceCodes,
  contactChannelCodes,
  referralStatusCodes,
  taskStatusCodes,
} from '../cases/vocabulary.ts';

export const caseStatus = z.enum(caseStatusCodes);
export const caseOutcome = z.enum(caseOutcomeCodes);
export const contactChannel = z.enum(contactChannelCodes);
export const consentScope = z.enum(consentScopeCodes);
export const consentSource = z.enum(consentSourceCodes);
export const referralStatus = z.enum(referralStatusCodes);
export const taskStatus = z.enum(taskStatusCodes);

/** A sealed record key (a sealed box of 32 bytes). */
export const sealedKey = b64(256).min(4);
/** A short sealed value: a title. */
export const sealedTitle = b64(4096).min(4);
/** A longer sealed value: a goal, notes, a message. */
export const sealedText = b64(80_000).min(4);

const datetime = z.iso.datetime();
const date = z.iso.date();

/** A member's copy of a version's fields: coded values as they are, sealed ones as base64. */
export const versionEntry = z.strictObject({
  version: z.number().int(),
  memberId: uuid.nullable(),
  changedAt: datetime,
  changeKind: z.enum(['create', 'update', 'restore']),
  changedFields: z.array(z.string()),
  restoredFrom: z.number().int().nullable(),
  snapshot: z.record(z.string(), z.unknown()),
});
export const versionList = z.strictObject({ versions: z.array(versionEntry) });
export const restoreVersion = z.strictObject({
  /** The version the member was looking at; another edit since then is a conflict. */
  expectedVersion: z.number().int().min(1),
});

// ---- cases ----------------------------------------------------------------------------

export const caseSummary = z.strictObject({
  id: uuid,
  reference: z.string(),
  status: caseStatus,
  outcome: caseOutcome.nullable(),
  restricted: z.boolean(),
  centralPersonId: uuid.nullable(),
  /** The central person's code name (e.g. P-4F2M); null without a central person. */
  centralPersonCodeName: z.string().nullable(),
  /** The case's own setting; null follows the organisation's default. */
  contactAlertDays: z.number().int().nullable(),
  /** The number of days that applies (the case's or the organisation's). */
  effectiveContactAlertDays: z.number().int(),
  lastContactAt: datetime.nullable(),
  /** When a contact is due: last contact (or creation) + the alert days. */
  contactDueAt: datetime,
  /** Not closed, and no contact for longer than the alert days. */
  contactOverdue: z.boolean(),
  assignedMemberIds: z.array(uuid),
  /** Under the case's record key, context sealedContext('cases', 'sealed_title', id). */
  sealedTitle: sealedTitle.nullable(),
  /** The case's record key sealed to the actor's organisation. */
  sealedRecordKey: sealedKey,
  version: z.number().int(),
  createdBy: uuid.nullable(),
  createdAt: datetime,
  updatedAt: datetime,
  closedAt: datetime.nullable(),
});
export type CaseSummaryDto = z.infer<typeof caseSummary>;

export const CASE_SORTS = ['updated', 'created', 'last_contact', 'reference'] as const;
export const caseListQuery = z.strictObject({
  /** A status, or 'not_closed'. */
  status: z.union([caseStatus, z.literal('not_closed')]).optional(),
  /** 'me': only cases the actor is assigned to. */
  assigned: z.literal('me').optional(),
  restricted: z.enum(['true', 'false']).optional(),
  /** 'true': only cases whose contact is overdue. */
  overdue: z.literal('true').optional(),
  sort: z.enum(CASE_SORTS).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `next` of the previous page. */
  after: z.string().max(200).optional(),
});
export type CaseListQuery = z.input<typeof caseListQuery>;
export const caseList = z.strictObject({
  cases: z.array(caseSummary),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
});

export const createCase = z.strictObject({
  /** Chosen by the browser, because the sealed fields are bound to it. */
  id: uuid,
  /** The new record key sealed to the organisation public key. */
  sealedRecordKey: sealedKey,
  sealedTitle,
  sealedGoal: sealedText.nullable().optional(),
  restricted: z.boolean().default(false),
  /** A person of the organisation; also linked to the case. */
  centralPersonId: uuid.nullable().optional(),
  contactAlertDays: z.number().int().min(1).max(365).nullable().optional(),
  status: z.enum(['open', 'active', 'urgent']).default('open'),
});
export type CreateCaseRequest = z.input<typeof createCase>;
export const createdCase = z.strictObject({ id: uuid, reference: z.string(), version: z.number() });

export const updateCase = z
  .strictObject({
    expectedVersion: z.number().int().min(1),
    sealedTitle: sealedTitle.optional(),
    sealedGoal: sealedText.nullable().optional(),
    restricted: z.boolean().optional(),
    centralPersonId: uuid.nullable().optional(),
    contactAlertDays: z.number().int().min(1).max(365).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 1, { message: 'nothing to change' });
export type UpdateCaseRequest = z.input<typeof updateCase>;
export const caseVersionResponse = z.strictObject({ id: uuid, version: z.number().int() });

export const changeCaseStatus = z
  .strictObject({
    expectedVersion: z.number().int().min(1),
    status: caseStatus,
    /** Required when closing; not allowed otherwise (reopening clears it). */
    outcome: caseOutcome.optional(),
  })
  .refine((v) => (v.status === 'closed') === (v.outcome !== undefined), {
    message: 'closing a case needs an outcome; other statuses take none',
    path: ['outcome'],
  });

export const caseIdParams = z.strictObject({ id: uuid });
export const caseVersionParams = z.strictObject({
  id: uuid,
  version: z.coerce.number().int().min(1),
});
export const caseMemberParams = z.strictObject({ id: uuid, memberId: uuid });
export const caseIncidentParams = z.strictObject({ id: uuid, incidentId: uuid });
export const casePersonParams = z.strictObject({ id: uuid, personId: uuid });
export const caseReportParams = z.strictObject({ id: uuid, reportId: uuid });
export const caseConsentParams = z.strictObject({ id: uuid, consentId: uuid });

// Linked records, with their coded summaries and the organisation's copy of their key.
export const linkedIncident = z.strictObject({
  id: uuid,
  reference: z.string(),
  incidentDate: date.nullable(),
  datePrecision: z.string(),
  incidentTypes: z.array(z.string()),
  violationStatus: z.string(),
  crimeStatus: z.string(),
  oblast: z.string().nullable(),
  sealedTitle: sealedTitle.nullable(),
  sealedRecordKey: sealedKey.nullable(),
});
export const linkedPerson = z.strictObject({
  id: uuid,
  codeName: z.string(),
  roles: z.array(z.string()),
  perpetratorType: z.string().nullable(),
  ageGroup: z.string().nullable(),
  sealedName: sealedTitle.nullable(),
  sealedRecordKey: sealedKey.nullable(),
});
export const linkedIntervention = z.strictObject({
  id: uuid,
  incidentId: uuid.nullable(),
  intervenerType: z.string(),
  interventionType: z.string(),
  submittedOn: date.nullable(),
  responseOn: date.nullable(),
  authorityResponse: z.string(),
  status: z.string(),
  priority: z.string(),
  sealedTitle: sealedTitle.nullable(),
  sealedRecordKey: sealedKey.nullable(),
});
export const linkedReport = z.strictObject({
  id: uuid,
  reference: z.string(),
  status: z.string(),
  receivedAt: datetime,
  incidentTypes: z.array(z.string()),
  wishes: z.array(z.string()),
  /** Null unless the actor may read reports. */
  sealedRecordKey: sealedKey.nullable(),
});

export const task = z.strictObject({
  id: uuid,
  caseId: uuid,
  caseReference: z.string(),
  ownerMemberId: uuid.nullable(),
  dueAt: datetime.nullable(),
  remindAt: datetime.nullable(),
  remindedAt: datetime.nullable(),
  status: taskStatus,
  /** Under the case's record key: sealedContext('tasks', 'sealed_title', id). */
  sealedTitle,
  sealedNotes: sealedText.nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  createdBy: uuid.nullable(),
  createdAt: datetime,
  updatedAt: datetime,
  completedAt: datetime.nullable(),
});
export type TaskDto = z.infer<typeof task>;

export const contact = z.strictObject({
  id: uuid,
  contactedAt: datetime,
  channel: contactChannel,
  /** Under the case's record key: sealedContext('case_contacts', 'sealed_note', id). */
  sealedNote: sealedText.nullable(),
  memberId: uuid.nullable(),
  createdAt: datetime,
});

export const consent = z.strictObject({
  id: uuid,
  source: consentSource,
  reportId: uuid.nullable(),
  scope: z.array(consentScope),
  /** Null: any partner organisation. */
  partnerOrganisationId: uuid.nullable(),
  /** Under the case's record key: sealedContext('consents', 'sealed_note', id). */
  sealedNote: sealedText.nullable(),
  recordedBy: uuid.nullable(),
  recordedAt: datetime,
  withdrawnAt: datetime.nullable(),
});

/** A referral as listed: nothing sealed. */
export const referralSummary = z.strictObject({
  id: uuid,
  caseId: uuid,
  caseReference: z.string(),
  direction: z.enum(['incoming', 'outgoing']),
  fromOrganisationId: uuid,
  fromOrganisationName: z.string(),
  toOrganisationId: uuid,
  toOrganisationName: z.string(),
  consentId: uuid.nullable(),
  scope: z.array(consentScope),
  status: referralStatus,
  createdAt: datetime,
  decidedAt: datetime.nullable(),
});
export type ReferralSummaryDto = z.infer<typeof referralSummary>;

export const caseDetail = z.strictObject({
  case: caseSummary,
  /** Under the case's record key: sealedContext('cases', 'sealed_goal', id). */
  sealedGoal: sealedText.nullable(),
  incidents: z.array(linkedIncident),
  people: z.array(linkedPerson),
  interventions: z.array(linkedIntervention),
  reports: z.array(linkedReport),
  tasks: z.array(task),
  consents: z.array(consent),
  referrals: z.array(referralSummary),
  lastContact: contact.nullable(),
  /** The alert raised for the current overdue period, if any and not resolved. */
  openAlertSince: datetime.nullable(),
});
export type CaseDetailDto = z.infer<typeof caseDetail>;

export const caseSettings = z.strictObject({
  /** Days without contact before an alert, for cases that do not set their own. */
  contactAlertDays: z.number().int().min(1).max(365),
});

// ---- tasks and contacts ---------------------------------------------------------------

export const createTask = z.strictObject({
  /** Chosen by the browser: the sealed fields are bound to it. */
  id: uuid,
  ownerMemberId: uuid.nullable().optional(),
  dueAt: datetime.nullable().optional(),
  remindAt: datetime.nullable().optional(),
  sealedTitle,
  sealedNotes: sealedText.nullable().optional(),
});
export type CreateTaskRequest = z.input<typeof createTask>;

export const updateTask = z
  .strictObject({
    expectedVersion: z.number().int().min(1),
    ownerMemberId: uuid.nullable().optional(),
    dueAt: datetime.nullable().optional(),
    /** A new reminder time is reminded again. */
    remindAt: datetime.nullable().optional(),
    status: taskStatus.optional(),
    sealedTitle: sealedTitle.optional(),
    sealedNotes: sealedText.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 1, { message: 'nothing to change' });
export type UpdateTaskRequest = z.input<typeof updateTask>;
export const taskIdParams = z.strictObject({ id: uuid });
export const taskVersionParams = z.strictObject({
  id: uuid,
  version: z.coerce.number().int().min(1),
});
export const taskResponse = z.strictObject({
  task,
  /** The case's record key sealed to the organisation. */
  sealedRecordKey: sealedKey,
});
export const taskList = z.strictObject({
  tasks: z.array(task),
  /** Case id → the case's record key sealed to the organisation. */
  caseKeys: z.record(z.string(), sealedKey),
});
export const myTasksQuery = z.strictObject({
  status: taskStatus.default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const createContact = z.strictObject({
  id: uuid,
  /** When the contact happened; not in the future. */
  contactedAt: datetime,
  channel: contactChannel,
  sealedNote: sealedText.nullable().optional(),
});
export type CreateContactRequest = z.input<typeof createContact>;
export const contactList = z.strictObject({ contacts: z.array(contact) });

// ---- timeline -------------------------------------------------------------------------

export const TIMELINE_KINDS = [
  'case_opened',
  'incident',
  'intervention_submitted',
  'intervention_response',
  'task_due',
  'task_done',
  'contact',
  'report_received',
  'report_message',
  'report_file',
] as const;
export const timelineItem = z.strictObject({
  kind: z.enum(TIMELINE_KINDS),
  /** When it happened; a date-only value is midnight UTC of that day. */
  at: datetime,
  /** 'day' for timestamps; an incident's own precision otherwise. */
  datePrecision: z.enum(['day', 'month', 'year', 'unknown']),
  /** The row the item comes from (incident, intervention, task, contact, report, message, file). */
  sourceId: uuid,
  /** Coded values of the item, by field name. */
  coded: z.record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
  ),
  /** Sealed values of the item, by column name (sealed_title, sealed_note…). */
  sealed: z.record(z.string(), sealedText),
  /**
   * What opens the sealed values: 'record' — the record key `keyRecordId` (its sealed copy
   * is in `keys`); 'organisation' — sealed straight to the organisation key (report
   * messages and file keys).
   */
  opensWith: z.enum(['record', 'organisation']),
  keyRecordId: uuid.nullable(),
});
export type TimelineItemDto = z.infer<typeof timelineItem>;
export const timeline = z.strictObject({
  items: z.array(timelineItem),
  /** Record id → its key sealed to the organisation. */
  keys: z.record(z.string(), sealedKey),
});

// ---- consent and referrals ------------------------------------------------------------

/** A scope always includes 'case'; given in any order, stored sorted and without repeats. */
const scopeList = z
  .array(consentScope)
  .min(1)
  .max(consentScopeCodes.length)
  .transform((s) => consentScopeCodes.filter((c) => c === 'case' || s.includes(c)));

export const recordConsent = z
  .strictObject({
    id: uuid,
    source: consentSource,
    /** With source 'report': the linked report whose wishes include referral. */
    reportId: uuid.optional(),
    scope: scopeList,
    /** Only this partner; omit for any partner organisation. */
    partnerOrganisationId: uuid.nullable().optional(),
    /** With source 'recorded': how consent was given, under the case key. */
    sealedNote: sealedText.optional(),
  })
  .refine((v) => v.source !== 'report' || v.reportId !== undefined, {
    message: 'consent from a report names the report',
    path: ['reportId'],
  })
  .refine((v) => v.source !== 'recorded' || v.sealedNote !== undefined, {
    message: 'say how consent was given',
    path: ['sealedNote'],
  });
export type RecordConsentRequest = z.input<typeof recordConsent>;
export const consentResponse = z.strictObject({ consent });
export const consentList = z.strictObject({ consents: z.array(consent) });

export const referralPlanQuery = z.strictObject({
  /** Comma-separated scope, e.g. 'case,incidents'. */
  scope: z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(scopeList),
});
export const SHARED_RECORD_TYPES = [
  'case',
  'incident',
  'person',
  'intervention',
  'report',
  'report_file',
] as const;
export const sharedRecordType = z.enum(SHARED_RECORD_TYPES);
export const referralPlan = z.strictObject({
  /** Every record the scope shares, with the organisation's own copy of its key. */
  records: z.array(z.strictObject({ recordId: uuid, recordType: sharedRecordType, sealedKey })),
});

export const sendReferral = z.strictObject({
  id: uuid,
  partnerOrganisationId: uuid,
  consentId: uuid,
  scope: scopeList,
  /** A note to the partner, sealed to the partner's public key. */
  sealedMessage: sealedText.optional(),
  /** Each shared record's key sealed to the partner's public key: exactly the plan, no more. */
  keys: z
    .array(z.strictObject({ recordId: uuid, recordType: sharedRecordType, sealedKey }))
    .min(1)
    .max(5000),
});
export type SendReferralRequest = z.input<typeof sendReferral>;

export const referralListQuery = z.strictObject({
  direction: z.enum(['incoming', 'outgoing']).default('incoming'),
  status: referralStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const referralList = z.strictObject({ referrals: z.array(referralSummary) });
export const referralIdParams = z.strictObject({ id: uuid });
export const referralDetail = z.strictObject({
  referral: referralSummary,
  /** For the receiving side: the referrer's note, sealed to the receiving organisation. */
  sealedMessage: sealedText.nullable(),
  /** For the referring side: the partner's reply, sealed to the referring organisation. */
  sealedReply: sealedText.nullable(),
});
export const decideReferral = z.strictObject({
  /** A reply to the referring organisation, sealed to its public key. */
  sealedReply: sealedText.optional(),
});

/** What an accepted referral shares: coded fields, sealed fields and the partner's key copies. */
export const referralBundle = z.strictObject({
  referral: referralSummary,
  case: z.strictObject({
    id: uuid,
    reference: z.string(),
    status: caseStatus,
    outcome: caseOutcome.nullable(),
    createdAt: datetime,
    sealedTitle: sealedTitle.nullable(),
    sealedGoal: sealedText.nullable(),
    /** The case key sealed to the receiving organisation. */
    sealedRecordKey: sealedKey,
  }),
  incidents: z.array(
    z.strictObject({
      id: uuid,
      reference: z.string(),
      incidentDate: date.nullable(),
      datePrecision: z.string(),
      oblast: z.string().nullable(),
      city: z.string().nullable(),
      placeType: z.string().nullable(),
      onlinePlatform: z.string().nullable(),
      incidentTypes: z.array(z.string()),
      biasMotivations: z.array(z.string()),
      perpetratorTypes: z.array(z.string()),
      odihrCategory: z.string().nullable(),
      crimeStatus: z.string(),
      violationStatus: z.string(),
      reportedToPolice: z.string().nullable(),
      policeResponse: z.string().nullable(),
      sealedTitle: sealedTitle.nullable(),
      sealedDescription: sealedText.nullable(),
      acts: z.array(
        z.strictObject({
          id: uuid,
          actType: z.string(),
          actDate: date.nullable(),
          datePrecision: z.string(),
          methods: z.array(z.string()),
          locationType: z.string().nullable(),
          victimStatusAfter: z.string().nullable(),
          physicalConsequences: z.array(z.string()),
          psychologicalConsequences: z.array(z.string()),
          economicConsequences: z.array(z.string()),
          /** Under the incident key: sealedContext('acts', 'sealed_notes', id). */
          sealedNotes: sealedText.nullable(),
        }),
      ),
      sealedRecordKey: sealedKey,
    }),
  ),
  people: z.array(
    z.strictObject({
      id: uuid,
      codeName: z.string(),
      roles: z.array(z.string()),
      perpetratorType: z.string().nullable(),
      ageGroup: z.string().nullable(),
      sealedName: sealedTitle.nullable(),
      sealedContacts: sealedText.nullable(),
      sealedDetails: sealedText.nullable(),
      sealedRecordKey: sealedKey,
    }),
  ),
  interventions: z.array(
    linkedIntervention.extend({
      sealedNotes: sealedText.nullable(),
      sealedRecordKey: sealedKey,
    }),
  ),
  reports: z.array(
    z.strictObject({
      id: uuid,
      reference: z.string(),
      receivedAt: datetime,
      incidentTypes: z.array(z.string()),
      incidentDate: date.nullable(),
      datePrecision: z.string(),
      oblast: z.string().nullable(),
      wishes: z.array(z.string()),
      /** Under the report's record key (DETAILS_CONTEXT). */
      sealedDetails: sealedText.nullable(),
      sealedRecordKey: sealedKey,
      files: z.array(
        z.strictObject({
          id: uuid,
          role: z.string(),
          ciphertextBytes: z.number().int(),
          createdAt: datetime,
          /** The file key sealed to the receiving organisation. */
          sealedFileKey: sealedKey,
        }),
      ),
    }),
  ),
});
export type ReferralBundleDto = z.infer<typeof referralBundle>;

// ---- partners -------------------------------------------------------------------------

export const partner = z.strictObject({
  organisationId: uuid,
  name: z.string(),
  slug: z.string(),
  publicKey: key32,
  addedAt: datetime,
});
export const partnerList = z.strictObject({ partners: z.array(partner) });
export const instanceOrganisations = z.strictObject({
  organisations: z.array(
    z.strictObject({
      id: uuid,
      name: z.string(),
      slug: z.string(),
      /** We list it as a partner (we may refer to it). */
      isPartner: z.boolean(),
      /** It lists us as a partner (it may refer to us). */
      listsUsAsPartner: z.boolean(),
    }),
  ),
});
export const partnerParams = z.strictObject({ organisationId: uuid });
export const partnerPublicKey = z.strictObject({ organisationId: uuid, publicKey: key32 });

// ---- dashboard ------------------------------------------------------------------------

export const dashboard = z.strictObject({
  urgentCases: z.array(caseSummary),
  /** The actor's open tasks due within seven days, and overdue ones, soonest first. */
  tasks: z.array(task),
  /** Case id → the case's key sealed to the organisation (for the tasks' titles). */
  caseKeys: z.record(z.string(), sealedKey),
  /** New reports; null when the actor may not read reports. */
  newReports: z
    .array(
      z.strictObject({
        id: uuid,
        reference: z.string(),
        receivedAt: datetime,
        incidentTypes: z.array(z.string()),
      }),
    )
    .nullable(),
  /** Cases the actor may see with no contact for longer than their alert days. */
  overdueContacts: z.array(caseSummary),
  /** Referrals waiting for this organisation's answer; null without referrals.decide. */
  pendingReferrals: z.array(referralSummary).nullable(),
});
export type DashboardDto = z.infer<typeof dashboard>;

export const okResponse = z.strictObject({ ok: z.literal(true) });
