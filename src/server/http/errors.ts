// One error shape for every API response: { error: { code, message, issues? } }.
// A 4xx says what to fix; a 5xx says only that something failed, with an id to quote.
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { z } from 'zod';

export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  constructor(statusCode: number, code: string, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
  }
}

export const badRequest = (code: string, message: string) => new HttpError(400, code, message);
export const unauthorised = (message = 'Sign in first.') =>
  new HttpError(401, 'unauthorised', message);
export const forbidden = (message = 'Your role does not allow this.') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (what = 'The item') =>
  new HttpError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({
      error: {
        code: 'not_found',
        message: `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.`,
      },
    });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join(
          '.',
        ),
        message: v.message ?? 'invalid value',
      }));
      return reply.status(400).send({
        error: {
          code: 'invalid_request',
          message: `Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        },
      });
    }
    if (error instanceof HttpError) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: error.code, message: error.message } });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send(internalError(request.id));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply
        .status(status)
        .send({ error: { code: clientCode(error), message: clientMessage(error) } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(internalError(request.id));
  });
}

function internalError(requestId: string) {
  return {
    error: {
      code: 'internal_error',
      message: `Something went wrong on the server. Nothing was changed. Reference: ${requestId}.`,
    },
  };
}

function clientCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'invalid_json';
    default:
      return 'bad_request';
  }
}

function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than this server accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send the request body as application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The request body is empty; send a JSON object.';
    default:
      // Fastify's own 4xx messages are plain and reveal no internals.
      return error.message;
  }
}
