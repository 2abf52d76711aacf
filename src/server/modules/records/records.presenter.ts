// Allow-lists what leaves the server about records. A new column is not exposed until a
// line here names it; the response schemas in src/common/api/records.ts check the rest.
// Sealed values leave only as base64url envelopes.
import type {
  ActDto,
  IncidentDetailDto,
  IncidentSummaryDto,
  InterventionDetailDto,
  InterventionSummaryDto,
  PersonDetailDto,
  PersonRefDto,
  PersonSummaryDto,
  RecordVersionDto,
  SearchIndexEntryDto,
} from '../../../common/api/records.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import type { StoredVersion } from './history.repository.ts';
import type { ActRow, IncidentRow } from './incidents.repository.ts';
import type { InterventionRow } from './interventions.repository.ts';
import type { PersonRefRow, PersonRow } from './people.repository.ts';

// The database holds these columns to vocabulary codes (every write goes through the
// zod schemas); the response schema is the second guard.
type I = IncidentSummaryDto;
type A = ActDto;
type P = PersonSummaryDto;
type V = InterventionSummaryDto;

const b64OrNull = (bytes: Uint8Array | null): string | null => (bytes ? toB64(bytes) : null);

export function presentIncidentSummary(row: IncidentRow): IncidentSummaryDto {
  return {
    id: row.id,
    reference: row.reference,
    reportId: row.report_id,
    incidentDate: row.incident_date,
    datePrecision: row.date_precision as I['datePrecision'],
    oblast: row.oblast as I['oblast'],
    city: row.city,
    placeType: row.place_type as I['placeType'],
    onlinePlatform: row.online_platform as I['onlinePlatform'],
    incidentTypes: row.incident_types as I['incidentTypes'],
    biasMotivations: row.bias_motivations as I['biasMotivations'],
    biasIndicators: row.bias_indicators as I['biasIndicators'],
    perpetratorTypes: row.perpetrator_types as I['perpetratorTypes'],
    odihrCategory: row.odihr_category as I['odihrCategory'],
    crimeStatus: row.crime_status as I['crimeStatus'],
    violationStatus: row.violation_status as I['violationStatus'],
    reportedToPolice: row.reported_to_police as I['reportedToPolice'],
    policeResponse: row.police_response as I['policeResponse'],
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentAct(row: ActRow): ActDto {
  return {
    id: row.id,
    incidentId: row.incident_id,
    actType: row.act_type as A['actType'],
    victimPersonId: row.victim_person_id,
    perpetrators: row.perpetrators as A['perpetrators'],
    methods: row.methods as A['methods'],
    physicalConsequences: row.physical_consequences as A['physicalConsequences'],
    psychologicalConsequences: row.psychological_consequences as A['psychologicalConsequences'],
    economicConsequences: row.economic_consequences as A['economicConsequences'],
    locationType: row.location_type as A['locationType'],
    victimStatusAfter: row.victim_status_after as A['victimStatusAfter'],
    actDate: row.act_date,
    datePrecision: row.date_precision as A['datePrecision'],
    sealedNotes: b64OrNull(row.sealed_notes),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentPersonRef(row: PersonRefRow): PersonRefDto {
  return {
    id: row.id,
    codeName: row.code_name,
    roles: row.roles as P['roles'],
    perpetratorType: row.perpetrator_type as P['perpetratorType'],
    ageGroup: row.age_group as P['ageGroup'],
  };
}

export function presentPersonSummary(row: PersonRow): PersonSummaryDto {
  return {
    ...presentPersonRef(row),
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentInterventionSummary(row: InterventionRow): InterventionSummaryDto {
  return {
    id: row.id,
    incidentId: row.incident_id,
    caseId: row.case_id,
    intervenerType: row.intervener_type as V['intervenerType'],
    interventionType: row.intervention_type as V['interventionType'],
    submittedOn: row.submitted_on,
    responseOn: row.response_on,
    authorityResponse: row.authority_response as V['authorityResponse'],
    status: row.status as V['status'],
    priority: row.priority as V['priority'],
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at.toISOString(),
  };
}

export interface IncidentView {
  incident: IncidentRow;
  sealedKey: Uint8Array;
  acts: ActRow[];
  links: {
    id: string;
    link_type: string;
    direction: 'outgoing' | 'incoming';
    other_id: string;
    other_reference: string;
    created_at: Date;
  }[];
  interventions: InterventionRow[];
  people: PersonRefRow[];
}

type Source = IncidentDetailDto['sources'][number];

export function presentIncidentDetail(view: IncidentView): IncidentDetailDto {
  const { incident } = view;
  return {
    incident: presentIncidentSummary(incident),
    sealedRecordKey: toB64(view.sealedKey),
    sealedTitle: b64OrNull(incident.sealed_title),
    sealedDescription: b64OrNull(incident.sealed_description),
    sources: (incident.sources as Source[]).map((s) => ({
      id: s.id,
      type: s.type,
      reliability: s.reliability,
      personId: s.personId ?? null,
      sealedNote: s.sealedNote ?? null,
    })),
    acts: view.acts.map(presentAct),
    links: view.links.map((l) => ({
      id: l.id,
      linkType: l.link_type as IncidentDetailDto['links'][number]['linkType'],
      direction: l.direction,
      otherIncidentId: l.other_id,
      otherReference: l.other_reference,
      createdAt: l.created_at.toISOString(),
    })),
    interventions: view.interventions.map(presentInterventionSummary),
    people: view.people.map(presentPersonRef),
  };
}

export interface PersonView {
  person: PersonRow;
  sealedKey: Uint8Array;
  relations: {
    id: string;
    relation: string;
    direction: 'outgoing' | 'incoming';
    other: PersonRefRow;
    created_at: Date;
  }[];
  appearances: {
    incidentId: string;
    incidentReference: string;
    actId: string;
    as: 'victim' | 'perpetrator';
  }[];
}

export function presentPersonDetail(view: PersonView): PersonDetailDto {
  const { person } = view;
  return {
    person: presentPersonSummary(person),
    sealedRecordKey: toB64(view.sealedKey),
    sealedName: b64OrNull(person.sealed_name),
    sealedContacts: b64OrNull(person.sealed_contacts),
    sealedDetails: b64OrNull(person.sealed_details),
    relations: view.relations.map((r) => ({
      id: r.id,
      relation: r.relation as PersonDetailDto['relations'][number]['relation'],
      direction: r.direction,
      otherPerson: presentPersonRef(r.other),
      createdAt: r.created_at.toISOString(),
    })),
    appearances: view.appearances,
  };
}

export function presentInterventionDetail(
  row: InterventionRow,
  sealedKey: Uint8Array,
): InterventionDetailDto {
  return {
    intervention: presentInterventionSummary(row),
    sealedRecordKey: toB64(sealedKey),
    sealedTitle: b64OrNull(row.sealed_title),
    sealedNotes: b64OrNull(row.sealed_notes),
  };
}

export function presentVersion(version: StoredVersion): RecordVersionDto {
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

export function presentSearchEntry(row: {
  id: string;
  reference: string | null;
  sealed_key: Uint8Array;
  sealed_title: Uint8Array | null;
  sealed_description: Uint8Array | null;
}): SearchIndexEntryDto {
  return {
    id: row.id,
    reference: row.reference,
    sealedRecordKey: toB64(row.sealed_key),
    sealedTitle: b64OrNull(row.sealed_title),
    sealedDescription: b64OrNull(row.sealed_description),
  };
}
