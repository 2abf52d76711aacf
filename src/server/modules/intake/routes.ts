import type { FastifyInstance } from 'fastify';
import type { IntakeDeps } from './intake.deps.ts';
import { registerPublicScriptRoutes } from './public-script.routes.ts';
import { registerPublicIntakeRoutes } from './public/public.routes.ts';
import { registerStaffIntakeRoutes } from './staff/staff.routes.ts';

/** The public report pages (server-rendered) and the staff triage API. */
export async function registerIntakeRoutes(app: FastifyInstance, deps: IntakeDeps): Promise<void> {
  await registerPublicIntakeRoutes(app, deps);
  registerPublicScriptRoutes(app, deps);
  registerStaffIntakeRoutes(app, deps);
}
