// Quality of the hate-speech classifier: precision, recall and F1 of the full classifier
// (rules + model, loadClassifier) and of the statistical layer alone (the shipped model at
// its threshold), on
//   - ../shared/datasets/ru_toxicity_val.tsv: general Russian toxicity (target F1 ≥ 0.80);
//   - the functional set's held-out split, per language (target F1 ≥ 0.85 on anti-LGBTIQ
//     hate across ru, kk, en): cases the classifier was not tuned or trained on;
//   - ../shared/datasets/en_hatecheck_other_targets.csv: whether the functional behaviour
//     (negation, counter-speech, quotation) carries over to other targets; per functionality
//     the share of cases labelled right.
// None of these is used for training (scripts/train-classifier.ts). Without the datasets
// folder the two dataset parts are skipped with a message; the functional set is in the repo.
//
//   node_modules/.bin/node bench/monitoring-quality.bench.ts
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import {
  DATASETS_DIR,
  prf,
  readFunctionalSet,
  readRuToxicity,
  REPO_ROOT,
  stripHandles,
  type PRF,
} from '../scripts/train-classifier.ts';
import { HATE_CATEGORIES } from '../src/common/monitoring/vocabulary.ts';
import {
  CATEGORY_THRESHOLD,
  loadShippedModel,
  scoreText,
} from '../src/server/modules/monitoring/classifier/model.ts';
import { normaliseForModel } from '../src/server/modules/monitoring/classifier/normalise.ts';

type Row = Record<string, number | string>;
type Label = { hateful: boolean; categories: readonly string[] };
type Predict = (text: string) => Label;

const INDEX = path.join(REPO_ROOT, 'src/server/modules/monitoring/classifier/index.ts');

/** The full classifier when it is there; the bench still measures the model without it. */
async function fullClassifier(): Promise<Predict | undefined> {
  if (!existsSync(INDEX)) return undefined;
  const mod = (await import(pathToFileURL(INDEX).href)) as {
    loadClassifier: () => { classify: (text: string) => Label };
  };
  const classifier = mod.loadClassifier();
  return (text) => classifier.classify(text);
}

function modelOnly(): Predict {
  const model = loadShippedModel();
  return (text) => {
    const score = scoreText(model, normaliseForModel(text), { explain: false });
    const hateful = score.hateful >= model.threshold;
    const categories = hateful
      ? HATE_CATEGORIES.filter((c) => score.categories[c] >= CATEGORY_THRESHOLD)
      : [];
    return { hateful, categories };
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function row(system: string, set: string, slice: string, m: PRF, target = ''): Row {
  return {
    system,
    set,
    slice,
    n: m.n,
    precision: round(m.precision),
    recall: round(m.recall),
    f1: round(m.f1),
    target,
  };
}

function evaluate(
  cases: readonly { text: string; truth: boolean }[],
  predict: Predict,
): { truth: boolean; predicted: boolean }[] {
  return cases.map((c) => ({ truth: c.truth, predicted: predict(c.text).hateful }));
}

export async function run(): Promise<{ name: string; results: Row[] }> {
  const systems: [string, Predict][] = [];
  const full = await fullClassifier();
  if (full) systems.push(['classifier', full]);
  else console.log(`${INDEX} not found: measuring the statistical layer alone`);
  systems.push(['model only', modelOnly()]);
  const results: Row[] = [];
  const haveDatasets = existsSync(path.join(DATASETS_DIR, 'ru_toxicity_val.tsv'));
  if (!haveDatasets)
    console.log(`datasets not found at ${DATASETS_DIR}: ru_toxicity_val and HateCheck skipped`);

  const functional = readFunctionalSet().filter((c) => c.split === 'heldout');
  const languages = [...new Set(functional.map((c) => c.language))];
  const hatecheck = haveDatasets
    ? (
        parse(readFileSync(path.join(DATASETS_DIR, 'en_hatecheck_other_targets.csv')), {
          columns: true,
        }) as Record<string, string>[]
      ).map((r) => ({
        text: stripHandles(r.test_case ?? ''),
        truth: r.label_gold === 'hateful',
        functionality: r.functionality ?? '',
      }))
    : [];
  const ruVal = haveDatasets
    ? readRuToxicity(path.join(DATASETS_DIR, 'ru_toxicity_val.tsv')).map((r) => ({
        text: r.text,
        truth: r.toxic,
      }))
    : [];

  for (const [system, predict] of systems) {
    if (haveDatasets) {
      results.push(
        row(system, 'ru_toxicity_val', 'ru', prf(evaluate(ruVal, predict)), 'F1 ≥ 0.80'),
      );
    }
    const all = evaluate(
      functional.map((c) => ({ text: c.text, truth: c.hateful })),
      predict,
    );
    results.push(row(system, 'functional heldout', 'all', prf(all)));
    const core = functional.filter((c) => c.language !== 'mixed');
    results.push(
      row(
        system,
        'functional heldout',
        'ru + kk + en',
        prf(
          evaluate(
            core.map((c) => ({ text: c.text, truth: c.hateful })),
            predict,
          ),
        ),
        'F1 ≥ 0.85',
      ),
    );
    for (const language of languages) {
      const cases = functional.filter((c) => c.language === language);
      results.push(
        row(
          system,
          'functional heldout',
          language,
          prf(
            evaluate(
              cases.map((c) => ({ text: c.text, truth: c.hateful })),
              predict,
            ),
          ),
        ),
      );
    }
    // Categories on the functional set: is each category reported exactly when it is labelled?
    const labelled = functional.map((c) => ({ c, out: predict(c.text) }));
    for (const category of HATE_CATEGORIES) {
      const pairs = labelled.map(({ c, out }) => ({
        truth: c.hateful && c.categories.includes(category),
        predicted: out.hateful && out.categories.includes(category),
      }));
      results.push(row(system, 'functional heldout categories', category, prf(pairs)));
    }
    if (haveDatasets) {
      const scored = hatecheck.map((c) => ({ ...c, predicted: predict(c.text).hateful }));
      results.push(row(system, 'hatecheck other targets', 'en', prf(scored)));
      const functionalities = [...new Set(hatecheck.map((c) => c.functionality))];
      for (const functionality of functionalities) {
        const cases = scored.filter((c) => c.functionality === functionality);
        const right = cases.filter((c) => c.truth === c.predicted).length;
        results.push({
          system,
          set: 'hatecheck other targets',
          slice: functionality,
          n: cases.length,
          precision: '',
          recall: '',
          f1: '',
          target: `${round(right / cases.length)} right`,
        });
      }
    }
  }
  return { name: 'monitoring classifier quality', results };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const output = await run();
  console.table(output.results);
  console.log(JSON.stringify(output));
}
