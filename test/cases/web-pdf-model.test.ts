// The case file the staff app exports: built from what the tab decrypted, with every code
// labelled in the member's language, real names only when the member asks, and a model
// the PDF renderer accepts as it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseFileModelSchema } from '../../src/common/pdf/case-file-model.ts';
import type { CaseDetail } from '../../src/web/features/cases/api.ts';
import type { OpenedCase } from '../../src/web/features/cases/decrypt.ts';
import { buildCaseFileModel } from '../../src/web/features/cases/pdf-model.ts';

const CASE_ID = '11111111-1111-4111-8111-111111111111';
const PERSON_ID = '22222222-2222-4222-8222-222222222222';
const INCIDENT_ID = '33333333-3333-4333-8333-333333333333';
const TASK_ID = '44444444-4444-4444-8444-444444444444';
const CONTACT_ID = '55555555-5555-4555-8555-555555555555';
const AT = '2026-03-02T10:00:00.000Z';

const detail = {
  case: {
    id: CASE_ID,
    reference: 'C-7KQ3',
    status: 'closed',
    outcome: 'person_safe',
    restricted: true,
    centralPersonId: PERSON_ID,
    contactAlertDays: null,
    effectiveContactAlertDays: 7,
    lastContactAt: AT,
    contactDueAt: AT,
    contactOverdue: false,
    assignedMemberIds: [],
    sealedTitle: 'x',
    sealedRecordKey: 'x',
    version: 3,
    createdBy: null,
    createdAt: AT,
    updatedAt: AT,
    closedAt: AT,
  },
  sealedGoal: null,
  incidents: [
    {
      id: INCIDENT_ID,
      reference: 'I-4F7Q',
      incidentDate: '2026-02-01',
      datePrecision: 'month',
      incidentTypes: ['physical_violence'],
      violationStatus: 'confirmed',
      crimeStatus: 'crime',
      oblast: 'almaty_city',
      sealedTitle: null,
      sealedRecordKey: null,
    },
  ],
  people: [
    {
      id: PERSON_ID,
      codeName: 'P-9XK2',
      roles: ['victim'],
      perpetratorType: null,
      ageGroup: null,
      sealedName: 'x',
      sealedRecordKey: 'x',
    },
  ],
  interventions: [],
  reports: [],
  tasks: [
    {
      id: TASK_ID,
      caseId: CASE_ID,
      caseReference: 'C-7KQ3',
      ownerMemberId: null,
      dueAt: '2026-03-05T12:00:00.000Z',
      remindAt: null,
      remindedAt: null,
      status: 'done',
      sealedTitle: 'x',
      sealedNotes: null,
      overdue: false,
      version: 1,
      createdBy: null,
      createdAt: AT,
      updatedAt: AT,
      completedAt: AT,
    },
  ],
  consents: [],
  referrals: [],
  lastContact: null,
  openAlertSince: null,
} as unknown as CaseDetail;

const opened: OpenedCase = {
  keyOpened: true,
  title: { ok: true, value: 'Освободить Әсем' },
  goal: { ok: true, value: 'Қауіпсіз жерге көшіру' },
  tasks: new Map([[TASK_ID, { title: { ok: true, value: 'Подать жалобу' }, notes: null }]]),
  consentNotes: new Map(),
  lastContactNote: null,
  incidentTitles: new Map([[INCIDENT_ID, { ok: true, value: 'Нападение' }]]),
  personNames: new Map([[PERSON_ID, { ok: true, value: 'Әсем Нұрланқызы' }]]),
  interventionTitles: new Map(),
};

function build(locale: 'ru' | 'kk' | 'en', includeNames: boolean) {
  return buildCaseFileModel({
    detail,
    opened,
    contacts: [
      {
        contact: {
          id: CONTACT_ID,
          contactedAt: AT,
          channel: 'phone',
          sealedNote: 'x',
          memberId: null,
          createdAt: AT,
        },
        note: { ok: true, value: 'Жива, дома' },
      },
    ],
    timeline: [
      {
        item: {
          kind: 'contact',
          at: AT,
          datePrecision: 'day',
          sourceId: CONTACT_ID,
          coded: {},
          sealed: {},
          opensWith: 'record',
          keyRecordId: CASE_ID,
        },
        text: { ok: true, value: 'Жива, дома' },
      },
      {
        item: {
          kind: 'incident',
          at: '2026-02-01T00:00:00.000Z',
          datePrecision: 'month',
          sourceId: INCIDENT_ID,
          coded: {},
          sealed: {},
          opensWith: 'record',
          keyRecordId: INCIDENT_ID,
        },
        text: { ok: false },
      },
    ],
    locale,
    decryptedBy: 'Айгүл',
    includeNames,
  });
}

describe('buildCaseFileModel', () => {
  test('labels every code in the member language and keeps what was decrypted', () => {
    const model = caseFileModelSchema.parse(build('kk', false));
    assert.equal(model.case.reference, 'C-7KQ3');
    assert.equal(model.case.title, 'Освободить Әсем');
    assert.deepEqual(model.case.status, { code: 'closed', label: 'Жабылған' });
    assert.deepEqual(model.case.outcome, { code: 'person_safe', label: 'Адам қауіпсіз' });
    assert.equal(model.case.restricted, true);
    assert.equal(model.tasks[0]?.title, 'Подать жалобу');
    assert.equal(model.tasks[0]?.status.label, 'Орындалды');
    assert.equal(model.tasks[0]?.due, '2026-03-05');
    assert.equal(model.contacts[0]?.channel.label, 'Телефон қоңырауы');
    assert.equal(model.contacts[0]?.note, 'Жива, дома');
    assert.deepEqual(model.incidents[0]?.date, { date: '2026-02-01', precision: 'month' });
    assert.equal(model.incidents[0]?.title, 'Нападение');
    assert.deepEqual(
      model.timeline.map((i) => [i.kind, i.title, i.detail]),
      [
        ['contact', 'Байланыс', 'Жива, дома'],
        // A value that did not open is left out, never shown as ciphertext.
        ['incident', 'Оқиға', ''],
      ],
    );
    const en = caseFileModelSchema.parse(build('en', false));
    assert.equal(en.case.status.label, 'Closed');
    assert.equal(en.timeline[0]?.title, 'Contact');
  });

  test('real names only when the member ticks the box', () => {
    const without = caseFileModelSchema.parse(build('ru', false));
    assert.equal(without.namesIncluded, false);
    assert.equal(without.people[0]?.codeName, 'P-9XK2');
    assert.equal(without.people[0]?.realName, undefined);
    assert.ok(!JSON.stringify(without).includes('Нұрланқызы'));
    const withNames = caseFileModelSchema.parse(build('ru', true));
    assert.equal(withNames.namesIncluded, true);
    assert.equal(withNames.people[0]?.realName, 'Әсем Нұрланқызы');
    assert.equal(withNames.people[0]?.roles[0]?.label, 'Пострадавший(ая)');
  });
});
