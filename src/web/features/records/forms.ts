// Forms of records ↔ the API. A form holds what the member sees and types: coded values
// as codes, sealed values as plain text (opened in this tab), a date as typed for its
// precision. Saving a new record seals every text under a new record key; saving an edit
// sends only the fields that differ from what was loaded, and re-seals only the texts that
// changed (the server reads an unchanged envelope as "not changed").
import type {
  CreateActRequest,
  CreateIncidentRequest,
  CreateInterventionRequest,
  CreatePersonRequest,
  UpdateActRequest,
  UpdateIncidentRequest,
  UpdateInterventionRequest,
  UpdatePersonRequest,
} from '../../../common/api/records.ts';
import type { SealedTable } from '../../../common/records/contexts.ts';
import { crimeStatusOf, type OdihrCategory } from '../../../common/records/vocabulary.ts';
import type { Act, IncidentDetail, InterventionDetail, PersonDetail } from './api.ts';
import { sameValue } from './conflict.ts';
import { dateToInput, dateToStored, type Precision } from './dates.ts';
import { openText, resealIfChanged, sealText, type LoadedSealed } from './sealed-fields.ts';

type Summary = IncidentDetail['incident'];
type Intervention = InterventionDetail['intervention'];
type Person = PersonDetail['person'];

// ---- generic -----------------------------------------------------------------------------

/** A sealed text of a form: the API field that carries it and the column its context names. */
interface SealedField {
  api: string;
  column: string;
}

export interface RecordSpec<F> {
  table: SealedTable;
  /** Form keys of sealed texts → their API field and context column. */
  sealed: Partial<Record<keyof F, SealedField>>;
  /** Form keys sent as they are (codes, lists, ids). */
  coded: readonly (keyof F)[];
}

/** A form as loaded from the server: the texts it opened to, and their envelopes. */
export interface Loaded<F> {
  form: F;
  version: number;
  /** Envelopes of the sealed texts by form key (and of source notes by source id). */
  envelopes: Partial<Record<keyof F, LoadedSealed>>;
  sourceNotes?: Map<string, LoadedSealed>;
}

function openAll<F>(
  spec: RecordSpec<F>,
  key: Uint8Array,
  recordId: string,
  stored: Record<string, string | null>,
): { texts: Partial<Record<keyof F, string>>; envelopes: Partial<Record<keyof F, LoadedSealed>> } {
  const texts: Partial<Record<keyof F, string>> = {};
  const envelopes: Partial<Record<keyof F, LoadedSealed>> = {};
  for (const [formKey, field] of Object.entries(spec.sealed) as [keyof F, SealedField][]) {
    const sealed = stored[field.api] ?? null;
    const text = openText(key, { table: spec.table, column: field.column, recordId }, sealed) ?? '';
    texts[formKey] = text;
    envelopes[formKey] = { sealed, text };
  }
  return { texts, envelopes };
}

function sealAll<F>(
  spec: RecordSpec<F>,
  key: Uint8Array,
  recordId: string,
  form: F,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [formKey, field] of Object.entries(spec.sealed) as [keyof F, SealedField][]) {
    out[field.api] = sealText(
      key,
      { table: spec.table, column: field.column, recordId },
      String(form[formKey]),
    );
  }
  return out;
}

/**
 * The fields of `edited` that differ from `loaded`, as the API takes them: coded values
 * as they are (after `toApi`), sealed texts re-sealed only when their text changed.
 */
function changedFields<F>(
  spec: RecordSpec<F>,
  key: Uint8Array,
  recordId: string,
  loaded: Loaded<F>,
  edited: F,
  toApi: (field: keyof F, value: F[keyof F], form: F) => [string, unknown][],
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const field of spec.coded) {
    if (sameValue(loaded.form[field], edited[field])) continue;
    for (const [apiKey, value] of toApi(field, edited[field], edited)) patch[apiKey] = value;
  }
  for (const [formKey, sealedField] of Object.entries(spec.sealed) as [keyof F, SealedField][]) {
    const text = String(edited[formKey]);
    const before = loaded.envelopes[formKey];
    if (before && before.text === text) continue;
    patch[sealedField.api] = sealText(
      key,
      { table: spec.table, column: sealedField.column, recordId },
      text,
    );
  }
  return patch;
}

const asIs = <F>(field: keyof F, value: F[keyof F]): [string, unknown][] => [
  [String(field), value],
];

// ---- incidents ---------------------------------------------------------------------------

export interface SourceForm {
  id: string;
  type: IncidentDetail['sources'][number]['type'];
  reliability: IncidentDetail['sources'][number]['reliability'];
  personId: string | null;
  note: string;
}

export interface IncidentForm {
  datePrecision: Precision;
  /** As typed for the precision: '2026-03-14', '2026-03', '2026' or ''. */
  date: string;
  oblast: Summary['oblast'];
  city: string;
  placeType: Summary['placeType'];
  onlinePlatform: Summary['onlinePlatform'];
  incidentTypes: Summary['incidentTypes'];
  biasMotivations: Summary['biasMotivations'];
  biasIndicators: Summary['biasIndicators'];
  perpetratorTypes: Summary['perpetratorTypes'];
  odihrCategory: Summary['odihrCategory'];
  crimeStatus: Summary['crimeStatus'];
  violationStatus: Summary['violationStatus'];
  reportedToPolice: Summary['reportedToPolice'];
  policeResponse: Summary['policeResponse'];
  title: string;
  description: string;
  sources: SourceForm[];
}

export const INCIDENT_SPEC: RecordSpec<IncidentForm> = {
  table: 'incidents',
  sealed: {
    title: { api: 'sealedTitle', column: 'sealed_title' },
    description: { api: 'sealedDescription', column: 'sealed_description' },
  },
  coded: [
    'datePrecision',
    'date',
    'oblast',
    'city',
    'placeType',
    'onlinePlatform',
    'incidentTypes',
    'biasMotivations',
    'biasIndicators',
    'perpetratorTypes',
    'odihrCategory',
    'crimeStatus',
    'violationStatus',
    'reportedToPolice',
    'policeResponse',
  ],
};

export function emptyIncidentForm(): IncidentForm {
  return {
    datePrecision: 'day',
    date: '',
    oblast: null,
    city: '',
    placeType: null,
    onlinePlatform: null,
    incidentTypes: [],
    biasMotivations: [],
    biasIndicators: [],
    perpetratorTypes: [],
    odihrCategory: null,
    crimeStatus: 'undetermined',
    violationStatus: 'unknown',
    reportedToPolice: null,
    policeResponse: null,
    title: '',
    description: '',
    sources: [],
  };
}

/** Discrimination and hate speech are non-crime incidents; a new category sets this. */
export function withOdihrCategory(
  form: IncidentForm,
  category: OdihrCategory | null,
): IncidentForm {
  return { ...form, odihrCategory: category, crimeStatus: crimeStatusOf(category) };
}

export function sourceNoteColumn(sourceId: string): string {
  return `sources.note.${sourceId}`;
}

/** Opens an incident's sealed fields; throws DecryptionError when one does not open. */
export function loadIncident(detail: IncidentDetail, key: Uint8Array): Loaded<IncidentForm> {
  const i = detail.incident;
  const { texts, envelopes } = openAll(INCIDENT_SPEC, key, i.id, {
    sealedTitle: detail.sealedTitle,
    sealedDescription: detail.sealedDescription,
  });
  const sourceNotes = new Map<string, LoadedSealed>();
  const sources = detail.sources.map((s) => {
    const note =
      openText(
        key,
        { table: 'incidents', column: sourceNoteColumn(s.id), recordId: i.id },
        s.sealedNote,
      ) ?? '';
    sourceNotes.set(s.id, { sealed: s.sealedNote, text: note });
    return { id: s.id, type: s.type, reliability: s.reliability, personId: s.personId, note };
  });
  return {
    version: i.version,
    envelopes,
    sourceNotes,
    form: {
      datePrecision: i.datePrecision,
      date: dateToInput(i.datePrecision, i.incidentDate),
      oblast: i.oblast,
      city: i.city ?? '',
      placeType: i.placeType,
      onlinePlatform: i.onlinePlatform,
      incidentTypes: i.incidentTypes,
      biasMotivations: i.biasMotivations,
      biasIndicators: i.biasIndicators,
      perpetratorTypes: i.perpetratorTypes,
      odihrCategory: i.odihrCategory,
      crimeStatus: i.crimeStatus,
      violationStatus: i.violationStatus,
      reportedToPolice: i.reportedToPolice,
      policeResponse: i.policeResponse,
      title: texts.title ?? '',
      description: texts.description ?? '',
      sources,
    },
  };
}

function incidentCodedToApi(
  field: keyof IncidentForm,
  value: IncidentForm[keyof IncidentForm],
  form: IncidentForm,
): [string, unknown][] {
  // The date and its precision travel together: either changing changes the stored date.
  if (field === 'date' || field === 'datePrecision') {
    return [
      ['incidentDate', dateToStored(form.datePrecision, form.date)],
      ['datePrecision', form.datePrecision],
    ];
  }
  if (field === 'city') return [['city', form.city.trim() === '' ? null : form.city.trim()]];
  return asIs(field, value);
}

function sourcesToApi(
  key: Uint8Array,
  incidentId: string,
  sources: SourceForm[],
  loadedNotes?: Map<string, LoadedSealed>,
): NonNullable<UpdateIncidentRequest['sources']> {
  return sources.map((s) => ({
    id: s.id,
    type: s.type,
    reliability: s.reliability,
    personId: s.personId,
    sealedNote: resealIfChanged(
      key,
      { table: 'incidents', column: sourceNoteColumn(s.id), recordId: incidentId },
      loadedNotes?.get(s.id),
      s.note,
    ),
  }));
}

export function incidentCreateRequest(
  form: IncidentForm,
  ids: { id: string; sealedRecordKey: string; reportId: string | null },
  key: Uint8Array,
): CreateIncidentRequest {
  const coded: Record<string, unknown> = {};
  for (const field of INCIDENT_SPEC.coded) {
    for (const [apiKey, value] of incidentCodedToApi(field, form[field], form)) {
      coded[apiKey] = value;
    }
  }
  return {
    ...(coded as Omit<CreateIncidentRequest, 'id' | 'sealedRecordKey'>),
    id: ids.id,
    sealedRecordKey: ids.sealedRecordKey,
    reportId: ids.reportId,
    ...sealAll(INCIDENT_SPEC, key, ids.id, form),
    sources: sourcesToApi(key, ids.id, form.sources),
  };
}

/** The update to send, or null when nothing changed. */
export function incidentUpdateRequest(
  loaded: Loaded<IncidentForm>,
  edited: IncidentForm,
  incidentId: string,
  key: Uint8Array,
): UpdateIncidentRequest | null {
  const patch = changedFields(INCIDENT_SPEC, key, incidentId, loaded, edited, incidentCodedToApi);
  if (!sameValue(loaded.form.sources, edited.sources)) {
    patch.sources = sourcesToApi(key, incidentId, edited.sources, loaded.sourceNotes);
  }
  if (Object.keys(patch).length === 0) return null;
  return {
    ...(patch as Omit<UpdateIncidentRequest, 'expectedVersion'>),
    expectedVersion: loaded.version,
  };
}

// ---- acts --------------------------------------------------------------------------------

export interface ActForm {
  actType: Act['actType'] | '';
  victimPersonId: string | null;
  perpetrators: Act['perpetrators'];
  methods: Act['methods'];
  physicalConsequences: Act['physicalConsequences'];
  psychologicalConsequences: Act['psychologicalConsequences'];
  economicConsequences: Act['economicConsequences'];
  locationType: Act['locationType'];
  victimStatusAfter: Act['victimStatusAfter'];
  datePrecision: Precision;
  date: string;
  notes: string;
}

export const ACT_SPEC: RecordSpec<ActForm> = {
  table: 'acts',
  sealed: { notes: { api: 'sealedNotes', column: 'sealed_notes' } },
  coded: [
    'actType',
    'victimPersonId',
    'perpetrators',
    'methods',
    'physicalConsequences',
    'psychologicalConsequences',
    'economicConsequences',
    'locationType',
    'victimStatusAfter',
    'datePrecision',
    'date',
  ],
};

export function emptyActForm(): ActForm {
  return {
    actType: '',
    victimPersonId: null,
    perpetrators: [],
    methods: [],
    physicalConsequences: [],
    psychologicalConsequences: [],
    economicConsequences: [],
    locationType: null,
    victimStatusAfter: null,
    datePrecision: 'unknown',
    date: '',
    notes: '',
  };
}

/** An act's notes are sealed under its incident's key, with the act's own id in the context. */
export function loadAct(act: Act, incidentKey: Uint8Array): Loaded<ActForm> {
  const { texts, envelopes } = openAll(ACT_SPEC, incidentKey, act.id, {
    sealedNotes: act.sealedNotes,
  });
  return {
    version: act.version,
    envelopes,
    form: {
      actType: act.actType,
      victimPersonId: act.victimPersonId,
      perpetrators: act.perpetrators,
      methods: act.methods,
      physicalConsequences: act.physicalConsequences,
      psychologicalConsequences: act.psychologicalConsequences,
      economicConsequences: act.economicConsequences,
      locationType: act.locationType,
      victimStatusAfter: act.victimStatusAfter,
      datePrecision: act.datePrecision,
      date: dateToInput(act.datePrecision, act.actDate),
      notes: texts.notes ?? '',
    },
  };
}

function actCodedToApi(
  field: keyof ActForm,
  value: ActForm[keyof ActForm],
  form: ActForm,
): [string, unknown][] {
  if (field === 'date' || field === 'datePrecision') {
    return [
      ['actDate', dateToStored(form.datePrecision, form.date)],
      ['datePrecision', form.datePrecision],
    ];
  }
  // A perpetrator row whose person is not chosen yet is not sent.
  if (field === 'perpetrators')
    return [['perpetrators', form.perpetrators.filter((p) => p.personId)]];
  return asIs(field, value);
}

/** Null when the act type is missing (the one required field). */
export function actCreateRequest(
  form: ActForm,
  actId: string,
  incidentKey: Uint8Array,
): CreateActRequest | null {
  if (form.actType === '') return null;
  const coded: Record<string, unknown> = {};
  for (const field of ACT_SPEC.coded) {
    for (const [apiKey, value] of actCodedToApi(field, form[field], form)) coded[apiKey] = value;
  }
  return {
    ...(coded as Omit<CreateActRequest, 'id'>),
    actType: form.actType,
    id: actId,
    ...sealAll(ACT_SPEC, incidentKey, actId, form),
  };
}

export function actUpdateRequest(
  loaded: Loaded<ActForm>,
  edited: ActForm,
  actId: string,
  incidentKey: Uint8Array,
): UpdateActRequest | null {
  const patch = changedFields(ACT_SPEC, incidentKey, actId, loaded, edited, actCodedToApi);
  if (patch.actType === '') delete patch.actType;
  if (Object.keys(patch).length === 0) return null;
  return {
    ...(patch as Omit<UpdateActRequest, 'expectedVersion'>),
    expectedVersion: loaded.version,
  };
}

// ---- people ------------------------------------------------------------------------------

export interface PersonForm {
  roles: Person['roles'];
  perpetratorType: Person['perpetratorType'];
  ageGroup: Person['ageGroup'];
  name: string;
  contacts: string;
  details: string;
}

export const PERSON_SPEC: RecordSpec<PersonForm> = {
  table: 'people',
  sealed: {
    name: { api: 'sealedName', column: 'sealed_name' },
    contacts: { api: 'sealedContacts', column: 'sealed_contacts' },
    details: { api: 'sealedDetails', column: 'sealed_details' },
  },
  coded: ['roles', 'perpetratorType', 'ageGroup'],
};

export function emptyPersonForm(): PersonForm {
  return { roles: [], perpetratorType: null, ageGroup: null, name: '', contacts: '', details: '' };
}

export function loadPerson(detail: PersonDetail, key: Uint8Array): Loaded<PersonForm> {
  const p = detail.person;
  const { texts, envelopes } = openAll(PERSON_SPEC, key, p.id, {
    sealedName: detail.sealedName,
    sealedContacts: detail.sealedContacts,
    sealedDetails: detail.sealedDetails,
  });
  return {
    version: p.version,
    envelopes,
    form: {
      roles: p.roles,
      perpetratorType: p.perpetratorType,
      ageGroup: p.ageGroup,
      name: texts.name ?? '',
      contacts: texts.contacts ?? '',
      details: texts.details ?? '',
    },
  };
}

export function personCreateRequest(
  form: PersonForm,
  ids: { id: string; sealedRecordKey: string },
  key: Uint8Array,
): CreatePersonRequest {
  return {
    id: ids.id,
    sealedRecordKey: ids.sealedRecordKey,
    roles: form.roles,
    perpetratorType: form.perpetratorType,
    ageGroup: form.ageGroup,
    ...sealAll(PERSON_SPEC, key, ids.id, form),
  };
}

export function personUpdateRequest(
  loaded: Loaded<PersonForm>,
  edited: PersonForm,
  personId: string,
  key: Uint8Array,
): UpdatePersonRequest | null {
  const patch = changedFields(PERSON_SPEC, key, personId, loaded, edited, asIs);
  if (Object.keys(patch).length === 0) return null;
  return {
    ...(patch as Omit<UpdatePersonRequest, 'expectedVersion'>),
    expectedVersion: loaded.version,
  };
}

// ---- interventions -----------------------------------------------------------------------

export interface InterventionForm {
  incidentId: string | null;
  /** The case it is part of, when recorded from a case page. */
  caseId: string | null;
  intervenerType: Intervention['intervenerType'] | '';
  interventionType: Intervention['interventionType'] | '';
  submittedOn: string;
  responseOn: string;
  authorityResponse: Intervention['authorityResponse'];
  status: Intervention['status'];
  priority: Intervention['priority'];
  title: string;
  notes: string;
}

export const INTERVENTION_SPEC: RecordSpec<InterventionForm> = {
  table: 'interventions',
  sealed: {
    title: { api: 'sealedTitle', column: 'sealed_title' },
    notes: { api: 'sealedNotes', column: 'sealed_notes' },
  },
  coded: [
    'incidentId',
    'caseId',
    'intervenerType',
    'interventionType',
    'submittedOn',
    'responseOn',
    'authorityResponse',
    'status',
    'priority',
  ],
};

export function emptyInterventionForm(
  incidentId: string | null = null,
  caseId: string | null = null,
): InterventionForm {
  return {
    incidentId,
    caseId,
    intervenerType: '',
    interventionType: '',
    submittedOn: '',
    responseOn: '',
    authorityResponse: 'awaiting',
    status: 'planned',
    priority: 'normal',
    title: '',
    notes: '',
  };
}

export function loadIntervention(
  detail: InterventionDetail,
  key: Uint8Array,
): Loaded<InterventionForm> {
  const i = detail.intervention;
  const { texts, envelopes } = openAll(INTERVENTION_SPEC, key, i.id, {
    sealedTitle: detail.sealedTitle,
    sealedNotes: detail.sealedNotes,
  });
  return {
    version: i.version,
    envelopes,
    form: {
      incidentId: i.incidentId,
      caseId: i.caseId,
      intervenerType: i.intervenerType,
      interventionType: i.interventionType,
      submittedOn: i.submittedOn ?? '',
      responseOn: i.responseOn ?? '',
      authorityResponse: i.authorityResponse,
      status: i.status,
      priority: i.priority,
      title: texts.title ?? '',
      notes: texts.notes ?? '',
    },
  };
}

function interventionCodedToApi(
  field: keyof InterventionForm,
  value: InterventionForm[keyof InterventionForm],
): [string, unknown][] {
  if (field === 'submittedOn' || field === 'responseOn') {
    return [[field, value === '' ? null : value]];
  }
  return asIs(field, value);
}

export function interventionCreateRequest(
  form: InterventionForm,
  ids: { id: string; sealedRecordKey: string },
  key: Uint8Array,
): CreateInterventionRequest | null {
  if (form.intervenerType === '' || form.interventionType === '') return null;
  return {
    id: ids.id,
    sealedRecordKey: ids.sealedRecordKey,
    incidentId: form.incidentId,
    caseId: form.caseId,
    intervenerType: form.intervenerType,
    interventionType: form.interventionType,
    submittedOn: form.submittedOn || null,
    responseOn: form.responseOn || null,
    authorityResponse: form.authorityResponse,
    status: form.status,
    priority: form.priority,
    ...sealAll(INTERVENTION_SPEC, key, ids.id, form),
  };
}

export function interventionUpdateRequest(
  loaded: Loaded<InterventionForm>,
  edited: InterventionForm,
  interventionId: string,
  key: Uint8Array,
): UpdateInterventionRequest | null {
  const patch = changedFields(
    INTERVENTION_SPEC,
    key,
    interventionId,
    loaded,
    edited,
    interventionCodedToApi,
  );
  if (patch.intervenerType === '') delete patch.intervenerType;
  if (patch.interventionType === '') delete patch.interventionType;
  if (Object.keys(patch).length === 0) return null;
  return {
    ...(patch as Omit<UpdateInterventionRequest, 'expectedVersion'>),
    expectedVersion: loaded.version,
  };
}

// ---- a report documented as an incident --------------------------------------------------

const NON_CRIME_CATEGORY: Partial<Record<string, OdihrCategory>> = {
  discrimination_work: 'discrimination',
  discrimination_school: 'discrimination',
  discrimination_housing: 'discrimination',
  discrimination_health: 'discrimination',
  online_hate: 'hate_speech',
};

/** The ODIHR category the incident types imply, when they all point to the same one. */
export function categoryOfTypes(types: readonly string[]): OdihrCategory | null {
  const categories = new Set(types.map((t) => NON_CRIME_CATEGORY[t] ?? null));
  if (categories.size !== 1) return null;
  return [...categories][0] ?? null;
}

/** The coded answers of a report, as the reporter gave them (see ReportSummaryDto). */
export interface ReportAnswersForIncident {
  incidentTypes: IncidentForm['incidentTypes'];
  datePrecision: Precision;
  incidentDate: string | null;
  oblast: IncidentForm['oblast'];
  city: string | null;
  placeType: IncidentForm['placeType'];
  onlinePlatform: IncidentForm['onlinePlatform'];
  perpetratorTypes: IncidentForm['perpetratorTypes'];
  biasIndicators: IncidentForm['biasIndicators'];
  reportedToPolice: IncidentForm['reportedToPolice'];
  policeResponse: IncidentForm['policeResponse'];
}

/**
 * A new incident's form filled from a report: its coded answers, and the reporter's own
 * words as the description. Discrimination and online hate speech start as non-crime.
 */
export function incidentFormFromReport(
  report: ReportAnswersForIncident,
  narrative: string | null,
): IncidentForm {
  const base = emptyIncidentForm();
  const form: IncidentForm = {
    ...base,
    datePrecision: report.datePrecision,
    date: dateToInput(report.datePrecision, report.incidentDate),
    oblast: report.oblast,
    city: report.city ?? '',
    placeType: report.placeType,
    onlinePlatform: report.onlinePlatform,
    incidentTypes: [...report.incidentTypes],
    perpetratorTypes: [...report.perpetratorTypes],
    biasIndicators: [...report.biasIndicators],
    reportedToPolice: report.reportedToPolice,
    policeResponse: report.policeResponse,
    description: narrative ?? '',
    sources: [],
  };
  return withOdihrCategory(form, categoryOfTypes(report.incidentTypes));
}
