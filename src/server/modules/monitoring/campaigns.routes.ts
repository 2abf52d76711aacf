// Campaigns: create, list, get, update, delete. The route list is in
// src/common/api/monitoring.ts. Each route reads as: schema → authenticate → use case
// (which loads and authorises) → present.
import type { FastifyInstance } from 'fastify';
import * as api from '../../../common/api/monitoring.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { createCampaign } from './create-campaign.ts';
import { deleteCampaign } from './delete-campaign.ts';
import { getCampaign } from './get-campaign.ts';
import { listCampaigns } from './list-campaigns.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { updateCampaign } from './update-campaign.ts';

export function registerCampaignRoutes(instance: FastifyInstance, deps: MonitoringDeps): void {
  const app = typed(instance);
  const tags = ['monitoring'];

  app.post(
    '/api/monitoring/campaigns',
    {
      schema: {
        tags,
        body: api.createCampaign,
        response: { 201: api.campaign, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const campaignId = await createCampaign({ deps, actor, input: request.body });
      return reply.code(201).send(await getCampaign({ deps, actor, campaignId }));
    },
  );

  app.get(
    '/api/monitoring/campaigns',
    { schema: { tags, response: { 200: api.campaignList, ...errorResponses } } },
    async (request) => ({
      campaigns: await listCampaigns({ deps, actor: requireActiveActor(request) }),
    }),
  );

  app.get(
    '/api/monitoring/campaigns/:id',
    {
      schema: { tags, params: api.idParams, response: { 200: api.campaign, ...errorResponses } },
    },
    async (request) =>
      getCampaign({ deps, actor: requireActiveActor(request), campaignId: request.params.id }),
  );

  app.patch(
    '/api/monitoring/campaigns/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.updateCampaign,
        response: { 200: api.campaign, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const campaignId = request.params.id;
      await updateCampaign({ deps, actor, campaignId, input: request.body });
      return getCampaign({ deps, actor, campaignId });
    },
  );

  app.delete(
    '/api/monitoring/campaigns/:id',
    {
      schema: { tags, params: api.idParams, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await deleteCampaign({
        deps,
        actor: requireActiveActor(request),
        campaignId: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );
}
