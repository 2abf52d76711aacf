// Request and response schemas of the records API: incidents with their acts, sources and
// links (chain of events), people and their relations, interventions, version history.
//
// Routes (JSON; every sealed value is a base64url envelope opened in the browser):
//   POST   /api/incidents                                   create            → 201 incidentDetail
//   GET    /api/incidents                                   list (filters)    → incidentList
//   GET    /api/incidents/:id                               get               → incidentDetail
//   PATCH  /api/incidents/:id                               update            → incidentDetail
//   DELETE /api/incidents/:id                               delete (admin)    → 204
//   GET    /api/incidents/:id/history                       versions          → versionList
//   POST   /api/incidents/:id/history/:version/restore      restore           → incidentDetail
//   POST   /api/incidents/:id/acts                          create act        → 201 act
//   PATCH  /api/incidents/:id/acts/:actId                   update act        → act
//   DELETE /api/incidents/:id/acts/:actId                   delete act        → 204
//   GET    /api/incidents/:id/acts/:actId/history           act versions      → versionList
//   POST   /api/incidents/:id/acts/:actId/history/:version/restore            → act
//   POST   /api/incidents/:id/links                         link incidents    → 201 incidentLink
//   DELETE /api/incidents/:id/links/:linkId                 unlink            → 204
//   POST   /api/people                                      create            → 201 personDetail
//   GET    /api/people                                      list              → personList
//   GET    /api/people/:id                                  get               → personDetail
//   PATCH  /api/people/:id                                  update            → personDetail
//   DELETE /api/people/:id                                  delete (admin)    → 204
//   GET    /api/people/:id/history                          versions          → versionList
//   POST   /api/people/:id/history/:version/restore         restore           → personDetail
//   POST   /api/people/:id/relations                        relate            → 201 personRelation
//   DELETE /api/people/:id/relations/:relationId            unrelate          → 204
//   POST   /api/interventions                               create            → 201 interventionDetail
//   GET    /api/interventions                               list (filters)    → interventionList
//   GET    /api/interventions/:id                           get               → interventionDetail
//   PATCH  /api/interventions/:id                           update            → interventionDetail
//   DELETE /api/interventions/:id                           delete (admin)    → 204
//   GET    /api/interventions/:id/history                   versions          → versionList
//   POST   /api/interventions/:id/history/:version/restore  restore           → interventionDetail
//   GET    /api/records/search-index                        sealed text pages → searchIndexPage
//
// Lists carry coded fields only. Sealed text comes from a record's detail (audited) and
// from the search index (audited): the browser pages through it, opens each record key with
// the organisation key, decrypts and searches locally, so the server never sees a query.
//
// Keys and contexts: an incident, person or intervention has its own record key, created
// in the browser and sent sealed to the organisation public key (`sealedRecordKey`) with the
// create request. Every sealed field is encrypted under that key with the AEAD context
// `sealedContext(table, column, id)` (src/common/records/contexts.ts): incidents
// sealed_title / sealed_description; a source note `sources.note.<sourceId>` on the
// incident; acts sealed_notes (under the incident's key, context with the act id); people
// sealed_name / sealed_contacts / sealed_details; interventions sealed_title / sealed_notes.
//
// Updates are partial: send only the fields that changed, with `expectedVersion`, the
// version the member was editing. A stale version answers 409 `edit_conflict` and nothing
// is written. Send a sealed field again only when its text changed: an unchanged envelope is
// not a change in the history.
import { z } from 'zod';
import { b64, uuid } from './accounts.ts';
import { codesOf } from '../intake/vocabulary.ts';
import {
  ACT_TYPES,
  AGE_GROUPS,
  AUTHORITY_RESPONSES,
  BIAS_INDICATORS,
  BIAS_MOTIVATIONS,
  CRIME_STATUSES,
  ECONOMIC_CONSEQUENCES,
  INCIDENT_LINK_TYPES,
  INCIDENT_TYPES,
  INTERVENER_TYPES,
  INTERVENTION_STATUSES,
  INTERVENTION_TYPES,
  INVOLVEMENT_DEGREES,
  INVOLVEMENT_TYPES,
  LOCATION_TYPES,
  METHODS,
  OBLASTS,
  ODIHR_CATEGORIES,
  ONLINE_PLATFORMS,
  PERPETRATOR_TYPES,
  PERSON_PERPETRATOR_TYPES,
  PERSON_RELATIONS,
  PERSON_ROLES,
  PHYSICAL_CONSEQUENCES,
  PLACE_TYPES,
  POLICE_REPORTED,
  POLICE_RESPONSES,
  PRIORITIES,
  PSYCHOLOGICAL_CONSEQUENCES,
  RECORD_DATE_PRECISIONS,
  SOURCE_RELIABILITIES,
  SOURCE_TYPES,
  VICTIM_STATUSES,
  VIOLATION_STATUSES,
} from '../records/vocabulary.ts';

// ---- codes -----------------------------------------------------------------------------

export const datePrecision = z.enum(codesOf(RECORD_DATE_PRECISIONS));
export const oblast = z.enum(codesOf(OBLASTS));
export const placeType = z.enum(codesOf(PLACE_TYPES));
export const onlinePlatform = z.enum(codesOf(ONLINE_PLATFORMS));
export const incidentType = z.enum(codesOf(INCIDENT_TYPES));
export const biasMotivation = z.enum(codesOf(BIAS_MOTIVATIONS));
export const biasIndicator = z.enum(codesOf(BIAS_INDICATORS));
export const perpetratorType = z.enum(codesOf(PERPETRATOR_TYPES));
export const odihrCategory = z.enum(codesOf(ODIHR_CATEGORIES));
export const crimeStatus = z.enum(codesOf(CRIME_STATUSES));
export const violationStatus = z.enum(codesOf(VIOLATION_STATUSES));
export const reportedToPolice = z.enum(codesOf(POLICE_REPORTED));
export const policeResponse = z.enum(codesOf(POLICE_RESPONSES));
export const actType = z.enum(codesOf(ACT_TYPES));
export const involvement = z.enum(codesOf(INVOLVEMENT_TYPES));
export const involvementDegree = z.enum(codesOf(INVOLVEMENT_DEGREES));
export const method = z.enum(codesOf(METHODS));
export const physicalConsequence = z.enum(codesOf(PHYSICAL_CONSEQUENCES));
export const psychologicalConsequence = z.enum(codesOf(PSYCHOLOGICAL_CONSEQUENCES));
export const economicConsequence = z.enum(codesOf(ECONOMIC_CONSEQUENCES));
export const locationType = z.enum(codesOf(LOCATION_TYPES));
export const victimStatus = z.enum(codesOf(VICTIM_STATUSES));
export const personRole = z.enum(codesOf(PERSON_ROLES));
export const ageGroup = z.enum(codesOf(AGE_GROUPS));
export const personPerpetratorType = z.enum(codesOf(PERSON_PERPETRATOR_TYPES));
export const personRelationType = z.enum(codesOf(PERSON_RELATIONS));
export const sourceType = z.enum(codesOf(SOURCE_TYPES));
export const sourceReliability = z.enum(codesOf(SOURCE_RELIABILITIES));
export const intervenerType = z.enum(codesOf(INTERVENER_TYPES));
export const interventionType = z.enum(codesOf(INTERVENTION_TYPES));
export const authorityResponse = z.enum(codesOf(AUTHORITY_RESPONSES));
export const interventionStatus = z.enum(codesOf(INTERVENTION_STATUSES));
export const priority = z.enum(codesOf(PRIORITIES));
export const incidentLinkType = z.enum(codesOf(INCIDENT_LINK_TYPES));

/** Text limits of sealed fields, in characters of the plaintext. */
export const RECORD_LIMITS = {
  titleChars: 300,
  descriptionChars: 20_000,
  notesChars: 10_000,
  nameChars: 300,
  contactsChars: 2_000,
  detailsChars: 10_000,
  sourceNoteChars: 2_000,
  cityChars: 100,
  sources: 50,
  perpetrators: 50,
} as const;

/** A sealed field of at most `chars` characters (UTF-8 is up to 4 bytes a character). */
const sealed = (chars: number) => b64(chars * 4 + 128).min(4);
const sealedRecordKey = b64(256).min(4);
const isoDate = z.iso.date();
const version = z.number().int().min(1);
/** A list of codes without repeats. */
const codes = <T extends z.ZodType<string>>(item: T, max = 50) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'list a code only once');

// ---- incidents -------------------------------------------------------------------------

export const incidentSource = z.strictObject({
  /** Chosen by the browser: the note's context names it. */
  id: uuid,
  type: sourceType,
  reliability: sourceReliability,
  /** The person who is the source, if recorded (same organisation). */
  personId: uuid.nullable().default(null),
  /** Under the incident key, context `sources.note.<id>` on the incident. */
  sealedNote: sealed(RECORD_LIMITS.sourceNoteChars).nullable().default(null),
});
export type IncidentSourceDto = z.output<typeof incidentSource>;

/** The coded fields of an incident, as the browser sends them. */
const incidentCodedInput = {
  incidentDate: isoDate.nullable().default(null),
  datePrecision: datePrecision.default('unknown'),
  oblast: oblast.nullable().default(null),
  city: z.string().trim().max(RECORD_LIMITS.cityChars).nullable().default(null),
  placeType: placeType.nullable().default(null),
  onlinePlatform: onlinePlatform.nullable().default(null),
  incidentTypes: codes(incidentType).default([]),
  biasMotivations: codes(biasMotivation).default([]),
  biasIndicators: codes(biasIndicator).default([]),
  perpetratorTypes: codes(perpetratorType).default([]),
  odihrCategory: odihrCategory.nullable().default(null),
  /** Omitted: follows the ODIHR category (discrimination and hate speech are non-crime). */
  crimeStatus: crimeStatus.optional(),
  violationStatus: violationStatus.default('unknown'),
  reportedToPolice: reportedToPolice.nullable().default(null),
  policeResponse: policeResponse.nullable().default(null),
};

const incidentSealedInput = {
  sealedTitle: sealed(RECORD_LIMITS.titleChars).nullable().default(null),
  sealedDescription: sealed(RECORD_LIMITS.descriptionChars).nullable().default(null),
  sources: z
    .array(incidentSource)
    .max(RECORD_LIMITS.sources)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'source ids must differ')
    .default([]),
};

export const createIncident = z.strictObject({
  /** Chosen by the browser, because the sealed fields' contexts name it. */
  id: uuid,
  /** The new record key sealed to the organisation public key. */
  sealedRecordKey,
  /** The report this incident documents: the organisation's, with status `accepted`. */
  reportId: uuid.nullable().default(null),
  ...incidentCodedInput,
  ...incidentSealedInput,
});
export type CreateIncidentRequest = z.input<typeof createIncident>;
export type CreateIncidentInput = z.output<typeof createIncident>;

/** Only the fields that change, and the version being edited. */
export const updateIncident = z.strictObject({
  expectedVersion: version,
  incidentDate: isoDate.nullable().optional(),
  datePrecision: datePrecision.optional(),
  oblast: oblast.nullable().optional(),
  city: z.string().trim().max(RECORD_LIMITS.cityChars).nullable().optional(),
  placeType: placeType.nullable().optional(),
  onlinePlatform: onlinePlatform.nullable().optional(),
  incidentTypes: codes(incidentType).optional(),
  biasMotivations: codes(biasMotivation).optional(),
  biasIndicators: codes(biasIndicator).optional(),
  perpetratorTypes: codes(perpetratorType).optional(),
  odihrCategory: odihrCategory.nullable().optional(),
  crimeStatus: crimeStatus.optional(),
  violationStatus: violationStatus.optional(),
  reportedToPolice: reportedToPolice.nullable().optional(),
  policeResponse: policeResponse.nullable().optional(),
  sealedTitle: sealed(RECORD_LIMITS.titleChars).nullable().optional(),
  sealedDescription: sealed(RECORD_LIMITS.descriptionChars).nullable().optional(),
  sources: incidentSealedInput.sources.unwrap().optional(),
});
export type UpdateIncidentRequest = z.input<typeof updateIncident>;
export type UpdateIncidentInput = z.output<typeof updateIncident>;

export const incidentSummary = z.strictObject({
  id: uuid,
  /** "I-7KQ3": what staff say and write instead of a title. */
  reference: z.string(),
  reportId: uuid.nullable(),
  incidentDate: isoDate.nullable(),
  datePrecision,
  oblast: oblast.nullable(),
  city: z.string().nullable(),
  placeType: placeType.nullable(),
  onlinePlatform: onlinePlatform.nullable(),
  incidentTypes: z.array(incidentType),
  biasMotivations: z.array(biasMotivation),
  biasIndicators: z.array(biasIndicator),
  perpetratorTypes: z.array(perpetratorType),
  odihrCategory: odihrCategory.nullable(),
  crimeStatus,
  violationStatus,
  reportedToPolice: reportedToPolice.nullable(),
  policeResponse: policeResponse.nullable(),
  version,
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
  updatedBy: uuid.nullable(),
  updatedAt: z.iso.datetime(),
});
export type IncidentSummaryDto = z.infer<typeof incidentSummary>;

export const INCIDENT_SORTS = ['incident_date', 'created', 'updated'] as const;

/** Comma-separated codes in a query string: `incidentTypes=threats,outing_blackmail`. */
const anyOf = <T extends string>(item: z.ZodType<T, T>) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(item).min(1, 'name at least one code'));

/** An incident's reference as the server makes it (upper case). */
export const INCIDENT_REFERENCE = /^I-[0-9A-Z]{4,8}$/;
/** A person's code name as the server makes it (upper case). */
export const PERSON_CODE_NAME = /^P-[0-9A-Z]{4,8}$/;

export const incidentListQuery = z.strictObject({
  /** Incident date on or after (YYYY-MM-DD). */
  from: isoDate.optional(),
  /** Incident date on or before (YYYY-MM-DD). */
  to: isoDate.optional(),
  datePrecision: datePrecision.optional(),
  oblast: oblast.optional(),
  city: z.string().trim().min(1).max(RECORD_LIMITS.cityChars).optional(),
  placeType: placeType.optional(),
  onlinePlatform: onlinePlatform.optional(),
  /** Any of these incident types (comma-separated). */
  incidentTypes: anyOf(incidentType).optional(),
  /** Any of these bias motivations (comma-separated). */
  biasMotivations: anyOf(biasMotivation).optional(),
  /** Any of these bias indicators (comma-separated). */
  biasIndicators: anyOf(biasIndicator).optional(),
  /** Any of these perpetrator types (comma-separated). */
  perpetratorTypes: anyOf(perpetratorType).optional(),
  odihrCategory: odihrCategory.optional(),
  crimeStatus: crimeStatus.optional(),
  violationStatus: violationStatus.optional(),
  reportedToPolice: reportedToPolice.optional(),
  policeResponse: policeResponse.optional(),
  /** 'true': documented from a report; 'false': not. */
  hasReport: z.enum(['true', 'false']).optional(),
  /** The incident with this reference (e.g. I-7KQ3), in any letter case. */
  reference: z
    .string()
    .trim()
    .toUpperCase()
    .regex(INCIDENT_REFERENCE, 'An incident reference looks like I-7KQ3.')
    .optional(),
  /** The incidents documented from this report. */
  reportId: uuid.optional(),
  sort: z.enum(INCIDENT_SORTS).default('incident_date'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number<number | string>().int().min(1).max(500).default(50),
  /** The `next` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type IncidentListQuery = z.input<typeof incidentListQuery>;

export const incidentList = z.strictObject({
  incidents: z.array(incidentSummary),
  /** Pass as `cursor` for the next page; null on the last page. */
  next: z.string().nullable(),
});

export const act = z.strictObject({
  id: uuid,
  incidentId: uuid,
  actType,
  victimPersonId: uuid.nullable(),
  perpetrators: z.array(z.strictObject({ personId: uuid, involvement, degree: involvementDegree })),
  methods: z.array(method),
  physicalConsequences: z.array(physicalConsequence),
  psychologicalConsequences: z.array(psychologicalConsequence),
  economicConsequences: z.array(economicConsequence),
  locationType: locationType.nullable(),
  victimStatusAfter: victimStatus.nullable(),
  actDate: isoDate.nullable(),
  datePrecision,
  /** Under the incident's record key, context sealedContext('acts', 'sealed_notes', id). */
  sealedNotes: b64(RECORD_LIMITS.notesChars * 4 + 128).nullable(),
  version,
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
  updatedBy: uuid.nullable(),
  updatedAt: z.iso.datetime(),
});
export type ActDto = z.infer<typeof act>;

const actPerpetrators = z
  .array(
    z.strictObject({
      /** A person of the same organisation. */
      personId: uuid,
      involvement: involvement.default('direct'),
      degree: involvementDegree.default('confirmed'),
    }),
  )
  .max(RECORD_LIMITS.perpetrators)
  .refine((p) => new Set(p.map((x) => x.personId)).size === p.length, 'list a person only once');

export const createAct = z.strictObject({
  /** Chosen by the browser: the notes' context names it. */
  id: uuid,
  actType,
  /** A person of the same organisation. */
  victimPersonId: uuid.nullable().default(null),
  perpetrators: actPerpetrators.default([]),
  methods: codes(method).default([]),
  physicalConsequences: codes(physicalConsequence).default([]),
  psychologicalConsequences: codes(psychologicalConsequence).default([]),
  economicConsequences: codes(economicConsequence).default([]),
  locationType: locationType.nullable().default(null),
  victimStatusAfter: victimStatus.nullable().default(null),
  actDate: isoDate.nullable().default(null),
  datePrecision: datePrecision.default('unknown'),
  sealedNotes: sealed(RECORD_LIMITS.notesChars).nullable().default(null),
});
export type CreateActRequest = z.input<typeof createAct>;
export type CreateActInput = z.output<typeof createAct>;

export const updateAct = z.strictObject({
  expectedVersion: version,
  actType: actType.optional(),
  victimPersonId: uuid.nullable().optional(),
  perpetrators: actPerpetrators.optional(),
  methods: codes(method).optional(),
  physicalConsequences: codes(physicalConsequence).optional(),
  psychologicalConsequences: codes(psychologicalConsequence).optional(),
  economicConsequences: codes(economicConsequence).optional(),
  locationType: locationType.nullable().optional(),
  victimStatusAfter: victimStatus.nullable().optional(),
  actDate: isoDate.nullable().optional(),
  datePrecision: datePrecision.optional(),
  sealedNotes: sealed(RECORD_LIMITS.notesChars).nullable().optional(),
});
export type UpdateActRequest = z.input<typeof updateAct>;
export type UpdateActInput = z.output<typeof updateAct>;

/** A person as other records show them: the code name and coded fields, nothing sealed. */
export const personRef = z.strictObject({
  id: uuid,
  codeName: z.string(),
  roles: z.array(personRole),
  perpetratorType: personPerpetratorType.nullable(),
  ageGroup: ageGroup.nullable(),
});
export type PersonRefDto = z.infer<typeof personRef>;

export const createIncidentLink = z.strictObject({
  /** The other incident (same organisation): "<it> is <linkType> <this one>". */
  toIncidentId: uuid,
  linkType: incidentLinkType,
});

export const incidentLink = z.strictObject({
  id: uuid,
  fromIncidentId: uuid,
  toIncidentId: uuid,
  linkType: incidentLinkType,
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
});

/** A link as seen from one incident: its own side ('outgoing' = this incident is `from`). */
export const incidentLinkView = z.strictObject({
  id: uuid,
  linkType: incidentLinkType,
  direction: z.enum(['outgoing', 'incoming']),
  otherIncidentId: uuid,
  otherReference: z.string(),
  createdAt: z.iso.datetime(),
});

// ---- interventions ---------------------------------------------------------------------

export const interventionSummary = z.strictObject({
  id: uuid,
  incidentId: uuid.nullable(),
  caseId: uuid.nullable(),
  intervenerType,
  interventionType,
  submittedOn: isoDate.nullable(),
  responseOn: isoDate.nullable(),
  authorityResponse,
  status: interventionStatus,
  priority,
  version,
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
  updatedBy: uuid.nullable(),
  updatedAt: z.iso.datetime(),
});
export type InterventionSummaryDto = z.infer<typeof interventionSummary>;

export const createIntervention = z.strictObject({
  id: uuid,
  sealedRecordKey,
  /** An incident of the same organisation. */
  incidentId: uuid.nullable().default(null),
  /** A case of the same organisation. */
  caseId: uuid.nullable().default(null),
  intervenerType,
  interventionType,
  submittedOn: isoDate.nullable().default(null),
  responseOn: isoDate.nullable().default(null),
  authorityResponse: authorityResponse.default('awaiting'),
  status: interventionStatus.default('planned'),
  priority: priority.default('normal'),
  sealedTitle: sealed(RECORD_LIMITS.titleChars).nullable().default(null),
  sealedNotes: sealed(RECORD_LIMITS.notesChars).nullable().default(null),
});
export type CreateInterventionRequest = z.input<typeof createIntervention>;
export type CreateInterventionInput = z.output<typeof createIntervention>;

export const updateIntervention = z.strictObject({
  expectedVersion: version,
  incidentId: uuid.nullable().optional(),
  caseId: uuid.nullable().optional(),
  intervenerType: intervenerType.optional(),
  interventionType: interventionType.optional(),
  submittedOn: isoDate.nullable().optional(),
  responseOn: isoDate.nullable().optional(),
  authorityResponse: authorityResponse.optional(),
  status: interventionStatus.optional(),
  priority: priority.optional(),
  sealedTitle: sealed(RECORD_LIMITS.titleChars).nullable().optional(),
  sealedNotes: sealed(RECORD_LIMITS.notesChars).nullable().optional(),
});
export type UpdateInterventionRequest = z.input<typeof updateIntervention>;
export type UpdateInterventionInput = z.output<typeof updateIntervention>;

export const interventionDetail = z.strictObject({
  intervention: interventionSummary,
  sealedRecordKey,
  sealedTitle: b64(RECORD_LIMITS.titleChars * 4 + 128).nullable(),
  sealedNotes: b64(RECORD_LIMITS.notesChars * 4 + 128).nullable(),
});
export type InterventionDetailDto = z.infer<typeof interventionDetail>;

export const interventionListQuery = z.strictObject({
  status: interventionStatus.optional(),
  priority: priority.optional(),
  interventionType: interventionType.optional(),
  intervenerType: intervenerType.optional(),
  authorityResponse: authorityResponse.optional(),
  incidentId: uuid.optional(),
  caseId: uuid.optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number<number | string>().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type InterventionListQuery = z.input<typeof interventionListQuery>;

export const interventionList = z.strictObject({
  interventions: z.array(interventionSummary),
  next: z.string().nullable(),
});

// ---- incident detail -------------------------------------------------------------------

export const incidentDetail = z.strictObject({
  incident: incidentSummary,
  /** The incident's record key sealed to the actor's organisation. */
  sealedRecordKey,
  sealedTitle: b64(RECORD_LIMITS.titleChars * 4 + 128).nullable(),
  sealedDescription: b64(RECORD_LIMITS.descriptionChars * 4 + 128).nullable(),
  sources: z.array(
    z.strictObject({
      id: uuid,
      type: sourceType,
      reliability: sourceReliability,
      personId: uuid.nullable(),
      sealedNote: b64(RECORD_LIMITS.sourceNoteChars * 4 + 128).nullable(),
    }),
  ),
  acts: z.array(act),
  /** Links in both directions. */
  links: z.array(incidentLinkView),
  interventions: z.array(interventionSummary),
  /** Every person the acts and sources refer to. */
  people: z.array(personRef),
});
export type IncidentDetailDto = z.infer<typeof incidentDetail>;

// ---- people ----------------------------------------------------------------------------

export const personSummary = personRef.extend({
  version,
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
  updatedBy: uuid.nullable(),
  updatedAt: z.iso.datetime(),
});
export type PersonSummaryDto = z.infer<typeof personSummary>;

export const createPerson = z.strictObject({
  id: uuid,
  sealedRecordKey,
  roles: codes(personRole).default([]),
  perpetratorType: personPerpetratorType.nullable().default(null),
  ageGroup: ageGroup.nullable().default(null),
  sealedName: sealed(RECORD_LIMITS.nameChars).nullable().default(null),
  sealedContacts: sealed(RECORD_LIMITS.contactsChars).nullable().default(null),
  sealedDetails: sealed(RECORD_LIMITS.detailsChars).nullable().default(null),
});
export type CreatePersonRequest = z.input<typeof createPerson>;
export type CreatePersonInput = z.output<typeof createPerson>;

export const updatePerson = z.strictObject({
  expectedVersion: version,
  roles: codes(personRole).optional(),
  perpetratorType: personPerpetratorType.nullable().optional(),
  ageGroup: ageGroup.nullable().optional(),
  sealedName: sealed(RECORD_LIMITS.nameChars).nullable().optional(),
  sealedContacts: sealed(RECORD_LIMITS.contactsChars).nullable().optional(),
  sealedDetails: sealed(RECORD_LIMITS.detailsChars).nullable().optional(),
});
export type UpdatePersonRequest = z.input<typeof updatePerson>;
export type UpdatePersonInput = z.output<typeof updatePerson>;

export const createPersonRelation = z.strictObject({
  /** "<this person> is <relation> <related person>", e.g. father_of. Same organisation. */
  relatedPersonId: uuid,
  relation: personRelationType,
});

export const personRelation = z.strictObject({
  id: uuid,
  personId: uuid,
  relatedPersonId: uuid,
  relation: personRelationType,
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
});

/** A relation as seen from one person: read 'incoming' with the relation's inverse label. */
export const personRelationView = z.strictObject({
  id: uuid,
  relation: personRelationType,
  direction: z.enum(['outgoing', 'incoming']),
  otherPerson: personRef,
  createdAt: z.iso.datetime(),
});

export const personDetail = z.strictObject({
  person: personSummary,
  sealedRecordKey,
  sealedName: b64(RECORD_LIMITS.nameChars * 4 + 128).nullable(),
  sealedContacts: b64(RECORD_LIMITS.contactsChars * 4 + 128).nullable(),
  sealedDetails: b64(RECORD_LIMITS.detailsChars * 4 + 128).nullable(),
  relations: z.array(personRelationView),
  /** The acts that name this person, with their incident. */
  appearances: z.array(
    z.strictObject({
      incidentId: uuid,
      incidentReference: z.string(),
      actId: uuid,
      as: z.enum(['victim', 'perpetrator']),
    }),
  ),
});
export type PersonDetailDto = z.infer<typeof personDetail>;

export const personListQuery = z.strictObject({
  role: personRole.optional(),
  perpetratorType: personPerpetratorType.optional(),
  ageGroup: ageGroup.optional(),
  /** The person with this code name (e.g. P-4F2M), in any letter case. */
  codeName: z
    .string()
    .trim()
    .toUpperCase()
    .regex(PERSON_CODE_NAME, 'A code name looks like P-4F2M.')
    .optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number<number | string>().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type PersonListQuery = z.input<typeof personListQuery>;

export const personList = z.strictObject({
  people: z.array(personSummary),
  next: z.string().nullable(),
});

// ---- history ---------------------------------------------------------------------------

/** A JSON value of a snapshot (sealed values are base64url envelopes). */
export const snapshotValue: z.ZodType<unknown> = z.json();

export const recordVersion = z.strictObject({
  version,
  /** The member who made the change; null when that member was removed. */
  memberId: uuid.nullable(),
  changedAt: z.iso.datetime(),
  changeKind: z.enum(['create', 'update', 'restore']),
  /** API field names (e.g. 'oblast', 'sealedTitle'). */
  changedFields: z.array(z.string()),
  restoredFrom: z.number().int().nullable(),
  /** The record as it became, keyed by API field names; sealed values as envelopes. */
  snapshot: z.record(z.string(), snapshotValue),
});
export type RecordVersionDto = z.infer<typeof recordVersion>;

export const versionList = z.strictObject({
  /** The key that opens the snapshots' sealed values (an act's is its incident's). */
  sealedRecordKey,
  versions: z.array(recordVersion),
});
export type VersionListDto = z.infer<typeof versionList>;

export const restoreVersion = z.strictObject({
  /** The record's current version, as the member saw it. */
  expectedVersion: version,
});

// ---- search index ----------------------------------------------------------------------

export const SEARCH_INDEX_TYPES = ['incident', 'person', 'intervention'] as const;

/**
 * Which sealed columns a search index entry carries, per record type, so the browser can
 * build each value's context: `sealedContext(table, column, id)`.
 */
export const SEARCH_INDEX_COLUMNS = {
  incident: { table: 'incidents', title: 'sealed_title', description: 'sealed_description' },
  person: { table: 'people', title: 'sealed_name', description: 'sealed_details' },
  intervention: { table: 'interventions', title: 'sealed_title', description: 'sealed_notes' },
} as const;

export const searchIndexQuery = z.strictObject({
  type: z.enum(SEARCH_INDEX_TYPES).default('incident'),
  limit: z.coerce.number<number | string>().int().min(1).max(2000).default(1000),
  /** The `next` of the previous page. */
  cursor: uuid.optional(),
});

export const searchIndexEntry = z.strictObject({
  id: uuid,
  /** Incident reference, person code name; null for an intervention. */
  reference: z.string().nullable(),
  sealedRecordKey,
  sealedTitle: b64(RECORD_LIMITS.descriptionChars * 4 + 128).nullable(),
  sealedDescription: b64(RECORD_LIMITS.descriptionChars * 4 + 128).nullable(),
});
export type SearchIndexEntryDto = z.infer<typeof searchIndexEntry>;

export const searchIndexPage = z.strictObject({
  entries: z.array(searchIndexEntry),
  next: uuid.nullable(),
});

// ---- params ----------------------------------------------------------------------------

export const idParams = z.strictObject({ id: uuid });
export const actParams = z.strictObject({ id: uuid, actId: uuid });
export const linkParams = z.strictObject({ id: uuid, linkId: uuid });
export const relationParams = z.strictObject({ id: uuid, relationId: uuid });
export const versionParams = z.strictObject({
  id: uuid,
  version: z.coerce.number<number | string>().int().min(1),
});
export const actVersionParams = z.strictObject({
  id: uuid,
  actId: uuid,
  version: z.coerce.number<number | string>().int().min(1),
});
