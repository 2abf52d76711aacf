// Step 5: the combination. Hate found by the rules is flagged with its categories and
// evidence; reasons not to flag win over the rules and over the model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_EVIDENCE_RULES } from '../../../src/server/modules/monitoring/classifier/classify.ts';
import {
  loadClassifier,
  LEXICON_VERSION,
} from '../../../src/server/modules/monitoring/classifier/index.ts';

const rulesOnly = loadClassifier({ model: null });
const full = loadClassifier();

test('empty and whitespace-only text: not hateful, score 0, language unknown, no evidence', () => {
  for (const c of [rulesOnly, full]) {
    for (const text of ['', '   ', '\n\t ']) {
      assert.deepEqual(c.classify(text), {
        hateful: false,
        score: 0,
        categories: [],
        language: 'unknown',
        evidence: { rules: [], features: [] },
        version: c.version,
      });
    }
  }
});

test('the version names the lexicon, and the model when there is one', () => {
  assert.equal(rulesOnly.version, `lexicon ${LEXICON_VERSION}`);
  assert.match(
    full.version,
    new RegExp(`^lexicon ${LEXICON_VERSION.replaceAll('.', '\\.')} \\+ model \\S+`),
  );
});

test('a slur and a threat: hateful, both categories, evidence pointing at the verbatim words', () => {
  const text = 'Этих П1Д0Р0В надо вешать!!!';
  for (const c of [rulesOnly, full]) {
    const r = c.classify(text);
    assert.equal(r.hateful, true);
    assert.ok(r.score >= 0.9 && r.score <= 1);
    assert.deepEqual(r.categories, ['threat', 'slur']);
    assert.equal(r.language, 'ru');
    const spans = r.evidence.rules.map((m) => [m.signal, text.slice(m.start, m.end)]);
    assert.deepEqual(spans, [
      ['slur', 'П1Д0Р0В'],
      ['threat', 'надо вешать'],
    ]);
  }
  assert.equal(rulesOnly.classify(text).evidence.features.length, 0);
  assert.ok(full.classify(text).evidence.features.length > 0);
});

test('a group word with an animal frame is dehumanisation; the animal word alone is not', () => {
  assert.deepEqual(rulesOnly.classify('Трансгендеры — крысы').categories, ['dehumanisation']);
  assert.equal(rulesOnly.classify('В подвале опять крысы').hateful, false);
});

const NOT_FLAGGED: [reason: string, text: string][] = [
  ['counter_speech', 'Не надо называть их пидорами, это подло'],
  ['counter_speech', 'Stop calling people faggots, it is vile'],
  ['counter_speech', 'Гейлерді ит деп атау дұрыс емес'],
  ['quotation', 'Под видео написали «геев надо сжечь». Я в шоке'],
  ['quotation', 'Someone wrote "kill all gays" under my photo'],
  ['news', 'Полиция сообщает, что нападавшие кричали оскорбления и избили парня'],
  ['news', 'Police said the attackers beat a gay man'],
  ['self_reference', 'I am gay, and yes, people call that a sin'],
  ['self_reference', 'Мен геймін, ауру емеспін'],
  ['counter_speech', 'Saying gays are sick is just ignorance'],
  ['quotation', 'Они написали мне «гореть тебе в аду» — как реагировать?'],
];

for (const [reason, text] of NOT_FLAGGED) {
  test(`${reason} is not flagged, by the rules or with the model: ${JSON.stringify(text)}`, () => {
    for (const c of [rulesOnly, full]) {
      const r = c.classify(text);
      assert.equal(r.hateful, false, JSON.stringify(r));
      assert.ok(r.score <= 0.3);
      assert.deepEqual(r.categories, []);
      assert.ok(
        r.evidence.rules.some((m) => m.signal === reason),
        `the reason is shown: ${JSON.stringify(r.evidence.rules)}`,
      );
    }
  });
}

test('a report verb without quoted hate does not excuse the hate', () => {
  const r = rulesOnly.classify('Все говорят, что пидоров надо убивать');
  assert.equal(r.hateful, true);
  assert.ok(r.categories.includes('threat'));
});

test('a neutral use excuses only the words it covers', () => {
  const neutral = rulesOnly.classify('Моя собака умнее тебя');
  assert.equal(neutral.hateful, false);
  const hateful = rulesOnly.classify('Моя собака умнее, чем эти педики');
  assert.equal(hateful.hateful, true);
  assert.deepEqual(hateful.categories, ['slur']);
  const killTime = rulesOnly.classify('Геи, как вы убиваете время в карантин?');
  assert.equal(killTime.hateful, false);
});

test('every score is in 0..1 and categories are empty unless hateful', () => {
  const texts = [
    'Gays are sick',
    'Gays are people',
    'Олар адам емес',
    'ok',
    'Спасибо!',
    'Kill them all',
  ];
  for (const c of [rulesOnly, full]) {
    for (const text of texts) {
      const r = c.classify(text);
      assert.ok(r.score >= 0 && r.score <= 1);
      assert.equal(r.hateful, r.score >= 0.5);
      if (!r.hateful) assert.deepEqual(r.categories, []);
      for (const m of r.evidence.rules)
        assert.ok(m.start >= 0 && m.end <= text.length && m.start < m.end);
    }
  }
});

test('news, counter-speech and self-reference do not excuse abuse thrown in the same comment', () => {
  const abuse = rulesOnly.classify('Полиция задержала этих ублюдков');
  assert.equal(abuse.hateful, true);
  assert.deepEqual(abuse.categories, ['insult']);
  // …but quotation does: the abuse is what is being reported.
  const quoted = rulesOnly.classify('Мне написали «ублюдок», я подал заявление');
  assert.equal(quoted.hateful, false);
});

test('a neutral use also holds the model back', () => {
  for (const text of [
    'Біздің ауылда иттер көп',
    'My dog sleeps all day',
    'Голубое небо над городом',
  ]) {
    const r = full.classify(text);
    assert.equal(r.hateful, false, JSON.stringify(r));
    assert.ok(r.score <= 0.4);
  }
});

test('a threat in a Russian–Kazakh sentence is not mistaken for news of an attack', () => {
  const r = rulesOnly.classify('Гейлерді тауып алып избить надо');
  assert.equal(r.hateful, true);
  assert.deepEqual(r.categories, ['threat']);
  assert.equal(r.language, 'mixed');
  assert.equal(
    r.evidence.rules.some((m) => m.signal === 'news'),
    false,
  );
});

test('a wall of repeated hate keeps a bounded evidence list', () => {
  const text = 'Пидоры должны сдохнуть. '.repeat(2000);
  const r = rulesOnly.classify(text);
  assert.equal(r.hateful, true);
  assert.equal(r.evidence.rules.length, MAX_EVIDENCE_RULES);
  assert.equal(text.slice(r.evidence.rules[0]?.start, r.evidence.rules[0]?.end), 'Пидоры');
});

const NEGATED: string[] = [
  'Геев не надо убивать',
  'Я не считаю геев больными',
  'Лесбиянки не животные, а люди',
  'Гейлерді өлтіру керек емес',
  'Олар хайуан емес, адам',
  'Geilerdi óltirý kerek emes',
  'Geiler aýrý emes',
  'Gays should not be killed',
  'I do not think gay people are sick',
  'Gays are not animals',
];

for (const text of NEGATED) {
  test(`negated hate is not flagged, by the rules or with the model: ${JSON.stringify(text)}`, () => {
    for (const c of [rulesOnly, full]) {
      const r = c.classify(text);
      assert.equal(r.hateful, false, JSON.stringify(r));
      const negation = r.evidence.rules.find((m) => m.rule.endsWith('.counter.negated'));
      assert.ok(negation, JSON.stringify(r.evidence.rules));
      assert.equal(negation.signal, 'counter_speech');
      assert.match(text.slice(negation.start, negation.end), /^(не|емес|emes|not)$/i);
    }
  });
}

test('a negation excuses only what it negates, and never a slur', () => {
  const both = rulesOnly.classify('Геи не больные, но их надо сжечь');
  assert.equal(both.hateful, true);
  assert.deepEqual(both.categories, ['threat']);
  assert.equal(rulesOnly.classify('Геев надо убивать, а не жалеть').hateful, true);
  assert.equal(rulesOnly.classify('Ты не человек, ты пидор').hateful, true);
  // A negation in an earlier clause does not reach the threat.
  assert.equal(rulesOnly.classify('Я не шучу. Всех геев надо расстрелять').hateful, true);
});

test('naming the group with no hate rule behind it is not flagged, whatever the model says', () => {
  for (const text of [
    'Trans people are wonderful',
    'Gay people live in every city',
    'ЛГБТ адамдарға қолдау көрсетейік',
    'LGBT adamdarǵa qoldaý kórseteıik',
    'Лесбиянкалар да біздің қоғамның бөлігі',
    'Сколько в Казахстане ЛГБТ-людей?',
  ]) {
    const r = full.classify(text);
    assert.equal(r.hateful, false, JSON.stringify(r));
    assert.ok(r.score <= 0.45);
  }
  // …while the model alone still decides comments that do not name the group.
  const unnamed = full.classify('Иди нахер отсюда, клоун');
  assert.deepEqual(unnamed.evidence.rules, []);
  assert.equal(unnamed.hateful, true);
});
