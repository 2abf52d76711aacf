// Training the statistical layer: logistic regression per label with Adagrad and L2, on
// the hashed features of the normalised text. Deterministic: the same examples and options
// give a byte-identical model (a seeded shuffle, no clock, no parallelism).
//
// Categories are learnt given that a comment is hateful: a category's probability answers
// "if this is hateful, is it a threat?", as the classifier asks it. So only hateful examples
// with categories teach them: positive for their categories, negative for the others. A
// hateful example with no categories teaches `hateful` only — its categories are unknown,
// not absent (the public toxicity data says "toxic", never which kind) — and an example
// that is not hateful says nothing about which kind of hate it is not.
import { HATE_CATEGORIES, type HateCategory } from '../../../../common/monitoring/vocabulary.ts';
import {
  DEFAULT_FEATURES,
  createFeatureBuffer,
  extractFeatures,
  type FeatureConfig,
} from './features.ts';
import { MODEL_LABELS, quantiseWeights, sigmoid, type LinearModel } from './model.ts';
import { normaliseForModel } from './normalise.ts';

export interface TrainingExample {
  text: string;
  hateful: boolean;
  categories: HateCategory[];
  /** How much this example counts relative to others (default 1). */
  weight?: number;
}

export interface TrainOptions {
  /** Passes over the data (default 6). */
  epochs?: number;
  /** Adagrad base learning rate (default 0.5). */
  learningRate?: number;
  /** L2 penalty on each weight a step touches (default 1e-6). */
  l2?: number;
  /** Seed of the example shuffle (default 1). */
  seed?: number;
  features?: FeatureConfig;
  /** `hateful` threshold stored in the model (default 0.5). */
  threshold?: number;
  /** Default: `trained-` and a hash of the examples and options. */
  version?: string;
  /** Default: "N examples". */
  trainedOn?: string;
}

const LABEL_COUNT = MODEL_LABELS.length;
/** The bias of a label never seen positive: probability ≈ 0.00005 whatever the features. */
const NEVER_BIAS = -10;

interface Prepared {
  /** Distinct feature slots of the example, ascending. */
  slots: Int32Array;
  /** The feature value of each slot (occurrences / sqrt(total occurrences)). */
  values: Float64Array;
  /** Target per label: 1, 0, or -1 for unknown. */
  targets: Int8Array;
  weight: number;
}

export function trainModel(
  examples: readonly TrainingExample[],
  options: TrainOptions = {},
): LinearModel {
  const features = options.features ?? DEFAULT_FEATURES;
  const epochs = options.epochs ?? 6;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-6;
  const seed = options.seed ?? 1;
  examples.forEach(checkExample);
  const prepared = examples.map((example) => prepare(example, features));
  const slotCount = 1 << features.hashBits;
  const weights = new Float64Array(slotCount * LABEL_COUNT);
  const squares = new Float64Array(slotCount * LABEL_COUNT);
  const biases = new Float64Array(LABEL_COUNT);
  const biasSquares = new Float64Array(LABEL_COUNT);
  const order = prepared.map((_, i) => i);
  const random = mulberry32(seed);
  const sums = new Float64Array(LABEL_COUNT);

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    for (const e of order) {
      const example = prepared[e];
      if (example === undefined) continue;
      const { slots, values, targets } = example;
      for (let l = 0; l < LABEL_COUNT; l++) sums[l] = biases[l] ?? 0;
      for (let k = 0; k < slots.length; k++) {
        const base = (slots[k] ?? 0) * LABEL_COUNT;
        const v = values[k] ?? 0;
        for (let l = 0; l < LABEL_COUNT; l++)
          sums[l] = (sums[l] ?? 0) + (weights[base + l] ?? 0) * v;
      }
      for (let l = 0; l < LABEL_COUNT; l++) {
        const target = targets[l] ?? -1;
        if (target < 0) continue;
        const error = (sigmoid(sums[l] ?? 0) - target) * example.weight;
        if (error === 0) continue;
        biasSquares[l] = (biasSquares[l] ?? 0) + error * error;
        biases[l] = (biases[l] ?? 0) - (rate * error) / Math.sqrt(biasSquares[l] ?? 1);
        for (let k = 0; k < slots.length; k++) {
          const at = (slots[k] ?? 0) * LABEL_COUNT + l;
          const w = weights[at] ?? 0;
          const gradient = error * (values[k] ?? 0) + l2 * w;
          const g2 = (squares[at] ?? 0) + gradient * gradient;
          squares[at] = g2;
          weights[at] = w - (rate * gradient) / Math.sqrt(g2);
        }
      }
    }
  }

  // A label no example was ever positive for has learnt nothing (with no examples at all
  // its probability would sit at 0.5): it is never reported.
  for (let l = 0; l < LABEL_COUNT; l++) {
    if (!prepared.some((example) => example.targets[l] === 1)) biases[l] = NEVER_BIAS;
  }

  return {
    version: options.version ?? `trained-${fingerprint(examples, options)}`,
    features,
    ...quantiseWeights(weights),
    biases: Float32Array.from(biases),
    threshold: options.threshold ?? 0.5,
    trainedOn: options.trainedOn ?? `${examples.length} examples`,
  };
}

function checkExample(example: TrainingExample, i: number): void {
  const fail = (why: string) => {
    throw new RangeError(`Training example ${i + 1}: ${why}`);
  };
  if (typeof example.text !== 'string') fail('the text is not a string');
  if (typeof example.hateful !== 'boolean') fail('hateful is not true or false');
  if (!Array.isArray(example.categories)) fail('categories is not a list');
  for (const category of example.categories) {
    if (!HATE_CATEGORIES.includes(category)) fail(`"${String(category)}" is not a hate category`);
  }
  const weight = example.weight ?? 1;
  if (!Number.isFinite(weight) || weight < 0) fail(`the weight ${weight} is not a number ≥ 0`);
}

function prepare(example: TrainingExample, features: FeatureConfig): Prepared {
  const buffer = createFeatureBuffer();
  const count = extractFeatures(normaliseForModel(example.text), features, buffer);
  const sorted = buffer.indices.slice(0, count).sort();
  const slots: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < count; k++) {
    const slot = sorted[k] ?? 0;
    const last = slots.length - 1;
    if (last >= 0 && slots[last] === slot) counts[last] = (counts[last] ?? 0) + 1;
    else {
      slots.push(slot);
      counts.push(1);
    }
  }
  const norm = count > 0 ? 1 / Math.sqrt(count) : 0;
  const targets = new Int8Array(LABEL_COUNT);
  targets[0] = example.hateful ? 1 : 0;
  const known = example.hateful && example.categories.length > 0;
  HATE_CATEGORIES.forEach((category, c) => {
    targets[c + 1] = known ? (example.categories.includes(category) ? 1 : 0) : -1;
  });
  return {
    slots: Int32Array.from(slots),
    values: Float64Array.from(counts, (n) => n * norm),
    targets,
    weight: example.weight ?? 1,
  };
}

/** A small, seedable PRNG: the same seed gives the same shuffle on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = swap;
  }
}

/** FNV-1a over the examples and options: names a model by what it learnt from. */
function fingerprint(examples: readonly TrainingExample[], options: TrainOptions): string {
  let h = 0x811c9dc5;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  for (const example of examples) {
    add(example.text);
    add(example.hateful ? '\u00011' : '\u00010');
    add(example.categories.join(','));
    add(String(example.weight ?? 1));
  }
  add(JSON.stringify(options));
  return (h >>> 0).toString(16).padStart(8, '0');
}
