// Step 1: the normalised copy undoes each kind of obfuscation, and its offset map always
// points back into the verbatim text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  normalise,
  normaliseForModel,
  toVerbatimSpan,
} from '../../../src/server/modules/monitoring/classifier/normalise.ts';

const CASES: [kind: string, verbatim: string, normalised: string][] = [
  ['case and ё', 'ЁЖИК Пришёл', 'ежик пришел'],
  ['Latin look-alikes in a Cyrillic word', 'пuдoр', 'пидор'],
  ['upper-case Latin look-alikes in a Cyrillic word', 'ПИДOРAСЫ', 'пидорасы'],
  ['Cyrillic look-alikes in a Latin word', 'fаggоt', 'fagot'],
  ['digits in a Cyrillic word', 'п1д0р 3аяц', 'пидор заяц'],
  ['symbols in a Cyrillic word', 'п@дик', 'падик'],
  ['digits in a Latin word', 'f4gg0t', 'fagot'],
  ['dots between letters', 'п.и.д.о.р', 'пидор'],
  ['hyphens between letters', 'п-и-д-о-р-ы', 'пидоры'],
  ['asterisks between letters', 'f*a*g', 'fag'],
  ['spaced letters', 'п и д о р', 'пидор'],
  ['a spelled-out start and a plain end', 'п.и.д.ор', 'пидор'],
  ['repeated letters', 'пиииииидор', 'пидор'],
  ['doubled letters of the language too', 'faggot kill', 'fagot kil'],
  ['zero-width characters', 'пи\u200bдо\u200dр', 'пидор'],
  ['soft hyphen', 'пи\u00adдор', 'пидор'],
  ['combining marks', 'пи\u0301дор', 'пидор'],
  ['a decomposed й', 'убии\u0306ца', 'убийца'],
  [
    'Kazakh letters stay',
    'Қазақстан Әлем Ұят',
    'казакстан әлем ұят'.replace('казакстан', 'қазақстан'),
  ],
  ['Kazakh Latin letters stay', 'Qazaqstan ǵana Óltirý', 'qazaqstan ǵana óltirý'],
];

for (const [kind, verbatim, expected] of CASES) {
  test(`normalise undoes ${kind}`, () => {
    assert.equal(normalise(verbatim).text, expected);
    assert.equal(normaliseForModel(verbatim), expected);
  });
}

test('ordinary words and short words are not joined or changed', () => {
  assert.equal(normalise('а я и ты').text, 'а я и ты');
  assert.equal(normalise('и т.д. и т.п.').text, 'и т.д. и т.п.');
  assert.equal(normalise('Гей2024 @user').text, 'гей2024 @user');
  assert.equal(normalise('wow!!!').text, 'wow!!!');
  // Different separators mean different words: only the dotted letters are one word.
  assert.equal(normalise('п.и.д.о.р в ленте').text, 'пидор в ленте');
});

test('every normalised character maps to the verbatim characters it came from', () => {
  const samples = [
    'Всех П.И.Д.О.Р.О.В надо р@сстрелять!!!',
    'пиииидор\u200b и f4gg0t',
    'Ёлки-палки, п и д о р ы, 🙂 ok',
    'Geilerdi óltirý kerek',
  ];
  for (const verbatim of samples) {
    const n = normalise(verbatim);
    assert.equal(n.starts.length, n.text.length);
    assert.equal(n.ends.length, n.text.length);
    let previousEnd = 0;
    for (let i = 0; i < n.text.length; i++) {
      const s = n.starts[i] as number;
      const e = n.ends[i] as number;
      assert.ok(s >= previousEnd && e > s && e <= verbatim.length, `span of ${i} in ${verbatim}`);
      previousEnd = e;
    }
  }
});

test('a span of the normalised text maps to exactly the verbatim text behind it', () => {
  const verbatim = 'Ну ты и П.И.Д.О.Р.А.С, пиииидор!';
  const n = normalise(verbatim);
  const at = n.text.indexOf('пидорас');
  assert.equal(n.text.slice(at, at + 7), 'пидорас');
  const span = toVerbatimSpan(n, at, at + 7);
  assert.equal(verbatim.slice(span.start, span.end), 'П.И.Д.О.Р.А.С');
  const second = n.text.lastIndexOf('пидор');
  const span2 = toVerbatimSpan(n, second, second + 5);
  assert.equal(verbatim.slice(span2.start, span2.end), 'пиииидор');
});

test('empty and whitespace-only texts normalise without error', () => {
  assert.equal(normalise('').text, '');
  assert.equal(normalise('   \n').text, '   \n');
  assert.deepEqual(toVerbatimSpan(normalise(''), 0, 0), { start: 0, end: 0 });
});

test('long texts keep their map (buffers grow)', () => {
  const verbatim = 'п.и.д.о.р '.repeat(5000);
  const n = normalise(verbatim);
  assert.equal(n.text, 'пидор '.repeat(5000));
  const last = n.text.length - 6;
  const span = toVerbatimSpan(n, last, last + 5);
  assert.equal(verbatim.slice(span.start, span.end), 'п.и.д.о.р');
});
