// The one place the web app talks to the server: same origin, JSON in and out, the
// session cookie sent automatically (HttpOnly, never readable here). Responses are
// checked against the same zod schemas the server uses, so a changed contract fails
// loudly instead of rendering undefined.
import type { z } from 'zod';

export interface ApiIssue {
  /** Dotted path the server reports, e.g. "body.credentials.email". */
  path: string;
  message: string;
}

/** An error response from the server ({ error: { code, message, issues? } }), or no response. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  constructor(status: number, code: string, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

let onSessionEnded: (() => void) | undefined;

/** Called when a signed-in request answers 401: the session expired or was ended elsewhere. */
export function setSessionEndedHandler(handler: () => void): void {
  onSessionEnded = handler;
}

interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  schema?: S;
  /** Requests made before signing in: a 401 is an answer (wrong password), not an expiry. */
  anonymous?: boolean;
}

type Result<S> = S extends z.ZodType ? z.infer<S> : undefined;

async function request<S extends z.ZodType | undefined>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions<S> = {},
): Promise<Result<S>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && !options.anonymous) onSessionEnded?.();
    throw error;
  }
  if (response.status === 204 || !options.schema) return undefined as Result<S>;
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'bad_response',
      'The server sent an answer this page does not understand.',
    );
  }
  return parsed.data as Result<S>;
}

async function readError(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  if (json && typeof json === 'object' && 'error' in json) {
    const error = (json as { error: unknown }).error;
    if (error && typeof error === 'object') {
      const e = error as { code?: unknown; message?: unknown; issues?: unknown };
      const issues = Array.isArray(e.issues)
        ? e.issues.flatMap((i: unknown) => {
            if (!i || typeof i !== 'object') return [];
            const { path, message } = i as { path?: unknown; message?: unknown };
            return typeof path === 'string' && typeof message === 'string'
              ? [{ path, message }]
              : [];
          })
        : [];
      return new ApiError(
        response.status,
        typeof e.code === 'string' ? e.code : 'error',
        typeof e.message === 'string' ? e.message : response.statusText,
        issues,
      );
    }
  }
  return new ApiError(response.status, 'http_' + String(response.status), response.statusText);
}

export const http = {
  get: <S extends z.ZodType>(path: string, schema: S) => request('GET', path, { schema }),
  post: <S extends z.ZodType | undefined = undefined>(
    path: string,
    body: unknown,
    schema?: S,
    options: { anonymous?: boolean } = {},
  ) => request<S>('POST', path, { body, schema, ...options }),
  patch: <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
    request('PATCH', path, { body, schema }),
  put: <S extends z.ZodType>(path: string, body: unknown, schema: S) =>
    request('PUT', path, { body, schema }),
  delete: (path: string) => request('DELETE', path, {}),
  /** A binary answer (ciphertext), as the raw response, so the caller can stream its body. */
  bytes: (path: string) => fetchBytes(path),
};

async function fetchBytes(path: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/octet-stream' },
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401) onSessionEnded?.();
    throw error;
  }
  return response;
}
