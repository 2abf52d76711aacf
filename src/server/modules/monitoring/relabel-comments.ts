import { sql } from 'kysely';
import { classifierFor, machineLabelOf } from './classifiers.ts';
import { unreviewedPage, updateMachineLabels } from './comments.repository.ts';
import type { Db } from './monitoring.deps.ts';

/** Comments labelled again per statement. */
const RELABEL_BATCH = 500;

/**
 * Labels the organisation's unreviewed comments again with the classifier now in use for
 * it (after a retrain), so the review queue's order follows the new scores; reviewed
 * comments keep the machine label they were reviewed with. Safe to run again: comments
 * already labelled by that classifier are skipped. Writes the count into the model's
 * figures; returns it.
 */
export async function relabelComments(options: {
  db: Db;
  now: () => Date;
  organisationId: string;
  /** Stops between batches when aborted (a worker that lost its lease). */
  signal?: AbortSignal;
}): Promise<number> {
  const { db, organisationId } = options;
  const classifier = await classifierFor(db, organisationId);
  let afterId: string | null = null;
  let count = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await unreviewedPage(
      db,
      organisationId,
      classifier.version,
      afterId,
      RELABEL_BATCH,
    );
    if (page.length === 0) break;
    const at = options.now();
    await updateMachineLabels(
      db,
      page.map((c) => ({ id: c.id, label: machineLabelOf(classifier.classify(c.text), at) })),
    );
    count += page.length;
    afterId = page[page.length - 1]?.id ?? null;
  }
  await db
    .updateTable('monitoring_models')
    .set({ figures: sql`jsonb_set(figures, '{relabelled}', to_jsonb(${count}::int))` })
    .where('organisation_id', '=', organisationId)
    .execute();
  return count;
}
