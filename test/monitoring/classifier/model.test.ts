// The model file: what is written is what is read back (up to the int8 quantisation the
// format promises), a damaged or foreign file is refused with a reason instead of scoring
// comments with garbage, and the shipped model loads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  loadShippedModel,
  MODEL_LABELS,
  ModelFormatError,
  parseModel,
  quantiseWeights,
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
  test('parse gives back exactly the model that was written', () => {
    const parsed = parseModel(bytes);
    assert.equal(parsed.version, 'test-1');
    assert.equal(parsed.threshold, 0.4);
    assert.equal(parsed.trainedOn, model.trainedOn);
    assert.deepEqual(parsed.features, FEATURES);
    assert.deepEqual(Array.from(parsed.biases), Array.from(model.biases));
    assert.deepEqual(Array.from(parsed.scales), Array.from(model.scales));
    assert.deepEqual(parsed.weights, model.weights);
    assert.deepEqual(serialiseModel(parsed), bytes);
    for (const { text } of inventedExamples()) {
      assert.deepEqual(scoreText(parsed, text), scoreText(model, text));
    }
  });

  test('quantisation: the largest weight of a label is ±127, the others within half a step', () => {
    const labels = MODEL_LABELS.length;
    const floats = Array.from(
      { length: 50 * labels },
      (_, i) => Math.sin(i * 7.3) * (1 + (i % labels)),
    );
    floats[3 * labels + 2] = -9; // the largest of label 2, negative
    const { weights, scales } = quantiseWeights(floats);
    for (let l = 0; l < labels; l++) {
      const scale = scales[l] ?? 0;
      let largest = 0;
      for (let i = l; i < floats.length; i += labels) {
        largest = Math.max(largest, Math.abs(weights[i] ?? 0));
        const error = Math.abs((weights[i] ?? 0) * scale - (floats[i] ?? 0));
        assert.ok(error <= scale / 2 + 1e-6, `label ${l} index ${i}: off by ${error}`);
      }
      assert.equal(largest, 127);
    }
    assert.equal(weights[3 * labels + 2], -127);
    // A label with no weights at all keeps a usable scale.
    assert.deepEqual(
      Array.from(quantiseWeights(new Array(2 * labels).fill(0)).scales),
      new Array(labels).fill(1),
    );
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
