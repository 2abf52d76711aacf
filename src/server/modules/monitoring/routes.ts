// The monitoring API (route list: src/common/api/monitoring.ts): campaigns, monitored
// items and imports, comments and reviews, counts, exports and the organisation's model.
// Each part registers its own routes. Nothing here loads the classifier or the importers:
// the use cases import them on first use.
import type { FastifyInstance } from 'fastify';
import { registerCampaignRoutes } from './campaigns.routes.ts';
import { registerCommentRoutes } from './comments.routes.ts';
import { registerCountsRoutes } from './counts.routes.ts';
import { registerItemRoutes } from './items.routes.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';

export async function registerMonitoringRoutes(
  app: FastifyInstance,
  deps: MonitoringDeps,
): Promise<void> {
  registerCampaignRoutes(app, deps);
  await registerItemRoutes(app, deps);
  registerCommentRoutes(app, deps);
  registerCountsRoutes(app, deps);
}
