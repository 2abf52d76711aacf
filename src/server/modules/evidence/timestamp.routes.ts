import type { FastifyInstance } from 'fastify';
import type { EvidenceDeps } from './evidence.deps.ts';

export async function registerTimestampRoutes(
  _app: FastifyInstance,
  _deps: EvidenceDeps,
): Promise<void> {}
