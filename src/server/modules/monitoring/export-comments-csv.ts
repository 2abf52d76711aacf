import type { CommentFilter } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { listCommentRows, type CommentRow } from './comments.repository.ts';
import { CSV_BOM, csvRow, type CsvValue } from './csv-writer.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { resolveScope } from './scope.ts';

const PAGE = 1000;

export const COMMENTS_CSV_HEADER = [
  'id',
  'item_id',
  'posted_at',
  'author',
  'url',
  'source_id',
  'text',
  'sha256',
  'language',
  'machine_hateful',
  'machine_score',
  'machine_categories',
  'classifier_version',
  'confirmed_hateful',
  'confirmed_categories',
  'reviewed_at',
] as const;

function rowOf(c: CommentRow): CsvValue[] {
  return [
    c.id,
    c.item_id,
    c.posted_at?.toISOString() ?? null,
    c.author,
    c.url,
    c.source_id,
    c.text,
    Buffer.from(c.sha256).toString('hex'),
    c.language,
    c.machine_hateful,
    Math.round(c.machine_score * 10_000) / 10_000,
    c.machine_categories.join(' '),
    c.classifier_version,
    c.confirmed_hateful,
    c.confirmed_categories?.join(' ') ?? null,
    c.reviewed_at?.toISOString() ?? null,
  ];
}

/**
 * The comments of an item or a campaign matching the filters, with their machine and
 * confirmed labels, as CSV in posting order (monitoring.read). Authorised before the first
 * byte; then read a page at a time, so a large campaign streams.
 */
export async function exportCommentsCsv(options: {
  deps: MonitoringDeps;
  actor: Actor;
  filter: CommentFilter;
}): Promise<AsyncIterable<string>> {
  const { deps, actor, filter } = options;
  const scope = await resolveScope(deps.db, actor, 'monitoring.read', filter);
  return (async function* () {
    yield CSV_BOM + csvRow(COMMENTS_CSV_HEADER);
    let after: { key: string; id: string } | null = null;
    for (;;) {
      const rows = await listCommentRows(deps.db, scope.itemIds, filter, after, PAGE);
      if (rows.length > 0) yield rows.map((r) => csvRow(rowOf(r))).join('');
      const last = rows[rows.length - 1];
      if (rows.length < PAGE || !last) return;
      after = { key: last.posted_at?.toISOString() ?? 'infinity', id: last.id };
    }
  })();
}
