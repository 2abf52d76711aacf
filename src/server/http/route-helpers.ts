import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deviceLabel } from '../modules/accounts/credentials.ts';
import { errorBody } from './errors.ts';

/** The error responses every route may give, declared so OpenAPI documents them. */
export const errorResponses = { '4xx': errorBody, '5xx': errorBody } as const;

/** Declared body of a 204 response. */
export const noContent = z.null().describe('No content');

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

export function deviceOf(headers: Record<string, string | string[] | undefined>): string {
  const ua = headers['user-agent'];
  return deviceLabel(Array.isArray(ua) ? ua[0] : ua);
}
