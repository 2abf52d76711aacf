// Resolves the session cookie into an actor. Routes call requireActor() for "any signed-in
// member" and then a policy check; nothing here decides what a role may do.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../common/policy/permissions.ts';
import type { AccountsDeps } from '../modules/accounts/accounts.deps.ts';
import { resolveSession } from '../modules/accounts/resolve-session.ts';
import { forbidden, unauthorised } from './errors.ts';
import { readSessionToken } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: { sessionId: string; actor: Actor } | null;
  }
}

export function registerAuthentication(app: FastifyInstance, deps: AccountsDeps): void {
  app.decorateRequest('auth', null);
  app.addHook('preHandler', async (request) => {
    const token = readSessionToken(request);
    request.auth = token ? await resolveSession({ deps, token }) : null;
  });
}

/** The signed-in member (pending members included: they may manage their own account). */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.auth) throw unauthorised('Your session has ended. Sign in again.');
  return request.auth.actor;
}

/** The signed-in member's session id. */
export function requireSessionId(request: FastifyRequest): string {
  if (!request.auth) throw unauthorised('Your session has ended. Sign in again.');
  return request.auth.sessionId;
}

/** A signed-in member who has been approved. */
export function requireActiveActor(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (actor.status !== 'active') throw forbidden('An admin has not approved your account yet.');
  return actor;
}
