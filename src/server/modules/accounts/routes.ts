// Accounts HTTP routes, in three groups: public sign-in, the member's own account, and
// the organisation. No SQL and no business rule in any of them.
import type { FastifyInstance } from 'fastify';
import type { AccountsDeps } from './accounts.deps.ts';
import { registerMeRoutes } from './me.routes.ts';
import { registerOrganisationRoutes } from './organisation.routes.ts';
import { registerSignInRoutes } from './sign-in.routes.ts';

export function registerAccountsRoutes(app: FastifyInstance, deps: AccountsDeps): void {
  registerSignInRoutes(app, deps);
  registerMeRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
}
