// The hashed features of the statistical layer: the same text always gives the same slots
// (a model trained yesterday must score today's text the same way), the n-grams are the
// padded ones inside words, and an explanation can name what it shows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createFeatureBuffer,
  extractFeatures,
  featureName,
  MAX_FEATURE_CHARS,
  type FeatureConfig,
} from '../../../src/server/modules/monitoring/classifier/features.ts';

const CHARS_ONLY: FeatureConfig = { hashBits: 20, minN: 2, maxN: 3, words: false, bigrams: false };

function slots(text: string, config: FeatureConfig): number[] {
  const buffer = createFeatureBuffer(1);
  const count = extractFeatures(text, config, buffer);
  return Array.from(buffer.indices.subarray(0, count));
}

function names(text: string, config: FeatureConfig): string[] {
  const buffer = createFeatureBuffer(1);
  const count = extractFeatures(text, config, buffer);
  return Array.from({ length: count }, (_, k) => featureName(text, buffer, k));
}

describe('features', () => {
  test('the same text gives the same slots, in a fresh buffer or a reused one', () => {
    const config: FeatureConfig = { hashBits: 18, minN: 2, maxN: 5, words: true, bigrams: true };
    const buffer = createFeatureBuffer(4);
    const first = extractFeatures('они все больные', config, buffer);
    const firstSlots = Array.from(buffer.indices.subarray(0, first));
    extractFeatures('совсем другой текст', config, buffer);
    const again = extractFeatures('они все больные', config, buffer);
    assert.deepEqual(Array.from(buffer.indices.subarray(0, again)), firstSlots);
    assert.deepEqual(slots('они все больные', config), firstSlots);
    for (const slot of firstSlots) assert.ok(slot >= 0 && slot < 2 ** 18);
  });

  test('the hash is pinned: a change to it would silently break every trained model', () => {
    const config: FeatureConfig = { hashBits: 18, minN: 2, maxN: 5, words: true, bigrams: true };
    // Recorded from this implementation. If the hash or the walk changes on purpose,
    // retrain the shipped model (scripts/train-classifier.ts) and record the new slots.
    assert.deepEqual(
      slots('kill time', config),
      [
        45810, 58772, 37716, 81537, 164639, 235593, 97428, 181490, 244139, 58723, 31634, 3441,
        198986, 180273, 157749, 11039, 106216, 46841, 221736, 8356, 119752, 99576, 129106, 126534,
        245113, 82352, 211281, 162020, 106671, 111309, 39350,
      ],
    );
    // " ab " gives 6 character n-grams of length 2–5 and the word itself.
    assert.equal(slots('ab', config).length, 7);
    assert.notDeepEqual(slots('kill time', config), slots('kill them', config));
  });

  test('character n-grams stay inside words and carry the word boundaries', () => {
    assert.deepEqual(names('дом', CHARS_ONLY), ['␣д', '␣до', 'до', 'дом', 'ом', 'ом␣', 'м␣']);
    // Two words: no n-gram spans the space or the punctuation between them.
    const two = names('ab, cd', CHARS_ONLY);
    assert.ok(two.includes('ab␣') && two.includes('␣cd'));
    assert.ok(!two.some((n) => n.includes('b␣c') || n.includes(',')));
  });

  test('words and word pairs are features of their own', () => {
    const config: FeatureConfig = { hashBits: 20, minN: 2, maxN: 2, words: true, bigrams: true };
    const all = names('убить их всех', config);
    for (const expected of ['убить', 'их', 'всех', 'убить их', 'их всех']) {
      assert.ok(all.includes(expected), `${expected} in ${all.join(' | ')}`);
    }
  });

  test('Kazakh Cyrillic and Latin letters and digits are word characters; emoji separate', () => {
    const config: FeatureConfig = { hashBits: 20, minN: 2, maxN: 2, words: true, bigrams: false };
    const words = (text: string) => {
      const all = names(text, config);
      return all.filter((n) => !n.includes('␣') && n.length !== 2);
    };
    assert.deepEqual(words('қазақша 🙂 şaqyru ң1ң'), ['қазақша', 'şaqyru', 'ң1ң']);
  });

  test('an empty text or one without letters has no features', () => {
    const config: FeatureConfig = { hashBits: 18, minN: 2, maxN: 5, words: true, bigrams: true };
    assert.deepEqual(slots('', config), []);
    assert.deepEqual(slots('!!! ... 🙂🙂', config), []);
  });

  test('a huge text is read up to MAX_FEATURE_CHARS, with a buffer of bounded size', () => {
    const config: FeatureConfig = { hashBits: 18, minN: 3, maxN: 5, words: true, bigrams: false };
    const huge = 'больные люди тут '.repeat(100_000); // 17 units: the limit cuts a word
    const buffer = createFeatureBuffer(1);
    const count = extractFeatures(huge, config, buffer);
    assert.equal(count, slots(huge.slice(0, MAX_FEATURE_CHARS), config).length);
    assert.ok(buffer.indices.length < MAX_FEATURE_CHARS * 10, String(buffer.indices.length));
    // A word cut by the limit ends at the limit, like any other word.
    assert.equal(
      featureName(huge, buffer, count - 1),
      huge.slice(0, MAX_FEATURE_CHARS).split(' ').at(-1),
    );
  });
});
