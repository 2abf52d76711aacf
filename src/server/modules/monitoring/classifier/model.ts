// The statistical layer: one logistic regression per label (`hateful` and each hate
// category) over the hashed features of the normalised text, its compact file format, and
// the model the project ships.
//
// File format (all integers little-endian):
//   "QMDL"  magic
//   u8      format version (1)
//   u32     header length, then the header: UTF-8 JSON { version, features, labels,
//           threshold, biases, trainedOn }
//   per label, in header order: f32 scale, u32 entry count, then each non-zero weight as
//           a varint gap from the previous index and an int8 (weight = int8 × scale).
// Weights are int8 with a scale per label (as in memory); a weight of 0 is not stored.
import { readFileSync } from 'node:fs';
import type { FeatureContribution } from '../../../../common/monitoring/classification.ts';
import { HATE_CATEGORIES, type HateCategory } from '../../../../common/monitoring/vocabulary.ts';
import {
  createFeatureBuffer,
  extractFeatures,
  featureName,
  type FeatureConfig,
} from './features.ts';

/** The labels of a model, in the order of its weights. */
export const MODEL_LABELS = ['hateful', ...HATE_CATEGORIES] as const;
export type ModelLabel = (typeof MODEL_LABELS)[number];
const LABEL_COUNT = MODEL_LABELS.length;

export interface LinearModel {
  /** Names this model in every classification it contributes to, e.g. `base-2026-11`. */
  version: string;
  features: FeatureConfig;
  /**
   * Interleaved int8 weights: the weight of feature slot `i` for label `l` (index in
   * MODEL_LABELS) is `weights[i * MODEL_LABELS.length + l] * scales[l]`. One slot's labels
   * share a cache line, and the table is a quarter of float32's size (1.5 MB at 2^18 slots
   * instead of 6 MB) for the random reads of scoring. A trained model is quantised the same
   * way as its file, so it scores exactly as it will once stored.
   */
  weights: Int8Array;
  /** One scale per label, in MODEL_LABELS order. */
  scales: Float32Array;
  /** One bias per label, in MODEL_LABELS order. */
  biases: Float32Array;
  /** `hateful` is reported when its probability is at least this. Categories use 0.5. */
  threshold: number;
  /** What the model was trained on, in a few words (shown in the model card and settings). */
  trainedOn: string;
}

export interface ModelScore {
  /** Probability that the text is hateful. */
  hateful: number;
  /** Probability of each category if the text is hateful (meaningless when it is not). */
  categories: Record<HateCategory, number>;
  /** The features that moved `hateful` most, strongest (by size) first. */
  features: FeatureContribution[];
}

/** How many features an explanation names. */
export const EXPLAINED_FEATURES = 5;
export const CATEGORY_THRESHOLD = 0.5;

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

// One feature buffer and one scratch table for the process: scoring is synchronous.
const buffer = createFeatureBuffer();
const sums = new Float64Array(LABEL_COUNT);
// The explanation sums each distinct feature's contributions in a small open-addressing
// table sized to the text (a table the size of the hash space costs a cache miss per
// feature); a generation stamp spares clearing it.
let tableSlots = new Int32Array(0);
let tableSums = new Float64Array(0);
let tableFirst = new Int32Array(0);
let tableStamp = new Int32Array(0);
let generation = 0;
let slotOf = new Int32Array(0);

export interface ScoreOptions {
  /** Name the top features (default true). Batch scoring that never shows them can skip it. */
  explain?: boolean;
}

/** Scores a text that has already been through normaliseForModel. */
export function scoreText(
  model: LinearModel,
  normalised: string,
  options: ScoreOptions = {},
): ModelScore {
  const count = extractFeatures(normalised, model.features, buffer);
  const { weights, biases, scales } = model;
  sums.fill(0);
  const value = count > 0 ? 1 / Math.sqrt(count) : 0;
  const indices = buffer.indices;
  for (let k = 0; k < count; k++) {
    const base = (indices[k] ?? 0) * LABEL_COUNT;
    for (let l = 0; l < LABEL_COUNT; l++) {
      sums[l] = (sums[l] ?? 0) + (weights[base + l] ?? 0);
    }
  }
  for (let l = 0; l < LABEL_COUNT; l++) {
    sums[l] = (biases[l] ?? 0) + (sums[l] ?? 0) * (scales[l] ?? 0) * value;
  }
  // Filled for every category just below.
  const categories = {} as Record<HateCategory, number>;
  for (let c = 0; c < HATE_CATEGORIES.length; c++) {
    categories[HATE_CATEGORIES[c] ?? 'insult'] = sigmoid(sums[c + 1] ?? 0);
  }
  return {
    hateful: sigmoid(sums[0] ?? 0),
    categories,
    features: (options.explain ?? true) ? explain(model, normalised, count, value) : [],
  };
}

/** The top contributions to `hateful`, each feature's occurrences summed, strongest by size first. */
function explain(
  model: LinearModel,
  normalised: string,
  count: number,
  value: number,
): FeatureContribution[] {
  if (count === 0) return [];
  let size = 64;
  while (size < count * 2) size *= 2;
  if (tableSlots.length < size) {
    tableSlots = new Int32Array(size);
    tableSums = new Float64Array(size);
    tableFirst = new Int32Array(size);
    tableStamp = new Int32Array(size);
    generation = 0;
  }
  generation++;
  const mask = size - 1;
  const stamp = generation;
  // Locals, not the module's variables: this loop runs for every feature of every comment.
  // The `as number` reads are in bounds (k < count, at ≤ mask < size, top holds table slots).
  const indices = buffer.indices;
  const weights = model.weights;
  const unit = (model.scales[0] ?? 0) * value;
  const slots = tableSlots;
  const sumsOf = tableSums;
  const first = tableFirst;
  const stamps = tableStamp;
  if (slotOf.length < count) slotOf = new Int32Array(count * 2);
  const atOf = slotOf;
  for (let k = 0; k < count; k++) {
    const index = indices[k] as number;
    let at = (Math.imul(index, 0x9e3779b1) >>> 0) & mask;
    while (stamps[at] === stamp && slots[at] !== index) at = (at + 1) & mask;
    const contribution = (weights[index * LABEL_COUNT] as number) * unit;
    atOf[k] = at;
    if (stamps[at] !== stamp) {
      stamps[at] = stamp;
      slots[at] = index;
      sumsOf[at] = contribution;
      first[at] = k;
    } else {
      sumsOf[at] = (sumsOf[at] as number) + contribution;
    }
  }
  // The strongest few, each distinct feature once (at its first occurrence).
  const top: number[] = [];
  let floor = 0; // the weakest strength in `top` once it is full
  for (let k = 0; k < count; k++) {
    const at = atOf[k] as number;
    if (first[at] !== k) continue;
    const strength = Math.abs(sumsOf[at] as number);
    if (strength <= floor || strength === 0) continue;
    let position = top.length;
    while (position > 0 && Math.abs(sumsOf[top[position - 1] as number] as number) < strength) {
      position--;
    }
    top.splice(position, 0, at);
    if (top.length > EXPLAINED_FEATURES) top.length = EXPLAINED_FEATURES;
    if (top.length === EXPLAINED_FEATURES)
      floor = Math.abs(sumsOf[top[EXPLAINED_FEATURES - 1] as number] as number);
  }
  return top.map((at) => ({
    feature: featureName(normalised, buffer, tableFirst[at] ?? 0),
    weight: Math.round((tableSums[at] ?? 0) * 1000) / 1000,
  }));
}

/**
 * Quantises float weights (interleaved as in LinearModel) to int8 with one scale per label:
 * the largest weight of a label becomes ±127.
 */
export function quantiseWeights(floats: ArrayLike<number>): {
  weights: Int8Array;
  scales: Float32Array;
} {
  const weights = new Int8Array(floats.length);
  const scales = new Float32Array(LABEL_COUNT);
  for (let l = 0; l < LABEL_COUNT; l++) {
    let maxAbs = 0;
    for (let i = l; i < floats.length; i += LABEL_COUNT) {
      maxAbs = Math.max(maxAbs, Math.abs(Math.fround(floats[i] ?? 0)));
    }
    const scale = maxAbs > 0 ? Math.fround(maxAbs / 127) : 1;
    scales[l] = scale;
    for (let i = l; i < floats.length; i += LABEL_COUNT) {
      weights[i] = Math.max(-127, Math.min(127, Math.round(Math.fround(floats[i] ?? 0) / scale)));
    }
  }
  return { weights, scales };
}

const MAGIC = [0x51, 0x4d, 0x44, 0x4c]; // "QMDL"
const FORMAT_VERSION = 1;

interface ModelHeader {
  version: string;
  features: FeatureConfig;
  labels: string[];
  threshold: number;
  biases: number[];
  trainedOn: string;
}

/** The model in its file format (see the top of this file). Same model, same bytes. */
export function serialiseModel(model: LinearModel): Uint8Array {
  const header: ModelHeader = {
    version: model.version,
    features: {
      hashBits: model.features.hashBits,
      minN: model.features.minN,
      maxN: model.features.maxN,
      words: model.features.words,
      bigrams: model.features.bigrams,
    },
    labels: [...MODEL_LABELS],
    threshold: model.threshold,
    biases: Array.from(model.biases),
    trainedOn: model.trainedOn,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const slots = 1 << model.features.hashBits;
  const parts: Uint8Array[] = [];
  const start = new Uint8Array(9);
  start.set(MAGIC, 0);
  start[4] = FORMAT_VERSION;
  new DataView(start.buffer).setUint32(5, headerBytes.length, true);
  parts.push(start, headerBytes);
  for (let l = 0; l < LABEL_COUNT; l++) {
    const scale = model.scales[l] ?? 1;
    const body = new Uint8Array(slots * 6);
    let length = 0;
    let entries = 0;
    let previous = -1;
    for (let i = 0; i < slots; i++) {
      const q = model.weights[i * LABEL_COUNT + l] ?? 0;
      if (q === 0) continue;
      let gap = i - previous;
      previous = i;
      while (gap >= 0x80) {
        body[length++] = (gap & 0x7f) | 0x80;
        gap >>>= 7;
      }
      body[length++] = gap;
      body[length++] = Math.max(-127, q) & 0xff; // -128 is outside the format
      entries++;
    }
    const labelStart = new Uint8Array(8);
    const view = new DataView(labelStart.buffer);
    view.setFloat32(0, scale, true);
    view.setUint32(4, entries, true);
    parts.push(labelStart, body.subarray(0, length));
  }
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Reads a model file; anything that is not a complete, consistent model is a ModelFormatError. */
export function parseModel(bytes: Uint8Array): LinearModel {
  const fail = (why: string): never => {
    throw new ModelFormatError(`Not a Qorgan classifier model: ${why}`);
  };
  if (bytes.length < 9 || MAGIC.some((b, i) => bytes[i] !== b))
    fail('the file does not start with QMDL');
  if (bytes[4] !== FORMAT_VERSION)
    fail(`format version ${bytes[4]} is not supported (expected ${FORMAT_VERSION})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(5, true);
  if (9 + headerLength > bytes.length) fail('the header is cut short');
  let header: ModelHeader;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(9, 9 + headerLength)),
    ) as ModelHeader;
  } catch {
    return fail('the header is not valid JSON');
  }
  const features = checkHeader(header, fail);
  const slots = 1 << features.hashBits;
  const weights = new Int8Array(slots * LABEL_COUNT);
  const scales = new Float32Array(LABEL_COUNT);
  let offset = 9 + headerLength;
  for (let l = 0; l < LABEL_COUNT; l++) {
    if (offset + 8 > bytes.length) fail(`the weights of "${MODEL_LABELS[l]}" are missing`);
    const scale = view.getFloat32(offset, true);
    const entries = view.getUint32(offset + 4, true);
    if (!Number.isFinite(scale) || scale <= 0)
      fail(`the scale of "${MODEL_LABELS[l]}" is not a positive number`);
    scales[l] = scale;
    offset += 8;
    let index = -1;
    for (let e = 0; e < entries; e++) {
      let gap = 0;
      let shift = 0;
      for (;;) {
        if (offset >= bytes.length || shift > 28)
          fail(`the weights of "${MODEL_LABELS[l]}" are cut short`);
        const byte = bytes[offset++] ?? 0;
        gap |= (byte & 0x7f) << shift;
        if ((byte & 0x80) === 0) break;
        shift += 7;
      }
      index += gap;
      if (gap === 0 || index >= slots)
        fail(`a weight of "${MODEL_LABELS[l]}" is outside the hash space`);
      if (offset >= bytes.length) fail(`the weights of "${MODEL_LABELS[l]}" are cut short`);
      const q = ((bytes[offset++] ?? 0) << 24) >> 24;
      if (q === -128) fail(`a weight of "${MODEL_LABELS[l]}" is -128 (the format stops at ±127)`);
      weights[index * LABEL_COUNT + l] = q;
    }
  }
  if (offset !== bytes.length) fail(`${bytes.length - offset} unexpected bytes after the weights`);
  return {
    version: header.version,
    features,
    weights,
    scales,
    biases: Float32Array.from(header.biases),
    threshold: header.threshold,
    trainedOn: header.trainedOn,
  };
}

function checkHeader(header: ModelHeader, fail: (why: string) => never): FeatureConfig {
  if (typeof header !== 'object' || header === null) fail('the header is not an object');
  if (typeof header.version !== 'string' || header.version === '')
    fail('the header has no version');
  if (typeof header.trainedOn !== 'string') fail('the header has no trainedOn');
  if (
    !Array.isArray(header.labels) ||
    header.labels.length !== LABEL_COUNT ||
    header.labels.some((label, i) => label !== MODEL_LABELS[i])
  ) {
    fail(`the labels are not ${MODEL_LABELS.join(', ')}`);
  }
  if (
    !Array.isArray(header.biases) ||
    header.biases.length !== LABEL_COUNT ||
    header.biases.some((b) => typeof b !== 'number' || !Number.isFinite(b))
  ) {
    fail('the biases are not one number per label');
  }
  if (typeof header.threshold !== 'number' || !(header.threshold > 0 && header.threshold < 1)) {
    fail('the threshold is not between 0 and 1');
  }
  const f = header.features as Partial<FeatureConfig> | undefined;
  const integer = (n: unknown, min: number, max: number): n is number =>
    typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
  if (
    typeof f !== 'object' ||
    f === null ||
    !integer(f.hashBits, 8, 22) ||
    !integer(f.minN, 1, 8) ||
    !integer(f.maxN, f.minN ?? 1, 8) ||
    typeof f.words !== 'boolean' ||
    typeof f.bigrams !== 'boolean'
  ) {
    fail('the feature settings are invalid');
  }
  return header.features;
}

let shipped: LinearModel | undefined;

/** The URL of the model the project ships (trained by scripts/train-classifier.ts). */
export const SHIPPED_MODEL_URL = new URL('./model/base.qmodel', import.meta.url);

/** The model the project ships, read and parsed once per process. */
export function loadShippedModel(): LinearModel {
  shipped ??= parseModel(readFileSync(SHIPPED_MODEL_URL));
  return shipped;
}
