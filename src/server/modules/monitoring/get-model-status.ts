import {
  MIN_LABELS_PER_CLASS,
  modelStatus as modelStatusSchema,
  type ModelStatusDto,
} from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { classifierFor, shippedClassifier } from './classifiers.ts';
import { countReviewed } from './comments.repository.ts';
import { findModel } from './models.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseMonitoring } from './monitoring.policy.ts';

/** Which classifier labels the organisation's new comments, and how its own model did (monitoring.read). */
export async function getModelStatus(options: {
  deps: MonitoringDeps;
  actor: Actor;
}): Promise<ModelStatusDto> {
  const { deps, actor } = options;
  authoriseMonitoring(actor, 'monitoring.read');
  const [row, reviewedLabels, active, shipped] = await Promise.all([
    findModel(deps.db, actor.organisationId),
    countReviewed(deps.db, actor.organisationId),
    classifierFor(deps.db, actor.organisationId),
    shippedClassifier(),
  ]);
  const figures = modelStatusSchema.shape.organisationModel
    .unwrap()
    .pick({
      heldOut: true,
      organisationQuality: true,
      shippedQuality: true,
      trainingSeconds: true,
      relabelled: true,
    })
    .parse(
      row?.figures ?? {
        heldOut: 0,
        organisationQuality: { precision: 0, recall: 0, f1: 0 },
        shippedQuality: { precision: 0, recall: 0, f1: 0 },
        trainingSeconds: 0,
        relabelled: 0,
      },
    );
  return {
    activeVersion: active.version,
    shippedVersion: shipped.version,
    reviewedLabels,
    minimumPerClass: MIN_LABELS_PER_CLASS,
    organisationModel: row
      ? {
          version: row.version,
          trainedAt: row.trained_at.toISOString(),
          trainedBy: row.trained_by,
          examples: row.examples,
          inUse: row.in_use,
          ...figures,
        }
      : null,
  };
}
