// The functional test set (test/monitoring/fixtures/functional-set.jsonl): comments written
// for the project, in ru, kk (Cyrillic and Latin), en and mixed ru–kk, covering slurs,
// dehumanisation, threats, incitement, insults, derogation, and what must not be flagged
// (counter-speech, quotation, news, self-reference, neutral use). The "heldout" half was
// written before the rules were tuned and is never used to tune them or to train the
// model, so its figures are the ones reported. The thresholds below are the figures
// measured when they were set, minus a small margin: a change that lowers quality fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { COMMENT_LANGUAGES, HATE_CATEGORIES } from '../../../src/common/monitoring/vocabulary.ts';
import {
  loadClassifier,
  type Classifier,
} from '../../../src/server/modules/monitoring/classifier/index.ts';

interface Case {
  id: string;
  text: string;
  language: string;
  hateful: boolean;
  categories: string[];
  functionality: string;
  split: 'tune' | 'heldout';
}

const FUNCTIONALITIES = [
  'slur',
  'dehumanisation',
  'threat',
  'incitement',
  'insult',
  'derogation',
  'counter_speech',
  'quotation',
  'news',
  'self_reference',
  'neutral_use',
  'plain_neutral',
];
const LANGUAGES = ['ru', 'kk-cyrl', 'kk-latn', 'en', 'mixed'];

const CASES: Case[] = readFileSync(
  new URL('../fixtures/functional-set.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Case);

interface Scores {
  precision: number;
  recall: number;
  f1: number;
  n: number;
}

function scores(classifier: Classifier, cases: Case[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of cases) {
    const hateful = classifier.classify(c.text).hateful;
    if (hateful && c.hateful) tp++;
    else if (hateful) fp++;
    else if (c.hateful) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, n: cases.length };
}

test('the set is well formed and covers every functionality in every language, in both splits', () => {
  assert.ok(CASES.length >= 400, `${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length);
  for (const c of CASES) {
    assert.ok(LANGUAGES.includes(c.language), c.id);
    assert.ok(FUNCTIONALITIES.includes(c.functionality), c.id);
    assert.ok((COMMENT_LANGUAGES as readonly string[]).includes(c.language));
    for (const category of c.categories)
      assert.ok((HATE_CATEGORIES as readonly string[]).includes(category), c.id);
    assert.equal(c.hateful, c.categories.length > 0, c.id);
  }
  for (const split of ['tune', 'heldout']) {
    for (const language of LANGUAGES) {
      for (const f of FUNCTIONALITIES) {
        assert.ok(
          CASES.some((c) => c.split === split && c.language === language && c.functionality === f),
          `${split} ${language} ${f}`,
        );
      }
    }
  }
  const heldout = CASES.filter((c) => c.split === 'heldout').length;
  assert.ok(heldout >= CASES.length * 0.45, `${heldout} held-out cases`);
});

// [split, language or 'all', minimum F1] for the shipped classifier (lexicon + model)…
const FULL_MINIMUM: [string, string, number][] = [
  ['heldout', 'all', 0.91],
  ['heldout', 'ru', 0.9],
  ['heldout', 'kk-cyrl', 0.93],
  ['heldout', 'kk-latn', 0.93],
  ['heldout', 'en', 0.89],
  ['heldout', 'mixed', 0.85],
  ['tune', 'all', 0.97],
];
// …and for the rules alone (an organisation may run without a model).
const RULES_MINIMUM: [string, string, number][] = [
  ['heldout', 'all', 0.89],
  ['heldout', 'ru', 0.91],
  ['heldout', 'kk-cyrl', 0.91],
  ['heldout', 'kk-latn', 0.91],
  ['heldout', 'en', 0.88],
  ['heldout', 'mixed', 0.82],
  ['tune', 'all', 0.97],
];

for (const [name, classifier, minimums] of [
  ['lexicon + model', loadClassifier(), FULL_MINIMUM],
  ['lexicon alone', loadClassifier({ model: null }), RULES_MINIMUM],
] as const) {
  for (const [split, language, minimum] of minimums) {
    test(`${name}: F1 on the ${split} split, ${language}, is at least ${minimum}`, (t) => {
      const cases = CASES.filter(
        (c) => c.split === split && (language === 'all' || c.language === language),
      );
      const s = scores(classifier, cases);
      t.diagnostic(
        `precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)} (${s.n} cases)`,
      );
      assert.ok(s.f1 >= minimum, `F1 ${s.f1.toFixed(3)} < ${minimum}`);
    });
  }
}

test('what must not be flagged is not flagged on the held-out split (at most 10 %; measured 13 of 150)', () => {
  const classifier = loadClassifier();
  const protectedCases = CASES.filter(
    (c) => c.split === 'heldout' && !c.hateful && c.functionality !== 'plain_neutral',
  );
  const flagged = protectedCases.filter((c) => classifier.classify(c.text).hateful);
  assert.ok(
    flagged.length <= Math.ceil(protectedCases.length * 0.1),
    `${flagged.length} of ${protectedCases.length}`,
  );
});

test('language routing agrees with the set on at least 87% of the comments (measured 89.8%)', () => {
  const classifier = loadClassifier({ model: null });
  const right = CASES.filter((c) => classifier.classify(c.text).language === c.language).length;
  assert.ok(right / CASES.length >= 0.87, `${right} of ${CASES.length}`);
});
