import type { Actor } from '../../../common/policy/permissions.ts';
import { CSV_BOM, csvRow } from './csv-writer.ts';
import { getCounts } from './get-counts.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';

export const COUNTS_CSV_HEADER = [
  'dimension',
  'value',
  'comments',
  'machine_flagged',
  'reviewed',
  'confirmed_hateful',
] as const;

/**
 * The counts of an item or a campaign as one CSV table (monitoring.read): a `total` row,
 * then rows per `category`, `language`, `day` (empty value: undated) and `item`. For a
 * category, `machine_flagged` counts machine labels with it and `confirmed_hateful`
 * confirmed labels with it.
 */
export async function exportCountsCsv(options: {
  deps: MonitoringDeps;
  actor: Actor;
  itemId?: string | undefined;
  campaignId?: string | undefined;
}): Promise<string> {
  const counts = await getCounts(options);
  const lines = [CSV_BOM, csvRow(COUNTS_CSV_HEADER)];
  const t = counts.totals;
  lines.push(csvRow(['total', '', t.comments, t.machineFlagged, t.reviewed, t.confirmedHateful]));
  for (const c of counts.byCategory)
    lines.push(csvRow(['category', c.category, null, c.machineFlagged, null, c.confirmed]));
  for (const l of counts.byLanguage)
    lines.push(
      csvRow([
        'language',
        l.language,
        l.comments,
        l.machineFlagged,
        l.reviewed,
        l.confirmedHateful,
      ]),
    );
  for (const d of counts.byDay)
    lines.push(
      csvRow(['day', d.day, d.comments, d.machineFlagged, d.reviewed, d.confirmedHateful]),
    );
  for (const i of counts.byItem)
    lines.push(
      csvRow(['item', i.itemId, i.comments, i.machineFlagged, i.reviewed, i.confirmedHateful]),
    );
  return lines.join('');
}
