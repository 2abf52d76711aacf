import type { FastifyInstance } from 'fastify';
import type { IntakeDeps } from '../intake.deps.ts';

/** The staff triage API under /api/reports and /api/notifications. */
export function registerStaffIntakeRoutes(_app: FastifyInstance, _deps: IntakeDeps): void {}
