import type { FastifyInstance } from 'fastify';
import type { IntakeDeps } from '../intake.deps.ts';

/** Public, server-rendered pages: /report, /report/:slug, the receipt, /return. */
export async function registerPublicIntakeRoutes(
  _app: FastifyInstance,
  _deps: IntakeDeps,
): Promise<void> {}
