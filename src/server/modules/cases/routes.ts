// The cases API: cases and their work (cases.routes.ts), tasks, referrals, partners and
// the dashboard (work.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { CasesDeps } from './cases.deps.ts';
import { registerCaseRoutes } from './cases.routes.ts';
import { registerWorkRoutes } from './work.routes.ts';

export function registerCasesRoutes(instance: FastifyInstance, deps: CasesDeps): void {
  registerCaseRoutes(instance, deps);
  registerWorkRoutes(instance, deps);
}
