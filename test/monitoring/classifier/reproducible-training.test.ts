// Reproducible training: the model the project ships is exactly what
// scripts/train-classifier.ts makes from ../shared/datasets/ and the functional set's tune
// split. A user's machine has no datasets folder: then the test is skipped, saying so.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  DATASETS_DIR,
  datasetsPresent,
  trainBaseModel,
} from '../../../scripts/train-classifier.ts';
import { SHIPPED_MODEL_URL } from '../../../src/server/modules/monitoring/classifier/model.ts';

const skip = datasetsPresent()
  ? false
  : `training datasets not found at ${DATASETS_DIR}: cannot reproduce the shipped model here`;

test('training from the datasets reproduces the shipped model byte for byte', { skip }, () => {
  const committed = new Uint8Array(readFileSync(SHIPPED_MODEL_URL));
  const { bytes } = trainBaseModel();
  assert.ok(
    Buffer.compare(Buffer.from(bytes), Buffer.from(committed)) === 0,
    'the shipped model differs from a fresh training run: if the training data, the functional ' +
      'set or the training code changed, run `node scripts/train-classifier.ts` and commit the model',
  );
});
