// The hate-speech classifier of the monitoring module: the only entry point other code
// imports. Pure code apart from reading the shipped model file; no database, no server.
import type { Classification } from '../../../../common/monitoring/classification.ts';
import { classifyText, versionString, type StatisticalScorer } from './classify.ts';
import { loadShippedModel, scoreText, type LinearModel } from './model.ts';

export interface Classifier {
  classify(text: string): Classification;
  /** e.g. `lexicon 1.0.0 + model base-2026-11`. */
  version: string;
}

export interface LoadClassifierOptions {
  /** The model to use (an organisation's own); default the shipped model; null for rules only. */
  model?: LinearModel | null;
  /** Name the model's top features in the evidence (default true; batch runs may skip it). */
  explainFeatures?: boolean;
}

/** A classifier with the lexicon and a model; loading the shipped model reads its file once. */
export function loadClassifier(options: LoadClassifierOptions = {}): Classifier {
  const model = options.model === undefined ? loadShippedModel() : options.model;
  const explain = options.explainFeatures ?? true;
  const scorer: StatisticalScorer | null = model
    ? {
        version: model.version,
        threshold: model.threshold,
        score: (normalised) => scoreText(model, normalised, { explain }),
      }
    : null;
  const version = versionString(scorer);
  return { classify: (text) => classifyText(text, { scorer, version }), version };
}

export { detectLanguage } from './language.ts';
export { LEXICON_VERSION } from './lexicon/index.ts';
export { parseModel, serialiseModel, type LinearModel } from './model.ts';
export { normalise, normaliseForModel } from './normalise.ts';
export { matchRules } from './rules.ts';
export { trainModel } from './train.ts';
