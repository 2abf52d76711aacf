// The records screens' pure helpers: forms ↔ API (every sealed field under its own
// context, an edit re-seals only what changed, a report fills a new incident), dates with
// their precision, and edit conflicts compared and merged field by field.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  decryptFieldText,
  fromB64,
  generateBoxKeyPair,
  loadSodium,
  openRecordKey,
} from '../../src/common/crypto/index.ts';
import {
  createIncident,
  createIntervention,
  updateIncident,
} from '../../src/common/api/records.ts';
import { sealedContext } from '../../src/common/records/contexts.ts';
import type { IncidentDetail } from '../../src/web/features/records/api.ts';
import { compareEdits, reapplyMine, sameValue } from '../../src/web/features/records/conflict.ts';
import {
  convertDateInput,
  dateText,
  dateToInput,
  dateToStored,
} from '../../src/web/features/records/dates.ts';
import {
  actCreateRequest,
  categoryOfTypes,
  emptyActForm,
  emptyIncidentForm,
  emptyInterventionForm,
  incidentCreateRequest,
  incidentFormFromReport,
  incidentUpdateRequest,
  interventionCreateRequest,
  loadIncident,
  withOdihrCategory,
  type IncidentForm,
  type ReportAnswersForIncident,
} from '../../src/web/features/records/forms.ts';
import { newId, newRecordKey } from '../../src/web/features/records/sealed-fields.ts';

before(async () => {
  await loadSodium();
});

const org = () => generateBoxKeyPair();

describe('dates with a precision', () => {
  test('what is typed becomes a stored date, and back', () => {
    assert.equal(dateToStored('day', '2026-03-14'), '2026-03-14');
    assert.equal(dateToStored('month', '2026-03'), '2026-03-01');
    assert.equal(dateToStored('year', '2026'), '2026-01-01');
    assert.equal(dateToStored('unknown', '2026'), null);
    assert.equal(dateToStored('month', '2026-3'), null);
    assert.equal(dateToInput('month', '2026-03-01'), '2026-03');
    assert.equal(dateToInput('year', '2026-01-01'), '2026');
    assert.equal(dateToInput('day', null), '');
  });

  test('changing the precision keeps what still fits', () => {
    assert.equal(convertDateInput('day', 'month', '2026-03-14'), '2026-03');
    assert.equal(convertDateInput('month', 'year', '2026-03'), '2026');
    assert.equal(convertDateInput('year', 'day', '2026'), '2026-01-01');
    assert.equal(convertDateInput('day', 'unknown', '2026-03-14'), '');
  });

  test('a date reads with its precision', () => {
    const i18n = { date: (d: string | Date) => (d instanceof Date ? d.toDateString() : d) };
    assert.equal(dateText('month', '2026-03-01', i18n), '03.2026');
    assert.equal(dateText('year', '2026-01-01', i18n), '2026');
    assert.equal(dateText('unknown', '2026-01-01', i18n), null);
    assert.match(dateText('day', '2026-03-14', i18n) ?? '', /Mar 14 2026/);
  });
});

describe('conflicts', () => {
  const base = { a: 'x', b: ['1'], c: 'same', d: 'd' };
  test('each field someone changed is listed with who changed it', () => {
    const mine = { a: 'mine', b: ['1'], c: 'both', d: 'mine-d' };
    const theirs = { a: 'x', b: ['2'], c: 'both', d: 'theirs-d' };
    const fields = compareEdits(base, mine, theirs);
    assert.deepEqual(
      fields.map((f) => [f.field, f.change]),
      [
        ['a', 'mine'],
        ['b', 'theirs'],
        ['c', 'same'],
        ['d', 'both'],
      ],
    );
  });

  test('my changes go on top of theirs; a field both changed keeps mine unless I choose theirs', () => {
    const mine = { a: 'mine', b: ['1'], c: 'same', d: 'mine-d' };
    const theirs = { a: 'x', b: ['2'], c: 'same', d: 'theirs-d' };
    assert.deepEqual(reapplyMine(base, mine, theirs), {
      a: 'mine',
      b: ['2'],
      c: 'same',
      d: 'mine-d',
    });
    assert.equal(reapplyMine(base, mine, theirs, new Set(['d'])).d, 'theirs-d');
  });

  test('values compare by content, objects regardless of key order', () => {
    assert.ok(sameValue({ x: 1, y: [1, 2] }, { y: [1, 2], x: 1 }));
    assert.ok(!sameValue(['a', 'b'], ['b', 'a']));
  });
});

function detailFrom(
  request: ReturnType<typeof incidentCreateRequest>,
  version = 1,
): IncidentDetail {
  const parsed = createIncident.parse(request);
  const now = new Date().toISOString();
  return {
    incident: {
      id: parsed.id,
      reference: 'I-TEST',
      reportId: parsed.reportId,
      incidentDate: parsed.incidentDate,
      datePrecision: parsed.datePrecision,
      oblast: parsed.oblast,
      city: parsed.city,
      placeType: parsed.placeType,
      onlinePlatform: parsed.onlinePlatform,
      incidentTypes: parsed.incidentTypes,
      biasMotivations: parsed.biasMotivations,
      biasIndicators: parsed.biasIndicators,
      perpetratorTypes: parsed.perpetratorTypes,
      odihrCategory: parsed.odihrCategory,
      crimeStatus: parsed.crimeStatus ?? 'undetermined',
      violationStatus: parsed.violationStatus,
      reportedToPolice: parsed.reportedToPolice,
      policeResponse: parsed.policeResponse,
      version,
      createdBy: null,
      createdAt: now,
      updatedBy: null,
      updatedAt: now,
    },
    sealedRecordKey: parsed.sealedRecordKey,
    sealedTitle: parsed.sealedTitle,
    sealedDescription: parsed.sealedDescription,
    sources: parsed.sources,
    acts: [],
    links: [],
    interventions: [],
    people: [],
  };
}

describe('incident form ↔ API', () => {
  function filledForm(): IncidentForm {
    return {
      ...withOdihrCategory(emptyIncidentForm(), 'violent_attack'),
      datePrecision: 'month',
      date: '2026-03',
      oblast: 'almaty_city',
      city: '  Алматы ',
      incidentTypes: ['physical_violence', 'family_confinement'],
      perpetratorTypes: ['family_member'],
      violationStatus: 'likely',
      title: 'Қорқыту — заголовок',
      description: 'Held by his family since March.',
      sources: [
        { id: newId(), type: 'victim', reliability: 'high', personId: null, note: 'by phone' },
      ],
    };
  }

  test('a new incident: valid for the API, every sealed field opens only with its context', () => {
    const o = org();
    const id = newId();
    const { key, sealed } = newRecordKey(o.publicKey);
    const form = filledForm();
    const request = incidentCreateRequest(
      form,
      { id, sealedRecordKey: sealed, reportId: null },
      key,
    );
    const parsed = createIncident.parse(request);
    assert.equal(parsed.incidentDate, '2026-03-01');
    assert.equal(parsed.datePrecision, 'month');
    assert.equal(parsed.city, 'Алматы');
    assert.equal(parsed.crimeStatus, 'crime');
    const opened = openRecordKey(fromB64(parsed.sealedRecordKey), o);
    assert.equal(
      decryptFieldText(
        opened,
        fromB64(parsed.sealedTitle ?? ''),
        sealedContext('incidents', 'sealed_title', id),
      ),
      form.title,
    );
    assert.throws(() =>
      decryptFieldText(
        opened,
        fromB64(parsed.sealedTitle ?? ''),
        sealedContext('incidents', 'sealed_description', id),
      ),
    );
    const source = parsed.sources[0];
    assert.ok(source?.sealedNote);
    assert.equal(
      decryptFieldText(
        opened,
        fromB64(source.sealedNote),
        sealedContext('incidents', `sources.note.${source.id}`, id),
      ),
      'by phone',
    );
    // Nothing typed travels in the clear.
    assert.doesNotMatch(JSON.stringify(request), /Қорқыту|Held by|by phone/);
  });

  test('an edit sends only the changed fields and re-seals only the changed text', () => {
    const o = org();
    const id = newId();
    const { key, sealed } = newRecordKey(o.publicKey);
    const created = incidentCreateRequest(
      filledForm(),
      { id, sealedRecordKey: sealed, reportId: null },
      key,
    );
    const loaded = loadIncident(detailFrom(created, 3), key);
    assert.equal(loaded.form.title, filledForm().title);
    assert.equal(loaded.form.date, '2026-03');

    assert.equal(incidentUpdateRequest(loaded, loaded.form, id, key), null);

    const edited = { ...loaded.form, description: 'New words', oblast: 'shymkent' as const };
    const update = incidentUpdateRequest(loaded, edited, id, key);
    assert.ok(update);
    updateIncident.parse(update);
    assert.deepEqual(Object.keys(update).sort(), [
      'expectedVersion',
      'oblast',
      'sealedDescription',
    ]);
    assert.equal(update.expectedVersion, 3);
    assert.notEqual(update.sealedDescription, created.sealedDescription);

    // The precision alone changing sends the date with it.
    const precise = incidentUpdateRequest(
      loaded,
      { ...loaded.form, datePrecision: 'year', date: '2026' },
      id,
      key,
    );
    assert.deepEqual(precise && [precise.incidentDate, precise.datePrecision], [
      '2026-01-01',
      'year',
    ]);

    // A changed source note re-seals that note; an untouched one keeps its envelope.
    const second = {
      id: newId(),
      type: 'media' as const,
      reliability: 'low' as const,
      personId: null,
      note: 'article',
    };
    const withSource = incidentUpdateRequest(
      loaded,
      { ...loaded.form, sources: [...loaded.form.sources, second] },
      id,
      key,
    );
    assert.equal(withSource?.sources?.[0]?.sealedNote, created.sources?.[0]?.sealedNote);
    assert.ok(withSource?.sources?.[1]?.sealedNote);

    // Clearing a text removes its value.
    const cleared = incidentUpdateRequest(loaded, { ...loaded.form, title: '  ' }, id, key);
    assert.equal(cleared?.sealedTitle, null);
  });

  test('a report fills a new incident; discrimination and hate speech start as non-crime', () => {
    const answers: ReportAnswersForIncident = {
      incidentTypes: ['discrimination_work', 'discrimination_school'],
      datePrecision: 'day',
      incidentDate: '2026-02-10',
      oblast: 'karaganda',
      city: null,
      placeType: 'workplace',
      onlinePlatform: null,
      perpetratorTypes: [],
      biasIndicators: [],
      reportedToPolice: 'no',
      policeResponse: null,
    };
    const form = incidentFormFromReport(answers, 'They fired me.');
    assert.equal(form.odihrCategory, 'discrimination');
    assert.equal(form.crimeStatus, 'non_crime');
    assert.equal(form.description, 'They fired me.');
    assert.equal(form.date, '2026-02-10');
    assert.equal(form.oblast, 'karaganda');

    const hate = incidentFormFromReport({ ...answers, incidentTypes: ['online_hate'] }, null);
    assert.equal(hate.odihrCategory, 'hate_speech');
    assert.equal(hate.crimeStatus, 'non_crime');
    assert.equal(hate.description, '');

    assert.equal(categoryOfTypes(['online_hate', 'physical_violence']), null);
    const violent = incidentFormFromReport(
      { ...answers, incidentTypes: ['physical_violence'] },
      null,
    );
    assert.equal(violent.crimeStatus, 'undetermined');
  });
});

describe('act form', () => {
  test('an act needs its type; its notes are sealed under the incident key with the act id', () => {
    const o = org();
    const { key } = newRecordKey(o.publicKey);
    const actId = newId();
    assert.equal(actCreateRequest(emptyActForm(), actId, key), null);
    const request = actCreateRequest(
      {
        ...emptyActForm(),
        actType: 'beating',
        perpetrators: [
          { personId: newId(), involvement: 'direct', degree: 'confirmed' },
          { personId: '', involvement: 'direct', degree: 'confirmed' },
        ],
        notes: 'in the yard',
      },
      actId,
      key,
    );
    assert.ok(request);
    assert.equal(request.perpetrators?.length, 1, 'a row without a person is not sent');
    assert.equal(
      decryptFieldText(
        key,
        fromB64(request.sealedNotes ?? ''),
        sealedContext('acts', 'sealed_notes', actId),
      ),
      'in the yard',
    );
  });
});

describe('intervention form', () => {
  test('recorded from a case, it carries the case (and the incident chosen) to the API', () => {
    const o = org();
    const { key, sealed } = newRecordKey(o.publicKey);
    const id = newId();
    const caseId = newId();
    const incidentId = newId();
    const form = {
      ...emptyInterventionForm(null, caseId),
      incidentId,
      intervenerType: 'lawyer' as const,
      interventionType: 'police_complaint' as const,
      authorityResponse: 'refused_to_register' as const,
      submittedOn: '2026-03-20',
      title: 'complaint at the district police',
    };
    const request = interventionCreateRequest(form, { id, sealedRecordKey: sealed }, key);
    assert.ok(request);
    const parsed = createIntervention.parse(request);
    assert.equal(parsed.caseId, caseId);
    assert.equal(parsed.incidentId, incidentId);
    assert.equal(
      decryptFieldText(
        key,
        fromB64(request.sealedTitle ?? ''),
        sealedContext('interventions', 'sealed_title', id),
      ),
      'complaint at the district police',
    );
    assert.equal(
      interventionCreateRequest(
        emptyInterventionForm(null, caseId),
        { id, sealedRecordKey: sealed },
        key,
      ),
      null,
      'an intervention needs who intervened and its type',
    );
  });

  test('on its own it belongs to no case', () => {
    const form = emptyInterventionForm();
    assert.equal(form.caseId, null);
    assert.equal(form.incidentId, null);
  });
});
