// The records API.
import type { FastifyInstance } from 'fastify';
import type { RecordsDeps } from './records.deps.ts';

export function registerRecordsRoutes(instance: FastifyInstance, deps: RecordsDeps): void {
  void instance;
  void deps;
}
