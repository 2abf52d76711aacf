// Training: an organisation's reviewed labels must give a model that has learnt them, and
// the same labels must always give the same model file (so a model can be reproduced and
// its version trusted).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HATE_CATEGORIES } from '../../../src/common/monitoring/vocabulary.ts';
import {
  parseModel,
  scoreText,
  serialiseModel,
} from '../../../src/server/modules/monitoring/classifier/model.ts';
import { normaliseForModel } from '../../../src/server/modules/monitoring/classifier/normalise.ts';
import { trainModel } from '../../../src/server/modules/monitoring/classifier/train.ts';
import { inventedExamples } from './support.ts';

const FEATURES = { hashBits: 16, minN: 2, maxN: 5, words: true, bigrams: true };

describe('trainModel', () => {
  test('learns a small invented set: every example on the right side of the threshold', () => {
    const examples = inventedExamples();
    const model = trainModel(examples, { features: FEATURES });
    for (const example of examples) {
      const { hateful } = scoreText(model, normaliseForModel(example.text));
      assert.equal(hateful >= model.threshold, example.hateful, `${example.text}: ${hateful}`);
    }
    // And something it has not seen, close to what it has.
    assert.ok(scoreText(model, 'those glorbs are vermin').hateful >= model.threshold);
    assert.ok(scoreText(model, 'the garden is calm this morning').hateful < model.threshold);
  });

  test('learns the categories it was given', () => {
    const model = trainModel(inventedExamples(), { features: FEATURES });
    const threat = scoreText(model, 'we will beat the glorbs').categories;
    const insult = scoreText(model, 'disgusting filthy glorbs').categories;
    assert.ok(threat.threat > threat.dehumanisation, JSON.stringify(threat));
    assert.ok(insult.dehumanisation > insult.threat, JSON.stringify(insult));
  });

  test('a hateful example without categories teaches "hateful" only', () => {
    const unlabelled = inventedExamples().map((e) => ({ ...e, categories: [] }));
    const model = trainModel(unlabelled, { features: FEATURES });
    // No example says which category: no category is ever reported.
    const { categories, hateful } = scoreText(model, 'we will beat the glorbs');
    assert.ok(hateful >= 0.5);
    for (const category of HATE_CATEGORIES) {
      assert.ok(categories[category] < 0.01, `${category}: ${categories[category]}`);
    }
  });

  test('the same examples give a byte-identical model; another seed another one', () => {
    const first = serialiseModel(trainModel(inventedExamples(), { features: FEATURES }));
    const second = serialiseModel(trainModel(inventedExamples(), { features: FEATURES }));
    assert.deepEqual(second, first);
    const reseeded = serialiseModel(
      trainModel(inventedExamples(), { features: FEATURES, seed: 2 }),
    );
    assert.notDeepEqual(reseeded, first);
  });

  test('the default version names what the model learnt from', () => {
    const a = trainModel(inventedExamples(), { features: FEATURES });
    const b = trainModel(inventedExamples().slice(1), { features: FEATURES });
    assert.match(a.version, /^trained-[0-9a-f]{8}$/);
    assert.notEqual(a.version, b.version);
    assert.equal(a.trainedOn, `${inventedExamples().length} examples`);
  });

  test('an example that is not one is refused, saying which', () => {
    const good = inventedExamples();
    const bad = (example: Record<string, unknown>, reason: RegExp) =>
      assert.throws(
        () => trainModel([...good, example as never], { features: FEATURES }),
        (error: unknown) =>
          error instanceof RangeError &&
          error.message.startsWith(`Training example ${good.length + 1}:`) &&
          reason.test(error.message),
      );
    bad({ text: 'x', hateful: 'yes', categories: [] }, /hateful is not true or false/);
    bad(
      { text: 'x', hateful: true, categories: ['rudeness'] },
      /"rudeness" is not a hate category/,
    );
    bad({ text: 'x', hateful: true, categories: [], weight: -1 }, /weight -1/);
    bad({ text: 7, hateful: true, categories: [] }, /text is not a string/);
  });

  test('no examples: a model that flags nothing', () => {
    const model = trainModel([], { features: FEATURES });
    const score = scoreText(model, 'we will beat the glorbs');
    assert.ok(score.hateful < 0.01);
    assert.deepEqual(parseModel(serialiseModel(model)).biases, model.biases);
  });
});
