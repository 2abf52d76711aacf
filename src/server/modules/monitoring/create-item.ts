import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { createItem as createItemSchema } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findCampaign } from './campaigns.repository.ts';
import { insertItem } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseMonitoring, requireOwnCampaign } from './monitoring.policy.ts';

/** Creates a monitored item, in a campaign of the organisation or none (monitoring.write). */
export async function createItem(options: {
  deps: MonitoringDeps;
  actor: Actor;
  /** Platform, URL, author, publication date, title, notes, campaign. */
  input: z.output<typeof createItemSchema>;
}): Promise<string> {
  const { deps, actor, input } = options;
  authoriseMonitoring(actor, 'monitoring.write');
  const id = randomUUID();
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    if (input.campaignId) requireOwnCampaign(actor, await findCampaign(trx, input.campaignId));
    await insertItem(trx, {
      id,
      organisation_id: actor.organisationId,
      campaign_id: input.campaignId,
      platform: input.platform,
      url: input.url,
      author: input.author,
      published_at: input.publishedAt ? new Date(input.publishedAt) : null,
      title: input.title,
      notes: input.notes,
      created_by: actor.memberId,
      created_at: now,
      updated_at: now,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.item_created',
      objectType: 'monitored_item',
      objectId: id,
      fields: { campaignId: input.campaignId, platform: input.platform },
    });
  });
  return id;
}
