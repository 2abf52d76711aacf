import type { FastifyInstance } from 'fastify';
import type { EvidenceDeps } from './evidence.deps.ts';

export async function registerCaptureRoutes(
  _app: FastifyInstance,
  _deps: EvidenceDeps,
): Promise<void> {}
