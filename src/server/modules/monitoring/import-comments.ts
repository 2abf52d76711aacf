import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { IMPORT_PROBLEMS_KEPT } from '../../../common/api/monitoring.ts';
import type {
  ImportedComment,
  ImportProblem,
} from '../../../common/monitoring/imported-comment.ts';
import type { ImportFormat } from '../../../common/monitoring/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import type { MonitoredCommentsTable } from '../../db/types.generated.ts';
import { notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import { classifierFor, machineLabelOf } from './classifiers.ts';
import { existingHashes, insertComments } from './comments.repository.ts';
import type { CsvMapping } from './import/index.ts';
import { findImport, insertImport, updateImport, type ImportRow } from './imports.repository.ts';
import { findItem } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow } from './monitoring.policy.ts';

/** Comments per transaction. */
export const IMPORT_BATCH_SIZE = 500;

export interface ImportProgress {
  imported: number;
  duplicates: number;
  problems: number;
}

/**
 * Streams a file through the importer into an item's comments: each comment is classified
 * (by the organisation's own model when it has one in use, else the shipped one) and
 * stored in batches, one transaction per batch that also moves the import's counts, so an
 * interruption leaves whole batches and an import row that says how far it got. A comment
 * the item already has (same SHA-256 of the verbatim record, from this file or an earlier
 * import) is counted as a duplicate, not stored again; importing the same file again after
 * an interruption therefore adds only what was missing. Bad lines are counted and the first
 * IMPORT_PROBLEMS_KEPT kept with their line numbers; the rest of the file is imported.
 *
 * The importers and the classifier are loaded here, on first use.
 */
export async function importComments(options: {
  deps: MonitoringDeps;
  /** The member importing through the web (monitoring.write); null for the CLI and the demo. */
  actor: Actor | null;
  itemId: string;
  format: ImportFormat;
  /** For CSV: which column holds what. */
  csv?: CsvMapping | undefined;
  via: 'web' | 'cli' | 'demo';
  /** The file's bytes, streamed. */
  source: AsyncIterable<Uint8Array>;
  /** Comments per transaction (default IMPORT_BATCH_SIZE). */
  batchSize?: number;
  /** Called after each committed batch with the running totals. */
  onBatch?: (progress: ImportProgress) => void;
  /** Called for each problem as it is read. */
  onProblem?: (problem: ImportProblem) => void;
}): Promise<ImportRow> {
  const { deps, actor, itemId, format, via } = options;
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const item = await findItem(deps.db, itemId);
  if (actor) authoriseRow(actor, 'monitoring.write', item, 'The monitored item');
  else if (!item) throw notFound('The monitored item');
  const organisationId = item.organisation_id;
  const actorMemberId = actor?.memberId ?? null;

  const [{ readComments }, classifier] = await Promise.all([
    import('./import/index.ts'),
    classifierFor(deps.db, organisationId),
  ]);

  const importId = randomUUID();
  await deps.db.transaction().execute(async (trx) => {
    await insertImport(trx, {
      id: importId,
      organisation_id: organisationId,
      item_id: itemId,
      imported_by: actorMemberId,
      via,
      format,
      status: 'running',
      started_at: deps.now(),
    });
    await recordEvent({
      trx,
      organisationId,
      actorMemberId,
      action: 'monitoring.import_started',
      objectType: 'monitored_item',
      objectId: itemId,
      fields: { importId, format, via },
    });
  });

  const totals: ImportProgress = { imported: 0, duplicates: 0, problems: 0 };
  const kept: ImportProblem[] = [];
  let pending: ImportedComment[] = [];

  const flush = async () => {
    const batch = pending;
    pending = [];
    const at = deps.now();
    // Comments the item already has are not classified again (a re-run after an
    // interruption is mostly these); the insert below still skips any stored meanwhile.
    const seen = await existingHashes(
      deps.db,
      organisationId,
      itemId,
      batch.map((c) => c.sha256),
    );
    let repeated = 0;
    const rows: Insertable<MonitoredCommentsTable>[] = [];
    for (const c of batch) {
      if (seen.has(c.sha256)) {
        repeated++;
        continue;
      }
      seen.add(c.sha256);
      rows.push({
        id: randomUUID(),
        organisation_id: organisationId,
        item_id: itemId,
        import_id: importId,
        line: c.line,
        text: c.text,
        author: c.author,
        posted_at: c.postedAt ? new Date(c.postedAt) : null,
        url: c.url,
        source_id: c.sourceId,
        sha256: Buffer.from(c.sha256, 'hex'),
        imported_at: at,
        ...machineLabelOf(classifier.classify(c.text), at),
      });
    }
    const next = await deps.db.transaction().execute(async (trx) => {
      const inserted = await insertComments(trx, rows);
      const after = {
        imported: totals.imported + inserted,
        duplicates: totals.duplicates + repeated + (rows.length - inserted),
        problems: totals.problems,
      };
      await updateImport(trx, importId, {
        imported: after.imported,
        duplicates: after.duplicates,
        problem_count: after.problems,
        problems: JSON.stringify(kept),
      });
      return after;
    });
    Object.assign(totals, next);
    options.onBatch?.({ ...totals });
  };

  /** Marks the import done or failed, with its totals and problems, in the audit log too. */
  const finishImport = (status: 'done' | 'failed') =>
    deps.db.transaction().execute(async (trx) => {
      await updateImport(trx, importId, {
        status,
        finished_at: deps.now(),
        problem_count: totals.problems,
        problems: JSON.stringify(kept),
      });
      await recordEvent({
        trx,
        organisationId,
        actorMemberId,
        action: status === 'done' ? 'monitoring.import_finished' : 'monitoring.import_failed',
        objectType: 'monitored_item',
        objectId: itemId,
        fields: {
          importId,
          imported: totals.imported,
          duplicates: totals.duplicates,
          problems: totals.problems,
        },
      });
    });

  try {
    for await (const read of readComments(options.source, {
      format,
      ...(options.csv && { csv: options.csv }),
    })) {
      if (read.problem) {
        totals.problems++;
        if (kept.length < IMPORT_PROBLEMS_KEPT) kept.push(read.problem);
        options.onProblem?.(read.problem);
      } else {
        pending.push(read.comment);
        if (pending.length >= batchSize) await flush();
      }
    }
    await flush();
  } catch (error) {
    // Whole batches stay; the import says it did not finish. Best effort: the database may
    // be what failed.
    await finishImport('failed').catch(() => undefined);
    throw error;
  }

  await finishImport('done');
  const row = await findImport(deps.db, importId);
  if (!row) throw new Error(`import ${importId} vanished`);
  return row;
}
