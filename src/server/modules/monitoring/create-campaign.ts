import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { createCampaign as createCampaignSchema } from '../../../common/api/monitoring.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { insertCampaign } from './campaigns.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { authoriseMonitoring } from './monitoring.policy.ts';

/** Creates a campaign of the actor's organisation (monitoring.write); returns its id. */
export async function createCampaign(options: {
  deps: MonitoringDeps;
  actor: Actor;
  /** Name and description. */
  input: z.output<typeof createCampaignSchema>;
}): Promise<string> {
  const { deps, actor, input } = options;
  authoriseMonitoring(actor, 'monitoring.write');
  const id = randomUUID();
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await insertCampaign(trx, {
      id,
      organisation_id: actor.organisationId,
      name: input.name,
      description: input.description,
      created_by: actor.memberId,
      created_at: now,
      updated_at: now,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'monitoring.campaign_created',
      objectType: 'monitoring_campaign',
      objectId: id,
    });
  });
  return id;
}
