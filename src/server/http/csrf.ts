// Cross-site request forgery: the session cookie is SameSite=Strict, and on top of that
// every state-changing request must come from our own origin and carry JSON (which a
// cross-site form cannot send without a CORS preflight this server never approves).
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerCsrfProtection(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    if (site && site !== 'same-origin' && site !== 'none') {
      throw new HttpError(403, 'cross_site', 'Cross-site requests are refused.');
    }
    if (origin && origin !== 'null') {
      const host = request.headers.host;
      let originHost: string;
      try {
        originHost = new URL(origin).host;
      } catch {
        throw new HttpError(403, 'cross_site', 'Cross-site requests are refused.');
      }
      if (originHost !== host)
        throw new HttpError(403, 'cross_site', 'Cross-site requests are refused.');
    }
  });
}
