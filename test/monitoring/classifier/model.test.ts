// The model file: what is written is what is read back (up to the int8 quantisation the
// format promises), a damaged or foreign file is refused with a reason instead of scoring
// comments with garbage, and the shipped model loads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HATE_CATEGORIES } from '../../../src/common/monitoring/vocabulary.ts';
import {
  loadShippedModel,
  MODEL_LABELS,
  ModelFormatError,
  parseModel,
  scoreText,
  serialiseModel,
} from '../../../src/server/modules/monitoring/classifier/model.ts';
import { trainModel } from '../../../src/server/modules/monitoring/classifier/train.ts';
import { inventedExamples } from './support.ts';

const FEATURES = { hashBits: 14, minN: 2, maxN: 4, words: true, bigrams: true };
const model = trainModel(inventedExamples(), {
  features: FEATURES,
  version: 'test-1',
  threshold: 0.4,
});
const bytes = serialiseModel(model);

describe('model file', () => {
  test('parse gives back the model, weights within half a quantisation step', () => {
    const parsed = parseModel(bytes);
    assert.equal(parsed.version, 'test-1');
    assert.equal(parsed.threshold, 0.4);
    assert.equal(parsed.trainedOn, model.trainedOn);
    assert.deepEqual(parsed.features, FEATURES);
    assert.deepEqual(Array.from(parsed.biases), Array.from(model.biases));
    for (let l = 0; l < MODEL_LABELS.length; l++) {
      let maxAbs = 0;
      for (let i = l; i < model.weights.length; i += MODEL_LABELS.length) {
        maxAbs = Math.max(maxAbs, Math.abs(model.weights[i] ?? 0));
      }
      const step = maxAbs / 127;
      for (let i = l; i < model.weights.length; i += MODEL_LABELS.length) {
        const error = Math.abs((parsed.weights[i] ?? 0) - (model.weights[i] ?? 0));
        assert.ok(error <= step / 2 + 1e-6, `label ${MODEL_LABELS[l]} slot ${i}: off by ${error}`);
      }
    }
    // Written again, a parsed model gives the same bytes.
    assert.deepEqual(serialiseModel(parsed), bytes);
  });

  test('the parsed model scores like the trained one', () => {
    const parsed = parseModel(bytes);
    for (const { text } of inventedExamples()) {
      const before = scoreText(model, text);
      const after = scoreText(parsed, text);
      assert.ok(Math.abs(before.hateful - after.hateful) < 0.02, text);
      for (const category of HATE_CATEGORIES) {
        assert.ok(Math.abs(before.categories[category] - after.categories[category]) < 0.02);
      }
    }
  });

  test('the explanation names the strongest features of the text, strongest first', () => {
    const { features } = scoreText(model, 'beat the glorbs');
    assert.ok(features.length > 0 && features.length <= 5);
    const sizes = features.map((f) => Math.abs(f.weight));
    assert.deepEqual(
      sizes,
      [...sizes].sort((a, b) => b - a),
    );
    for (const { feature } of features) {
      assert.ok(' beat the glorbs '.includes(feature.replaceAll('␣', ' ')), feature);
    }
    assert.ok(features.some((f) => f.weight > 0));
    assert.deepEqual(scoreText(model, '').features, []);
  });

  test('damaged or foreign bytes are refused with the reason', () => {
    const refuse = (damaged: Uint8Array, reason: RegExp) =>
      assert.throws(
        () => parseModel(damaged),
        (error: unknown) => error instanceof ModelFormatError && reason.test(error.message),
      );
    refuse(new Uint8Array(0), /does not start with QMDL/);
    refuse(new TextEncoder().encode('PK\u0003\u0004 a zip file'), /does not start with QMDL/);
    const otherVersion = bytes.slice();
    otherVersion[4] = 9;
    refuse(otherVersion, /format version 9/);
    refuse(bytes.subarray(0, 20), /header is cut short/);
    refuse(bytes.subarray(0, bytes.length - 1), /cut short/);
    refuse(new Uint8Array([...bytes, 0]), /1 unexpected bytes/);
    const badJson = bytes.slice();
    badJson[9] = 0x21; // "!" where "{" starts the header
    refuse(badJson, /not valid JSON/);
  });

  test('a header with other labels or settings is refused', () => {
    const withHeader = (edit: (header: Record<string, unknown>) => void) => {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const length = view.getUint32(5, true);
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(9, 9 + length))) as Record<
        string,
        unknown
      >;
      edit(header);
      const json = new TextEncoder().encode(JSON.stringify(header));
      const out = new Uint8Array(9 + json.length + bytes.length - 9 - length);
      out.set(bytes.subarray(0, 9));
      new DataView(out.buffer).setUint32(5, json.length, true);
      out.set(json, 9);
      out.set(bytes.subarray(9 + length), 9 + json.length);
      return out;
    };
    assert.doesNotThrow(() => parseModel(withHeader(() => {})));
    assert.throws(() => parseModel(withHeader((h) => (h.labels = ['hateful']))), /labels/);
    assert.throws(() => parseModel(withHeader((h) => (h.threshold = 2))), /threshold/);
    assert.throws(
      () => parseModel(withHeader((h) => (h.features = { ...FEATURES, hashBits: 40 }))),
      /feature settings/,
    );
    // A smaller hash space than the weights were written for: indices fall outside it.
    assert.throws(
      () => parseModel(withHeader((h) => (h.features = { ...FEATURES, hashBits: 8 }))),
      /outside the hash space/,
    );
  });

  test('the shipped model loads once and scores', () => {
    const shipped = loadShippedModel();
    assert.equal(loadShippedModel(), shipped);
    assert.match(shipped.version, /^base-/);
    const score = scoreText(shipped, 'обычный комментарий про погоду');
    assert.ok(score.hateful >= 0 && score.hateful <= 1);
  });
});
