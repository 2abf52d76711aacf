import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MIN_LABELS_PER_CLASS, type ModelStatusDto } from '../../../common/api/monitoring.ts';
import type { HateCategory } from '../../../common/monitoring/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { conflict } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { monitoringRelabel } from '../../jobs/definitions/monitoring-relabel.ts';
import {
  classifierModule,
  modelModule,
  rememberModel,
  shippedClassifier,
  type Classifier,
} from './classifiers.ts';
import { reviewedExamples } from './comments.repository.ts';
import { getModelStatus } from './get-model-status.ts';
import { saveModel } from './models.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseMonitoring } from './monitoring.policy.ts';

/** One in this many reviewed labels of each kind is held out to compare the models. */
const HOLD_OUT_EVERY = 5;

interface Example {
  id: string;
  text: string;
  hateful: boolean;
  categories: HateCategory[];
}

export interface Quality {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Trains the organisation's own model from its reviewed labels (monitoring.review).
 *
 * The shipped model learned from the public datasets, which the server does not have, so it
 * cannot be retrained with the organisation's labels added. Instead a model is trained on
 * the organisation's labels alone and must earn its place: one in five labels of each kind
 * (chosen by a hash of the comment id, so the split is stable) is held out, a candidate is
 * trained on the rest, and both it and the shipped model classify the held-out comments
 * (the lexicon layer is the same in both). The organisation model is used for new
 * comments only when its F1 on the held-out labels is at least the shipped model's; it
 * is then trained again on every label. A background job (monitoring.relabel, enqueued in
 * the same transaction) then labels the unreviewed comments again with whichever model is
 * in use, so the review queue's order follows the new scores.
 */
export async function retrainModel(options: {
  deps: MonitoringDeps;
  actor: Actor;
}): Promise<ModelStatusDto> {
  const { deps, actor } = options;
  authoriseMonitoring(actor, 'monitoring.review');
  const examples = (await reviewedExamples(deps.db, actor.organisationId)).map((e): Example => ({
    ...e,
    categories: e.categories as HateCategory[],
  }));
  const hateful = examples.filter((e) => e.hateful);
  const notHateful = examples.filter((e) => !e.hateful);
  if (hateful.length < MIN_LABELS_PER_CLASS || notHateful.length < MIN_LABELS_PER_CLASS) {
    throw conflict(
      'not_enough_labels',
      `Retraining needs at least ${MIN_LABELS_PER_CLASS} reviewed comments confirmed hateful and ${MIN_LABELS_PER_CLASS} confirmed not hateful; there are ${hateful.length} and ${notHateful.length}.`,
    );
  }
  const train: Example[] = [];
  const heldOut: Example[] = [];
  for (const group of [hateful, notHateful]) {
    const ordered = [...group].sort((a, b) => bucketOf(a.id).localeCompare(bucketOf(b.id)));
    ordered.forEach((e, i) => (i % HOLD_OUT_EVERY === 0 ? heldOut : train).push(e));
  }

  const [{ loadClassifier }, { trainModel }, { serialiseModel }] = await Promise.all([
    classifierModule(),
    import('./classifier/train.ts'),
    modelModule(),
  ]);
  const trainedAt = deps.now();
  const version = `org-${trainedAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
  const started = performance.now();
  const candidate = trainModel(train, { version: `${version}-candidate` });
  const trainingMs = performance.now() - started;
  const shipped = await shippedClassifier();
  const organisationQuality = qualityOn(loadClassifier({ model: candidate }), heldOut);
  const shippedQuality = qualityOn(shipped, heldOut);
  const inUse = organisationQuality.f1 >= shippedQuality.f1;

  const finalStarted = performance.now();
  const model = inUse ? trainModel(examples, { version }) : candidate;
  const trainingSeconds = (trainingMs + (inUse ? performance.now() - finalStarted : 0)) / 1000;
  const active: Classifier = inUse ? loadClassifier({ model }) : shipped;
  const figures = {
    heldOut: heldOut.length,
    organisationQuality,
    shippedQuality,
    trainingSeconds: Math.round(trainingSeconds * 1e6) / 1e6,
    relabelled: 0,
  };
  await deps.db.transaction().execute(async (trx) => {
    await saveModel(trx, {
      organisation_id: actor.organisationId,
      model: serialiseModel(model),
      version: model.version,
      trained_at: trainedAt,
      trained_by: actor.memberId,
      examples: inUse ? examples.length : train.length,
      in_use: inUse,
      figures: JSON.stringify(figures),
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.model_retrained',
      objectType: 'monitoring_model',
      objectId: actor.organisationId,
      fields: {
        version: model.version,
        examples: examples.length,
        inUse,
        organisationF1: organisationQuality.f1,
        shippedF1: shippedQuality.f1,
      },
    });
    await enqueue({
      db: trx,
      job: monitoringRelabel,
      payload: { organisationId: actor.organisationId },
      dedupeKey: `monitoring.relabel:${actor.organisationId}:${model.version}`,
      now: deps.now,
    });
  });
  if (inUse) rememberModel(actor.organisationId, model.version, active);
  return getModelStatus({ deps, actor });
}

/** A stable pseudo-random order of comments, independent of when they were reviewed. */
function bucketOf(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** Precision, recall and F1 of the hateful label on labelled examples. */
export function qualityOn(classifier: Classifier, examples: readonly Example[]): Quality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const e of examples) {
    const predicted = classifier.classify(e.text).hateful;
    if (predicted && e.hateful) tp++;
    else if (predicted) fp++;
    else if (e.hateful) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
}
