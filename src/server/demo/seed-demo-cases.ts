// Invented records and cases for the demo, made through the same use cases the API calls,
// sealed exactly as a member's browser seals them (record keys sealed to the organisation,
// fields under sealedContext). Nothing here describes a real person or event: every name
// is marked as invented. It shows every screen of records and cases populated: people with
// a family relation, incidents with acts and sources, a chain of events, interventions
// (a police complaint the police refused to register), an urgent case with tasks, an
// overdue contact and a pending referral, a restricted case, a closed case, and history.
import { randomUUID } from 'node:crypto';
import * as casesApi from '../../common/api/cases.ts';
import * as recordsApi from '../../common/api/records.ts';
import { toB64 } from '../../common/crypto/encoding.ts';
import { encryptField, sealTo, type BoxKeyPair } from '../../common/crypto/envelope.ts';
import { generateRecordKey, openRecordKey, sealRecordKey } from '../../common/crypto/keys.ts';
import type { Actor } from '../../common/policy/permissions.ts';
import { sealedContext, type SealedTable } from '../../common/records/contexts.ts';
import { addPartner } from '../modules/cases/add-partner.ts';
import { assignCaseMember } from '../modules/cases/assign-case-member.ts';
import type { CasesDeps } from '../modules/cases/cases.deps.ts';
import { changeCaseStatus } from '../modules/cases/change-case-status.ts';
import { checkCaseContacts } from '../modules/cases/check-case-contacts.ts';
import { createCase } from '../modules/cases/create-case.ts';
import { createTask } from '../modules/cases/create-task.ts';
import { getReferralPlan } from '../modules/cases/get-referral-plan.ts';
import { linkCaseRecord } from '../modules/cases/link-case-record.ts';
import { recordConsent } from '../modules/cases/record-consent.ts';
import { recordContact } from '../modules/cases/record-contact.ts';
import { sendReferral } from '../modules/cases/send-referral.ts';
import { createAct } from '../modules/records/create-act.ts';
import { createIncident } from '../modules/records/create-incident.ts';
import { createIntervention } from '../modules/records/create-intervention.ts';
import { createPerson } from '../modules/records/create-person.ts';
import { linkIncidents } from '../modules/records/link-incidents.ts';
import { relatePeople } from '../modules/records/relate-people.ts';
import { updateIncident } from '../modules/records/update-incident.ts';

export interface DemoCase {
  reference: string;
  status: string;
  restricted: boolean;
}

export interface DemoCasesSeed {
  incidents: string[];
  cases: DemoCase[];
  /** Records the demo attaches evidence to, with their record keys (kept in memory only). */
  evidenceTargets: {
    onlineIncident: { id: string; key: Uint8Array };
    streetIncident: { id: string; key: Uint8Array };
    urgentCase: { id: string; key: Uint8Array; reference: string };
  };
}

const DAY = 86_400_000;

/** A new record as a browser makes it: id, key, and the key sealed to the organisation. */
function newRecord(org: BoxKeyPair) {
  const id = randomUUID();
  const key = generateRecordKey();
  return { id, key, sealedRecordKey: toB64(sealRecordKey(key, org.publicKey)) };
}

function sealer(key: Uint8Array, table: SealedTable, id: string) {
  return (column: string, text: string) =>
    toB64(encryptField(key, text, sealedContext(table, column, id)));
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

export async function seedDemoCases(options: {
  deps: CasesDeps;
  org: { id: string; keyPair: BoxKeyPair };
  admin: Actor;
  caseWorker: Actor;
  lawyer: Actor;
  partner: { id: string; publicKey: Uint8Array };
  /** An accepted report whose reporter asked for help and for referral. */
  confinementReportId: string;
  /** An accepted report about online threats. */
  onlineReportId: string;
}): Promise<DemoCasesSeed> {
  const { deps, org, admin, caseWorker, lawyer } = options;
  const kp = org.keyPair;
  const now = deps.now();
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);
  const daysAhead = (n: number) => new Date(now.getTime() + n * DAY);

  // ---- people -------------------------------------------------------------------------
  const person = async (
    spec: { roles: string[]; perpetratorType?: string; ageGroup?: string },
    name: string,
    details: string,
    contacts?: string,
  ) => {
    const r = newRecord(kp);
    const seal = sealer(r.key, 'people', r.id);
    const created = await createPerson({
      deps,
      actor: caseWorker,
      input: recordsApi.createPerson.parse({
        id: r.id,
        sealedRecordKey: r.sealedRecordKey,
        roles: spec.roles,
        perpetratorType: spec.perpetratorType ?? null,
        ageGroup: spec.ageGroup ?? null,
        sealedName: seal('sealed_name', name),
        sealedDetails: seal('sealed_details', details),
        sealedContacts: contacts ? seal('sealed_contacts', contacts) : null,
      }),
    });
    return { id: r.id, codeName: created.person.code_name };
  };
  const victim = await person(
    { roles: ['victim'], ageGroup: '18_24' },
    'Арман Демо (выдуманный)',
    '[Invented] A student; his family took his phone after learning he is gay.',
    'Through his neighbour only; never call the family phone.',
  );
  const father = await person(
    { roles: ['perpetrator'], perpetratorType: 'father' },
    'Отец (выдуманный)',
    '[Invented] Keeps the son at home; says he will "cure" him.',
  );
  const brother = await person(
    { roles: ['perpetrator'], perpetratorType: 'brother' },
    'Брат (выдуманный)',
    '[Invented] Guards the door; took the phone.',
  );
  const neighbour = await person(
    { roles: ['witness', 'source'] },
    'Сосед (выдуманный)',
    '[Invented] Wrote to the organisation; sees the family daily.',
    'Signal: @demo_invented_neighbour',
  );
  const officer = await person(
    { roles: ['perpetrator'], perpetratorType: 'police' },
    'Участковый (выдуманный)',
    '[Invented] District officer who refused to register the complaint.',
  );
  const relate = (from: string, to: string, relation: string) =>
    relatePeople({
      deps,
      actor: caseWorker,
      personId: from,
      input: recordsApi.createPersonRelation.parse({ relatedPersonId: to, relation }),
    });
  await relate(father.id, victim.id, 'father_of');
  await relate(brother.id, victim.id, 'sibling_of');
  await relate(father.id, victim.id, 'holds_captive');
  await relate(neighbour.id, victim.id, 'neighbour_of');

  // ---- incidents ----------------------------------------------------------------------
  const incident = async (
    fields: Record<string, unknown>,
    title: string,
    description: string,
    sources: { type: string; reliability: string; personId?: string; note?: string }[] = [],
  ) => {
    const r = newRecord(kp);
    const seal = sealer(r.key, 'incidents', r.id);
    const created = await createIncident({
      deps,
      actor: caseWorker,
      input: recordsApi.createIncident.parse({
        id: r.id,
        sealedRecordKey: r.sealedRecordKey,
        ...fields,
        sealedTitle: seal('sealed_title', title),
        sealedDescription: seal('sealed_description', description),
        sources: sources.map((s) => {
          const id = randomUUID();
          return {
            id,
            type: s.type,
            reliability: s.reliability,
            personId: s.personId ?? null,
            sealedNote: s.note ? seal(`sources.note.${id}`, s.note) : null,
          };
        }),
      }),
    });
    return { id: r.id, key: r.key, reference: created.incident.reference, version: 1 };
  };
  const act = async (
    incidentId: string,
    key: Uint8Array,
    fields: Record<string, unknown>,
    notes: string,
  ) => {
    const id = randomUUID();
    await createAct({
      deps,
      actor: caseWorker,
      incidentId,
      input: recordsApi.createAct.parse({
        id,
        ...fields,
        sealedNotes: toB64(encryptField(key, notes, sealedContext('acts', 'sealed_notes', id))),
      }),
    });
  };

  const confinement = await incident(
    {
      reportId: options.confinementReportId,
      incidentDate: '2026-09-01',
      datePrecision: 'month',
      oblast: 'almaty_city',
      city: 'Алматы',
      placeType: 'home',
      incidentTypes: ['family_confinement', 'threats'],
      biasMotivations: ['sexual_orientation'],
      biasIndicators: ['outing', 'words'],
      perpetratorTypes: ['family_member'],
      odihrCategory: 'violent_attack',
      violationStatus: 'likely',
      reportedToPolice: 'yes',
      policeResponse: 'refused_to_register',
    },
    'Удержание семьёй: А. (выдуманный пример)',
    '[Invented] After the family learned he is gay, his father and brother keep him at home, took his phone and documents, and speak of "treatment" at a clinic.',
    [
      {
        type: 'witness',
        reliability: 'high',
        personId: neighbour.id,
        note: 'Sees the house daily; heard the threats.',
      },
      { type: 'report', reliability: 'medium', note: 'The anonymous report R-… from a friend.' },
    ],
  );
  await act(
    confinement.id,
    confinement.key,
    {
      actType: 'confinement',
      victimPersonId: victim.id,
      perpetrators: [
        { personId: father.id, involvement: 'direct', degree: 'confirmed' },
        { personId: brother.id, involvement: 'assisted', degree: 'alleged' },
      ],
      methods: ['confiscation_of_phone', 'confiscation_of_documents', 'restraint'],
      psychologicalConsequences: ['fear', 'isolation'],
      locationType: 'family_home',
      victimStatusAfter: 'confined',
      actDate: '2026-09-01',
      datePrecision: 'month',
    },
    '[Invented] Locked in his room most of the day; phone and passport taken.',
  );
  await act(
    confinement.id,
    confinement.key,
    {
      actType: 'forced_treatment',
      victimPersonId: victim.id,
      perpetrators: [{ personId: father.id, involvement: 'ordered', degree: 'alleged' }],
      methods: ['religious_rituals', 'psychological_pressure'],
      psychologicalConsequences: ['trauma'],
      locationType: 'religious_site',
      victimStatusAfter: 'confined',
      datePrecision: 'unknown',
    },
    '[Invented] Taken twice to a healer to be "cured".',
  );
  // A second edit, so the history has something to show.
  await updateIncident({
    deps,
    actor: caseWorker,
    incidentId: confinement.id,
    input: recordsApi.updateIncident.parse({
      expectedVersion: 1,
      violationStatus: 'confirmed',
      sealedDescription: toB64(
        encryptField(
          confinement.key,
          '[Invented] After the family learned he is gay, his father and brother keep him at home, took his phone and documents, and took him twice to a healer to be "cured". The neighbour confirmed it in a call on ' +
            isoDay(daysAgo(6)) +
            '.',
          sealedContext('incidents', 'sealed_description', confinement.id),
        ),
      ),
    }),
  });

  const refusal = await incident(
    {
      incidentDate: '2026-10-03',
      datePrecision: 'day',
      oblast: 'almaty_city',
      city: 'Алматы',
      placeType: 'police_station',
      incidentTypes: ['police_inaction'],
      perpetratorTypes: ['police'],
      odihrCategory: 'other',
      crimeStatus: 'non_crime',
      violationStatus: 'confirmed',
      reportedToPolice: 'yes',
      policeResponse: 'refused_to_register',
    },
    'Полиция отказалась принять заявление (выдуманный пример)',
    '[Invented] The district officer called it "a family matter" and would not register the friend\'s complaint.',
    [{ type: 'lawyer', reliability: 'high', note: 'Our lawyer was present.' }],
  );
  await act(
    refusal.id,
    refusal.key,
    {
      actType: 'police_refusal_to_register',
      victimPersonId: victim.id,
      perpetrators: [
        { personId: officer.id, involvement: 'failed_to_protect', degree: 'confirmed' },
      ],
      locationType: 'police_station',
      victimStatusAfter: 'confined',
      actDate: '2026-10-03',
      datePrecision: 'day',
    },
    '[Invented] Refused in front of our lawyer; no reference number given.',
  );
  await linkIncidents({
    deps,
    actor: caseWorker,
    incidentId: refusal.id,
    input: recordsApi.createIncidentLink.parse({
      toIncidentId: confinement.id,
      linkType: 'follow_up',
    }),
  });

  const online = await incident(
    {
      reportId: options.onlineReportId,
      incidentDate: '2026-01-01',
      datePrecision: 'year',
      placeType: 'online',
      onlinePlatform: 'instagram',
      incidentTypes: ['online_hate', 'threats'],
      biasMotivations: ['sexual_orientation', 'gender_identity'],
      biasIndicators: ['words', 'earlier_threats'],
      perpetratorTypes: ['online_accounts'],
      odihrCategory: 'hate_speech',
      violationStatus: 'confirmed',
      reportedToPolice: 'no',
    },
    'Угрозы под видео пикника (выдуманный пример)',
    '[Invented] Dozens of accounts posted threats and slurs under a video of a community picnic.',
    [{ type: 'social_media', reliability: 'high', note: 'Screenshots kept by the reporter.' }],
  );
  const street = await incident(
    {
      incidentDate: '2026-10-12',
      datePrecision: 'day',
      oblast: 'shymkent',
      city: 'Шымкент',
      placeType: 'street',
      incidentTypes: ['physical_violence'],
      biasMotivations: ['gender_expression'],
      perpetratorTypes: ['stranger'],
      odihrCategory: 'violent_attack',
      violationStatus: 'possible',
      reportedToPolice: 'no',
    },
    'Нападение на улице в Шымкенте (ойдан шығарылған мысал)',
    '[Invented] Two strangers shouted insults and pushed a trans woman to the ground near a bus stop.',
  );

  // ---- cases --------------------------------------------------------------------------
  const openCase = async (
    actor: Actor,
    fields: {
      status?: 'open' | 'active' | 'urgent';
      restricted?: boolean;
      centralPersonId?: string;
      contactAlertDays?: number;
    },
    title: string,
    goal: string,
  ) => {
    const r = newRecord(kp);
    const seal = sealer(r.key, 'cases', r.id);
    const created = await createCase({
      deps,
      actor,
      input: casesApi.createCase.parse({
        id: r.id,
        sealedRecordKey: r.sealedRecordKey,
        sealedTitle: seal('sealed_title', title),
        sealedGoal: seal('sealed_goal', goal),
        ...fields,
      }),
    });
    return { id: r.id, key: r.key, reference: created.reference, version: created.version };
  };
  const intervention = async (fields: Record<string, unknown>, title: string, notes: string) => {
    const r = newRecord(kp);
    const seal = sealer(r.key, 'interventions', r.id);
    await createIntervention({
      deps,
      actor: lawyer,
      input: recordsApi.createIntervention.parse({
        id: r.id,
        sealedRecordKey: r.sealedRecordKey,
        ...fields,
        sealedTitle: seal('sealed_title', title),
        sealedNotes: seal('sealed_notes', notes),
      }),
    });
  };
  const task = async (
    caseRecord: { id: string; key: Uint8Array },
    owner: Actor,
    title: string,
    due: Date,
    remind?: Date,
  ) => {
    const id = randomUUID();
    const seal = sealer(caseRecord.key, 'tasks', id);
    await createTask({
      deps,
      actor: owner,
      caseId: caseRecord.id,
      input: casesApi.createTask.parse({
        id,
        ownerMemberId: owner.memberId,
        dueAt: due.toISOString(),
        remindAt: remind?.toISOString() ?? null,
        sealedTitle: seal('sealed_title', title),
      }),
    });
  };

  const freeA = await openCase(
    caseWorker,
    { status: 'urgent', centralPersonId: victim.id, contactAlertDays: 3 },
    'Освободить А. (выдуманное дело)',
    '[Invented] Get A. out of the family home safely, with his documents, to a shelter; hold the police to their duty.',
  );
  for (const [kind, recordId] of [
    ['incident', confinement.id],
    ['incident', refusal.id],
    ['person', father.id],
    ['person', brother.id],
    ['person', neighbour.id],
    ['report', options.confinementReportId],
  ] as const) {
    await linkCaseRecord({ deps, actor: caseWorker, caseId: freeA.id, kind, recordId });
  }
  await assignCaseMember({ deps, actor: admin, caseId: freeA.id, memberId: lawyer.memberId });
  await intervention(
    {
      incidentId: refusal.id,
      caseId: freeA.id,
      intervenerType: 'own_organisation',
      interventionType: 'police_complaint',
      submittedOn: '2026-10-03',
      responseOn: '2026-10-03',
      authorityResponse: 'refused_to_register',
      status: 'responded',
      priority: 'urgent',
    },
    'Заявление в полицию (выдуманный пример)',
    '[Invented] Complaint about unlawful confinement; refused on the spot.',
  );
  await intervention(
    {
      incidentId: confinement.id,
      caseId: freeA.id,
      intervenerType: 'lawyer',
      interventionType: 'prosecutor_appeal',
      submittedOn: isoDay(daysAgo(10)),
      authorityResponse: 'awaiting',
      status: 'awaiting_response',
      priority: 'high',
    },
    'Жалоба прокурору на отказ полиции (выдуманный пример)',
    "[Invented] Appeal against the refusal to register, with the neighbour's statement.",
  );
  await intervention(
    {
      incidentId: confinement.id,
      caseId: freeA.id,
      intervenerType: 'un_mechanism',
      interventionType: 'urgent_appeal',
      authorityResponse: 'awaiting',
      status: 'planned',
      priority: 'normal',
    },
    'Срочное обращение к спецдокладчику ООН (выдуманный пример)',
    '[Invented] To send if the prosecutor does not answer within 10 days.',
  );
  await task(
    freeA,
    caseWorker,
    'Позвонить соседу и узнать, как А. (выдуманная задача)',
    daysAhead(1),
    daysAhead(0.5),
  );
  await task(
    freeA,
    lawyer,
    'Подготовить иск о незаконном лишении свободы (выдуманная задача)',
    daysAhead(4),
  );
  await task(freeA, caseWorker, 'Найти место в шелтере (выдуманная задача)', daysAgo(1));
  // The last contact was five days ago; the case alerts after three.
  await recordContact({
    deps,
    actor: caseWorker,
    caseId: freeA.id,
    input: casesApi.createContact.parse({
      id: randomUUID(),
      contactedAt: daysAgo(8).toISOString(),
      channel: 'through_someone',
      sealedNote: null,
    }),
  });
  const lastContactId = randomUUID();
  await recordContact({
    deps,
    actor: caseWorker,
    caseId: freeA.id,
    input: casesApi.createContact.parse({
      id: lastContactId,
      contactedAt: daysAgo(5).toISOString(),
      channel: 'messenger',
      sealedNote: toB64(
        encryptField(
          freeA.key,
          '[Invented] A short message through the neighbour\'s phone: "still at home, they watch me".',
          sealedContext('case_contacts', 'sealed_note', lastContactId),
        ),
      ),
    }),
  });
  // Consent from the report (the friend asked for referral), then a referral to the partner.
  const consentId = randomUUID();
  await recordConsent({
    deps,
    actor: caseWorker,
    caseId: freeA.id,
    input: casesApi.recordConsent.parse({
      id: consentId,
      source: 'report',
      reportId: options.confinementReportId,
      scope: ['case', 'incidents', 'interventions'],
    }),
  });
  await addPartner({ deps, actor: admin, partnerId: options.partner.id });
  const plan = await getReferralPlan({
    deps,
    actor: admin,
    caseId: freeA.id,
    scope: ['case', 'incidents', 'interventions'],
  });
  await sendReferral({
    deps,
    actor: admin,
    caseId: freeA.id,
    input: casesApi.sendReferral.parse({
      id: randomUUID(),
      partnerOrganisationId: options.partner.id,
      consentId,
      scope: ['case', 'incidents', 'interventions'],
      sealedMessage: toB64(
        sealTo(
          options.partner.publicKey,
          '[Invented] Could your shelter take A. next week? Our lawyer continues the complaint.',
        ),
      ),
      keys: plan.map((r) => ({
        recordId: r.recordId,
        recordType: r.recordType,
        sealedKey: toB64(sealTo(options.partner.publicKey, openRecordKey(r.sealedKey, kp))),
      })),
    }),
  });

  const video = await openCase(
    lawyer,
    { status: 'active', restricted: true },
    'Компенсация за видео (выдуманное дело)',
    '[Invented] Claim damages for the hateful comments under the picnic video; preserve the evidence.',
  );
  await linkCaseRecord({
    deps,
    actor: lawyer,
    caseId: video.id,
    kind: 'incident',
    recordId: online.id,
  });
  await linkCaseRecord({
    deps,
    actor: lawyer,
    caseId: video.id,
    kind: 'report',
    recordId: options.onlineReportId,
  });
  await intervention(
    {
      incidentId: online.id,
      caseId: video.id,
      intervenerType: 'lawyer',
      interventionType: 'court_claim',
      submittedOn: isoDay(daysAgo(20)),
      authorityResponse: 'registered',
      status: 'submitted',
      priority: 'normal',
    },
    'Иск о защите чести и достоинства (выдуманный пример)',
    '[Invented] Filed with screenshots and a notarised record of the comments.',
  );
  await task(video, lawyer, 'Заседание суда: взять распечатки (выдуманная задача)', daysAhead(6));

  const closed = await openCase(
    caseWorker,
    { status: 'active' },
    'Помощь после нападения в Шымкенте (выдуманное дело)',
    '[Invented] Medical check, a psychologist, and safety advice.',
  );
  await linkCaseRecord({
    deps,
    actor: caseWorker,
    caseId: closed.id,
    kind: 'incident',
    recordId: street.id,
  });
  await changeCaseStatus({
    deps,
    actor: caseWorker,
    caseId: closed.id,
    expectedVersion: closed.version,
    status: 'closed',
    outcome: 'person_safe',
  });

  // What the hourly job would do: raise the overdue-contact alert and send due reminders.
  await checkCaseContacts({ db: deps.db, now });

  return {
    incidents: [confinement.reference, refusal.reference, online.reference, street.reference],
    cases: [
      { reference: freeA.reference, status: 'urgent', restricted: false },
      { reference: video.reference, status: 'active', restricted: true },
      { reference: closed.reference, status: 'closed', restricted: false },
    ],
    evidenceTargets: {
      onlineIncident: { id: online.id, key: online.key },
      streetIncident: { id: street.id, key: street.key },
      urgentCase: { id: freeA.id, key: freeA.key, reference: freeA.reference },
    },
  };
}
