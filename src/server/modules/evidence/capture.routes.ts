// Web capture: POST /api/evidence/captures captures a public page into an item of an
// incident or a case (route list: src/common/api/evidence.ts). One headless Chromium serves
// the whole app, launched on the first capture and closed with the app.
import type { FastifyInstance } from 'fastify';
import * as api from '../../../common/api/evidence.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, typed } from '../../http/route-helpers.ts';
import { createCaptureBrowser } from './capture-browser.ts';
import { capturePage } from './capture-page.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { getItem } from './get-item.ts';

export async function registerCaptureRoutes(
  instance: FastifyInstance,
  deps: EvidenceDeps,
): Promise<void> {
  const app = typed(instance);
  const browser = createCaptureBrowser(deps.config.evidence.capture, instance.log);
  instance.addHook('onClose', () => browser.close());

  app.post(
    '/api/evidence/captures',
    {
      schema: {
        tags: ['evidence'],
        body: api.createCapture,
        response: { 201: api.evidenceItem, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const item = await capturePage({ deps, browser, actor, request: request.body });
      void reply.code(201);
      return getItem({ deps, actor, itemId: item.id });
    },
  );
}
