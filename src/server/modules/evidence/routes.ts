// The evidence API (route list: src/common/api/evidence.ts): uploads and items, trusted
// timestamps, web captures. Each part registers its own routes.
import type { FastifyInstance } from 'fastify';
import { registerCaptureRoutes } from './capture.routes.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { registerItemRoutes } from './items.routes.ts';
import { registerTimestampRoutes } from './timestamp.routes.ts';

export async function registerEvidenceRoutes(
  app: FastifyInstance,
  deps: EvidenceDeps,
): Promise<void> {
  await registerItemRoutes(app, deps);
  await registerTimestampRoutes(app, deps);
  await registerCaptureRoutes(app, deps);
}
