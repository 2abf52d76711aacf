// SQL of the organisations' own models (one per organisation: the latest retrain).
import type { Insertable, Selectable } from 'kysely';
import type { MonitoringModelsTable } from '../../db/types.generated.ts';
import type { Db } from './monitoring.deps.ts';

export type ModelRow = Selectable<MonitoringModelsTable>;

export async function findModel(db: Db, organisationId: string): Promise<ModelRow | undefined> {
  return db
    .selectFrom('monitoring_models')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/** Replaces the organisation's model with a newly trained one. */
export async function saveModel(db: Db, row: Insertable<MonitoringModelsTable>): Promise<void> {
  await db
    .insertInto('monitoring_models')
    .values(row)
    .onConflict((oc) =>
      oc.column('organisation_id').doUpdateSet({
        model: row.model,
        version: row.version,
        trained_at: row.trained_at,
        trained_by: row.trained_by,
        examples: row.examples,
        in_use: row.in_use,
        figures: row.figures,
      }),
    )
    .execute();
}
