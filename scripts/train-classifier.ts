// Trains the statistical layer the project ships, from ../shared/datasets/ (see
// docs/monitoring/model-card.md for the data, its licences and what is left out), and
// writes src/server/modules/monitoring/classifier/model/base.qmodel.
//
//   node scripts/train-classifier.ts            train, write the model, print the figures
//   node scripts/train-classifier.ts --check    train and compare with the committed file
//
// The datasets are read from ../shared/datasets/ (QORGAN_DATASETS_DIR overrides it).
// Deterministic: the same datasets and functional set give a byte-identical model file.
// ru_toxicity_val.tsv and en_hatecheck_other_targets.csv are evaluation sets and are never
// read here; neither is the held-out split of the functional set.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { HATE_CATEGORIES, type HateCategory } from '../src/common/monitoring/vocabulary.ts';
import {
  SHIPPED_MODEL_URL,
  scoreText,
  serialiseModel,
  type LinearModel,
} from '../src/server/modules/monitoring/classifier/model.ts';
import { normaliseForModel } from '../src/server/modules/monitoring/classifier/normalise.ts';
import {
  trainModel,
  type TrainOptions,
  type TrainingExample,
} from '../src/server/modules/monitoring/classifier/train.ts';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** `../shared/datasets/` beside the repository, or QORGAN_DATASETS_DIR when set. */
export const DATASETS_DIR = path.resolve(
  REPO_ROOT,
  process.env.QORGAN_DATASETS_DIR ?? '../shared/datasets',
);
export const FUNCTIONAL_SET = path.join(REPO_ROOT, 'test/monitoring/fixtures/functional-set.jsonl');
export const MODEL_VERSION = 'base-2026-11';

/** Hyper-parameters of the shipped model (chosen on an internal split of the training data). */
export const BASE_OPTIONS: TrainOptions = { epochs: 6, learningRate: 0.2, l2: 1e-6, seed: 1 };
/** Weight of the project's own functional examples relative to one public row. */
const FUNCTIONAL_WEIGHT = 3;
/** Weight of a kk_hate_speech row: machine-translated and topic-confounded, so it counts less. */
const KK_WEIGHT = 0.5;

/** Removes user handles (`[id123|Name]`, `@user`) before a row is used. */
export function stripHandles(text: string): string {
  return text
    .replace(/\[(?:id|club|public)\d+\|[^\]]*\]/g, ' ')
    .replace(/@[\p{L}\p{N}_.]+/gu, ' ')
    .trim();
}

export function datasetsPresent(dir = DATASETS_DIR): boolean {
  return existsSync(path.join(dir, 'ru_toxicity_train.tsv'));
}

/** A ru_toxicity_*.tsv file as { text, toxic } rows, handles stripped. */
export function readRuToxicity(file: string): { text: string; toxic: boolean }[] {
  const rows = parse(readFileSync(file), {
    columns: true,
    delimiter: '\t',
    relax_quotes: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
  return rows.map((row, i) => {
    if (row.toxic !== '0' && row.toxic !== '1') {
      throw new Error(
        `${path.basename(file)} row ${i + 2}: toxic is "${row.toxic}", expected 0 or 1`,
      );
    }
    return { text: stripHandles(row.text ?? ''), toxic: row.toxic === '1' };
  });
}

const KK_CATEGORIES: Record<string, { hateful: boolean; categories: HateCategory[] }> = {
  neutral: { hateful: false, categories: [] },
  violent: { hateful: true, categories: ['threat'] },
  bullying: { hateful: true, categories: ['insult'] },
  racism: { hateful: true, categories: ['derogation'] },
  // Nazism is hateful, but which of our categories a row falls under varies: unknown.
  nazism: { hateful: true, categories: [] },
};

function readKazakh(file: string): TrainingExample[] {
  const rows = parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((row, i) => {
    const label = KK_CATEGORIES[row.label_name ?? ''];
    if (!label)
      throw new Error(`kk_hate_speech.csv row ${i + 2}: unknown label "${row.label_name}"`);
    return { text: stripHandles(row.message ?? ''), ...label, weight: KK_WEIGHT };
  });
}

export interface FunctionalCase {
  id: string;
  text: string;
  language: string;
  hateful: boolean;
  categories: HateCategory[];
  functionality: string;
  split: 'tune' | 'heldout';
}

export function readFunctionalSet(file = FUNCTIONAL_SET): FunctionalCase[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as FunctionalCase);
}

export interface TrainingData {
  examples: TrainingExample[];
  /** Rows used, per source. */
  counts: Record<string, number>;
}

export function loadTrainingData(dir = DATASETS_DIR): TrainingData {
  const ru = readRuToxicity(path.join(dir, 'ru_toxicity_train.tsv'))
    .filter((row) => row.text !== '')
    .map((row): TrainingExample => ({ text: row.text, hateful: row.toxic, categories: [] }));
  const kk = readKazakh(path.join(dir, 'kk_hate_speech.csv')).filter((row) => row.text !== '');
  const tune = readFunctionalSet()
    .filter((row) => row.split === 'tune')
    .map((row): TrainingExample => ({
      text: row.text,
      hateful: row.hateful,
      categories: row.hateful ? row.categories.filter((c) => HATE_CATEGORIES.includes(c)) : [],
      weight: FUNCTIONAL_WEIGHT,
    }));
  return {
    examples: [...ru, ...kk, ...tune],
    counts: {
      'ru_toxicity_train.tsv': ru.length,
      'kk_hate_speech.csv': kk.length,
      'functional-set.jsonl (tune)': tune.length,
    },
  };
}

/** Deterministic 1-in-10 split by a hash of the text, for choosing the threshold. */
function inInternalValidation(text: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 10 === 0;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  n: number;
}

export function prf(pairs: readonly { truth: boolean; predicted: boolean }[]): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { truth, predicted } of pairs) {
    if (truth && predicted) tp++;
    else if (!truth && predicted) fp++;
    else if (truth && !predicted) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, n: pairs.length };
}

/** The threshold in 0.05 … 0.95 with the best F1 on `scored`; ties go to the lower one. */
function bestThreshold(scored: readonly { truth: boolean; score: number }[]): {
  threshold: number;
  f1: number;
} {
  let best = { threshold: 0.5, f1: -1 };
  for (let step = 1; step < 20; step++) {
    const threshold = step / 20;
    const { f1 } = prf(scored.map((s) => ({ truth: s.truth, predicted: s.score >= threshold })));
    if (f1 > best.f1) best = { threshold, f1 };
  }
  return best;
}

export interface TrainedBase {
  model: LinearModel;
  bytes: Uint8Array;
  counts: Record<string, number>;
  threshold: number;
  internalF1: number;
  seconds: number;
}

/** Everything the script does except writing the file: the reproducible-training test runs this. */
export function trainBaseModel(dir = DATASETS_DIR): TrainedBase {
  const started = performance.now();
  const { examples, counts } = loadTrainingData(dir);
  const fit = examples.filter((e) => !inInternalValidation(e.text));
  const check = examples.filter((e) => inInternalValidation(e.text) && (e.weight ?? 1) === 1);
  const probe = trainModel(fit, { ...BASE_OPTIONS, version: 'probe' });
  const { threshold, f1 } = bestThreshold(
    check.map((e) => ({
      truth: e.hateful,
      score: scoreText(probe, normaliseForModel(e.text)).hateful,
    })),
  );
  const trainedOn = Object.entries(counts)
    .map(([source, n]) => `${source}: ${n}`)
    .join('; ');
  const model = trainModel(examples, {
    ...BASE_OPTIONS,
    threshold,
    version: MODEL_VERSION,
    trainedOn,
  });
  const bytes = serialiseModel(model);
  return {
    model,
    bytes,
    counts,
    threshold,
    internalF1: f1,
    seconds: (performance.now() - started) / 1000,
  };
}

function main(): void {
  if (!datasetsPresent()) {
    console.error(
      `The training data is not there: expected ${DATASETS_DIR}/ru_toxicity_train.tsv (see docs/monitoring/model-card.md).`,
    );
    process.exit(1);
  }
  const trained = trainBaseModel();
  for (const [source, n] of Object.entries(trained.counts)) console.log(`${source}: ${n} rows`);
  console.log(
    `threshold ${trained.threshold} (F1 ${trained.internalF1.toFixed(3)} on the internal 10 % split)`,
  );
  console.log(`trained in ${trained.seconds.toFixed(1)} s, model ${trained.bytes.length} bytes`);
  if (process.argv.includes('--check')) {
    const committed = readFileSync(SHIPPED_MODEL_URL);
    const same = Buffer.compare(committed, trained.bytes) === 0;
    console.log(same ? 'identical to the committed model' : 'DIFFERS from the committed model');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(SHIPPED_MODEL_URL, trained.bytes);
  console.log(`wrote ${fileURLToPath(SHIPPED_MODEL_URL)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
