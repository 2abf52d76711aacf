// The cases API.
import type { FastifyInstance } from 'fastify';
import type { CasesDeps } from './cases.deps.ts';

export function registerCasesRoutes(instance: FastifyInstance, deps: CasesDeps): void {
  void instance;
  void deps;
}
