import type { z } from 'zod';
import type { updateItem as updateItemSchema } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findCampaign } from './campaigns.repository.ts';
import { findItem, updateItemRow } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseRow, requireOwnCampaign } from './monitoring.policy.ts';

const COLUMNS = {
  campaignId: 'campaign_id',
  platform: 'platform',
  url: 'url',
  author: 'author',
  publishedAt: 'published_at',
  title: 'title',
  notes: 'notes',
} as const;

/**
 * Changes a monitored item's fields, or moves it to another campaign (or none)
 * (monitoring.write); the audit names the changed fields.
 */
export async function updateItem(options: {
  deps: MonitoringDeps;
  actor: Actor;
  itemId: string;
  /** The fields that change. */
  input: z.output<typeof updateItemSchema>;
}): Promise<void> {
  const { deps, actor, itemId, input } = options;
  await deps.db.transaction().execute(async (trx) => {
    const row = await findItem(trx, itemId, true);
    authoriseRow(actor, 'monitoring.write', row, 'The monitored item');
    if (input.campaignId) requireOwnCampaign(actor, await findCampaign(trx, input.campaignId));
    const values: Record<string, unknown> = {};
    const changed: string[] = [];
    for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
      const value = input[field];
      if (value === undefined) continue;
      const next = field === 'publishedAt' && value !== null ? new Date(value) : value;
      const current: unknown = row[column as keyof typeof row];
      const same =
        next instanceof Date && current instanceof Date
          ? next.getTime() === current.getTime()
          : next === current;
      if (same) continue;
      values[column] = next;
      changed.push(field);
    }
    if (changed.length === 0) return;
    await updateItemRow(trx, itemId, { ...values, updated_at: deps.now() });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.item_updated',
      objectType: 'monitored_item',
      objectId: itemId,
      fields: { changed },
    });
  });
}
