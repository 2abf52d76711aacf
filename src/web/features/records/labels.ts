// What each field of a record is called and which vocabulary labels its codes, keyed by
// the API field name: the same names the history's `changedFields` and snapshots use.
import type { Locale } from '../../../common/api/accounts.ts';
import type { MessageKey } from '../../../common/i18n/index.ts';
import {
  ACT_TYPES,
  AGE_GROUPS,
  AUTHORITY_RESPONSES,
  BIAS_INDICATORS,
  BIAS_MOTIVATIONS,
  CRIME_STATUSES,
  ECONOMIC_CONSEQUENCES,
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
  type Term,
} from '../../../common/records/vocabulary.ts';

export interface FieldMeta {
  label: MessageKey;
  /** The vocabulary of a coded field (one code or a list). */
  vocab?: readonly Term[];
  /** A sealed field: its value is an envelope, opened with the record key. */
  sealedColumn?: string;
  /** A date (YYYY-MM-DD). */
  date?: boolean;
}

export const FIELD_META: Record<string, FieldMeta> = {
  incidentDate: { label: 'records.field.date', date: true },
  actDate: { label: 'records.field.date', date: true },
  datePrecision: { label: 'records.field.datePrecision', vocab: RECORD_DATE_PRECISIONS },
  oblast: { label: 'records.field.oblast', vocab: OBLASTS },
  city: { label: 'records.field.city' },
  placeType: { label: 'records.field.placeType', vocab: PLACE_TYPES },
  onlinePlatform: { label: 'records.field.onlinePlatform', vocab: ONLINE_PLATFORMS },
  incidentTypes: { label: 'records.field.incidentTypes', vocab: INCIDENT_TYPES },
  biasMotivations: { label: 'records.field.biasMotivations', vocab: BIAS_MOTIVATIONS },
  biasIndicators: { label: 'records.field.biasIndicators', vocab: BIAS_INDICATORS },
  perpetratorTypes: { label: 'records.field.perpetratorTypes', vocab: PERPETRATOR_TYPES },
  odihrCategory: { label: 'records.field.odihrCategory', vocab: ODIHR_CATEGORIES },
  crimeStatus: { label: 'records.field.crimeStatus', vocab: CRIME_STATUSES },
  violationStatus: { label: 'records.field.violationStatus', vocab: VIOLATION_STATUSES },
  reportedToPolice: { label: 'records.field.reportedToPolice', vocab: POLICE_REPORTED },
  policeResponse: { label: 'records.field.policeResponse', vocab: POLICE_RESPONSES },
  sealedTitle: { label: 'records.field.title', sealedColumn: 'sealed_title' },
  sealedDescription: { label: 'records.field.description', sealedColumn: 'sealed_description' },
  sources: { label: 'records.field.sources' },
  reportId: { label: 'records.field.report' },
  actType: { label: 'records.field.actType', vocab: ACT_TYPES },
  victimPersonId: { label: 'records.field.victim' },
  perpetrators: { label: 'records.field.perpetrators' },
  methods: { label: 'records.field.methods', vocab: METHODS },
  physicalConsequences: { label: 'records.field.physical', vocab: PHYSICAL_CONSEQUENCES },
  psychologicalConsequences: {
    label: 'records.field.psychological',
    vocab: PSYCHOLOGICAL_CONSEQUENCES,
  },
  economicConsequences: { label: 'records.field.economic', vocab: ECONOMIC_CONSEQUENCES },
  locationType: { label: 'records.field.locationType', vocab: LOCATION_TYPES },
  victimStatusAfter: { label: 'records.field.victimStatusAfter', vocab: VICTIM_STATUSES },
  sealedNotes: { label: 'records.field.notes', sealedColumn: 'sealed_notes' },
  roles: { label: 'records.field.roles', vocab: PERSON_ROLES },
  perpetratorType: { label: 'records.field.perpetratorType', vocab: PERSON_PERPETRATOR_TYPES },
  ageGroup: { label: 'records.field.ageGroup', vocab: AGE_GROUPS },
  sealedName: { label: 'records.field.name', sealedColumn: 'sealed_name' },
  sealedContacts: { label: 'records.field.contacts', sealedColumn: 'sealed_contacts' },
  sealedDetails: { label: 'records.field.details', sealedColumn: 'sealed_details' },
  incidentId: { label: 'records.field.incident' },
  caseId: { label: 'records.field.case' },
  intervenerType: { label: 'records.field.intervenerType', vocab: INTERVENER_TYPES },
  interventionType: { label: 'records.field.interventionType', vocab: INTERVENTION_TYPES },
  submittedOn: { label: 'records.field.submittedOn', date: true },
  responseOn: { label: 'records.field.responseOn', date: true },
  authorityResponse: { label: 'records.field.authorityResponse', vocab: AUTHORITY_RESPONSES },
  status: { label: 'records.field.status', vocab: INTERVENTION_STATUSES },
  priority: { label: 'records.field.priority', vocab: PRIORITIES },
};

/** Form keys whose name differs from the API field (a form holds plain text, not envelopes). */
export const FORM_FIELD_META: Record<string, FieldMeta> = {
  ...FIELD_META,
  date: FIELD_META.incidentDate ?? { label: 'records.field.date' },
  title: { label: 'records.field.title' },
  description: { label: 'records.field.description' },
  notes: { label: 'records.field.notes' },
  name: { label: 'records.field.name' },
  contacts: { label: 'records.field.contacts' },
  details: { label: 'records.field.details' },
};

export const SOURCE_VOCABS = { type: SOURCE_TYPES, reliability: SOURCE_RELIABILITIES };
export const INVOLVEMENT_VOCABS = { involvement: INVOLVEMENT_TYPES, degree: INVOLVEMENT_DEGREES };

/** A code's label in a language; an unknown (retired) code shows as itself. */
export function codeLabel(terms: readonly Term[], code: string, locale: Locale): string {
  return terms.find((t) => t.code === code)?.label[locale] ?? code;
}

export function codesText(
  terms: readonly Term[],
  codes: readonly string[],
  locale: Locale,
): string {
  return codes.map((c) => codeLabel(terms, c, locale)).join(', ');
}
