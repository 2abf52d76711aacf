// The classifier each organisation's comments are labelled with: its own model when it has
// one in use (monitoring_models.in_use), else the shipped one. The classifier code and the
// model are imported on first use, so a server that never touches monitoring never loads
// them; parsed organisation models are kept for the next import.
// Type-only: erased at run time, so nothing here loads the classifier.
import type * as ClassifierIndex from './classifier/index.ts';
import type * as ModelFile from './classifier/model.ts';
import type { Classification } from '../../../common/monitoring/classification.ts';
import type { MachineLabel } from './comments.repository.ts';
import type { Db } from './monitoring.deps.ts';

type ClassifierModule = typeof ClassifierIndex;
export type Classifier = ReturnType<ClassifierModule['loadClassifier']>;
type ModelModule = typeof ModelFile;

/**
 * Parsed organisation models kept in memory. A model file is a few KB (sparse), but its
 * weights unpacked are ≈ 6 MB (1.5 million float32), so keep only a few.
 */
const MAX_CACHED_MODELS = 4;

let shipped: Promise<Classifier> | undefined;
const cache = new Map<string, { version: string; classifier: Classifier }>();

export function classifierModule(): Promise<ClassifierModule> {
  return import('./classifier/index.ts');
}

/** Model (de)serialisation, loaded on first use. */
export function modelModule(): Promise<ModelModule> {
  return import('./classifier/model.ts');
}

export function shippedClassifier(): Promise<Classifier> {
  shipped ??= classifierModule().then((m) => m.loadClassifier());
  return shipped;
}

/** The classifier new comments of the organisation get their machine label from. */
export async function classifierFor(db: Db, organisationId: string): Promise<Classifier> {
  const current = await db
    .selectFrom('monitoring_models')
    .select(['version', 'in_use'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (!current?.in_use) return shippedClassifier();
  const cached = cache.get(organisationId);
  if (cached?.version === current.version) return cached.classifier;
  const row = await db
    .selectFrom('monitoring_models')
    .select(['version', 'model'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow();
  const [m, models] = await Promise.all([classifierModule(), modelModule()]);
  const classifier = m.loadClassifier({ model: models.parseModel(row.model) });
  rememberModel(organisationId, row.version, classifier);
  return classifier;
}

/** Keeps a freshly trained model so the next import does not parse it again. */
export function rememberModel(organisationId: string, version: string, classifier: Classifier) {
  cache.delete(organisationId);
  cache.set(organisationId, { version, classifier });
  while (cache.size > MAX_CACHED_MODELS) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
}

/** A classification as the columns of a comment's machine label. */
export function machineLabelOf(c: Classification, at: Date): MachineLabel {
  return {
    machine_hateful: c.hateful,
    machine_score: Math.min(1, Math.max(0, c.score)),
    machine_categories: [...c.categories],
    language: c.language,
    evidence: JSON.stringify({ rules: c.evidence.rules, features: c.evidence.features }),
    classifier_version: c.version,
    classified_at: at,
  };
}
