// Step 2: comments are routed to ru, kk in Cyrillic, kk in Latin, en, mixed or unknown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectLanguage } from '../../../src/server/modules/monitoring/classifier/language.ts';
import { normalise } from '../../../src/server/modules/monitoring/classifier/normalise.ts';

const CASES: [text: string, language: string][] = [
  ['Эти люди должны сидеть дома и молчать', 'ru'],
  ['Спасибо за статью, очень интересно', 'ru'],
  ['Бұл адамдар ауру', 'kk-cyrl'],
  ['Мен бұған қарсымын', 'kk-cyrl'],
  // Kazakh typed without the Kazakh letters is still Kazakh by its frequent words.
  ['Мен сизге айтам, олар жаман емес', 'kk-cyrl'],
  ['Olar adam emes, itter', 'kk-latn'],
  ['Búgin aýa raıy jaqsy', 'kk-latn'],
  ['Qazaqstanda bul joq', 'kk-latn'],
  ['Bügın Almatyda jaŋbyr jaudy, şynymen', 'kk-latn'],
  ['They should all be banned from the city', 'en'],
  ['Thanks for the interesting article', 'en'],
  ['Эти геи бізге керек емес, уят', 'mixed'],
  ['Мен геймін, и мне не стыдно', 'mixed'],
  ['Это просто ужас, I cannot believe this happened here', 'mixed'],
  ['', 'unknown'],
  ['🙂👍', 'unknown'],
  ['ok', 'unknown'],
  ['12345 !!!', 'unknown'],
];

for (const [text, language] of CASES) {
  test(`${JSON.stringify(text)} is ${language}`, () => {
    assert.equal(detectLanguage(text), language);
  });
}

test('look-alike letters do not split a Russian comment into two scripts once normalised', () => {
  const text = 'Эти пuдoрасы дoлжны уйти';
  assert.equal(detectLanguage(normalise(text).text), 'ru');
});
