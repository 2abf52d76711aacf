// The records vocabularies as data: stable snake_case codes, real labels in three
// languages, inverse labels for directional relations, and the statuses the database's
// CHECK constraints allow.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import {
  crimeStatusOf,
  INCIDENT_LINK_TYPES,
  INTERVENTION_STATUSES,
  ODIHR_CATEGORIES,
  PERSON_PERPETRATOR_TYPES,
  PERSON_RELATIONS,
  PRIORITIES,
  RECORDS_VOCABULARIES,
  VIOLATION_STATUSES,
  CRIME_STATUSES,
  ACT_TYPES,
} from '../../src/common/records/vocabulary.ts';

const CYRILLIC = /[\u0400-\u04FF]/;
const KAZAKH_ONLY = /[әғқңөұүһі]/i;
const BRANDS = /^(Instagram|TikTok|Telegram|WhatsApp|YouTube|Facebook|X \(Twitter\)|Threads|\d)/;

test('every vocabulary has unique snake_case codes and labels in en, ru and kk', () => {
  let kazakhLetters = 0;
  for (const [name, terms] of Object.entries(RECORDS_VOCABULARIES)) {
    const codes = terms.map((t) => t.code);
    assert.equal(new Set(codes).size, codes.length, `${name}: duplicate code`);
    for (const term of terms) {
      assert.match(term.code, /^[a-z0-9]+(_[a-z0-9]+)*$/, `${name}.${term.code}`);
      for (const locale of ['en', 'ru', 'kk'] as const) {
        assert.ok(term.label[locale].trim().length > 0, `${name}.${term.code}.${locale}`);
      }
      if (!BRANDS.test(term.label.en)) {
        assert.match(term.label.ru, CYRILLIC, `${name}.${term.code}: ru is Russian`);
        assert.match(term.label.kk, CYRILLIC, `${name}.${term.code}: kk is Kazakh`);
      }
      if (KAZAKH_ONLY.test(term.label.kk)) kazakhLetters++;
    }
  }
  assert.ok(kazakhLetters > 100, 'Kazakh labels use Kazakh letters, not Russian spelling');
});

test('the family sphere and the context’s acts are there', () => {
  const perpetrators = PERSON_PERPETRATOR_TYPES.map((t) => t.code);
  for (const code of [
    'father',
    'mother',
    'brother',
    'sister',
    'spouse',
    'other_relative',
    'in_laws',
    'police',
    'official',
    'stranger',
    'online_account',
    'employer',
    'school',
    'neighbour',
    'religious_figure',
    'medical_staff',
  ])
    assert.ok(perpetrators.includes(code as never), code);
  const acts = ACT_TYPES.map((t) => t.code);
  for (const code of [
    'forced_treatment',
    'forced_marriage',
    'outing',
    'blackmail',
    'confinement',
    'police_refusal_to_register',
    'arbitrary_detention',
    'eviction',
    'dismissal',
  ])
    assert.ok(acts.includes(code as never), code);
});

test('directional relations and links carry an inverse label in every language', () => {
  for (const relation of [...PERSON_RELATIONS, ...INCIDENT_LINK_TYPES]) {
    for (const locale of ['en', 'ru', 'kk'] as const)
      assert.ok(relation.inverse[locale].length > 0, `${relation.code}.${locale}`);
  }
  const father = PERSON_RELATIONS.find((r) => r.code === 'father_of');
  assert.equal(father?.inverse.en, 'child of');
});

test('ODIHR: discrimination and hate speech are non-crime, attacks and threats are crimes', () => {
  assert.deepEqual(
    ODIHR_CATEGORIES.map((c) => [c.code, crimeStatusOf(c.code)]),
    [
      ['violent_attack', 'crime'],
      ['threat', 'crime'],
      ['attack_on_property', 'crime'],
      ['discrimination', 'non_crime'],
      ['hate_speech', 'non_crime'],
      ['other', 'undetermined'],
    ],
  );
  assert.equal(crimeStatusOf(null), 'undetermined');
});

test('statuses and priorities match the CHECK constraints of the schema', async () => {
  const schema = await readFile(
    new URL('../../src/server/db/migrations/0005_records_cases.sql', import.meta.url),
    'utf8',
  );
  const allowed = (pattern: RegExp) => {
    const match = schema.match(pattern);
    assert.ok(match?.[1], String(pattern));
    return [...match[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
  };
  assert.deepEqual(
    INTERVENTION_STATUSES.map((s) => s.code),
    allowed(/status text not null default 'planned'\s+check \(status in \(([^)]*)\)\)/),
  );
  assert.deepEqual(
    PRIORITIES.map((p) => p.code),
    allowed(/priority text not null default 'normal' check \(priority in \(([^)]*)\)\)/),
  );
  assert.deepEqual(
    VIOLATION_STATUSES.map((s) => s.code),
    allowed(/check \(violation_status in \(([^)]*)\)\)/),
  );
  assert.deepEqual(
    CRIME_STATUSES.map((s) => s.code),
    allowed(/check \(crime_status in \(([^)]*)\)\)/),
  );
});
