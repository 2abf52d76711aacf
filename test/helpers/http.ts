// HTTP helpers for medium tests: one-line requests, the error body type, a test app that
// can take extra routes or a real logger, the list of every route the app registered,
// and audit-log counters for "nothing changed" checks.
import { tempBlobStore } from './blobs.ts';
import type { FastifyInstance, HTTPMethods, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { buildApp } from '../../src/server/app.ts';
import { defaultConfig, type AppConfig } from '../../src/server/config.ts';
import type { Logger } from '../../src/server/logger.ts';
import { instanceSecretsFrom } from '../../src/server/secrets.ts';
import type { TestDatabase } from './engines.ts';
import { testClock, type TestApp } from './test-app.ts';

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

export interface CallOptions {
  /** Cookie header of a session. */
  cookie?: string | undefined;
  /** A JSON body (objects are sent as application/json). */
  payload?: unknown;
  headers?: Record<string, string>;
}

/** One request through inject(). */
export function call(
  t: TestApp,
  method: HTTPMethods,
  url: string,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  return t.app.inject({
    method,
    url,
    headers,
    // inject() takes a string, Buffer or object; tests pass JSON values or raw bodies.
    ...(options.payload === undefined
      ? {}
      : { payload: options.payload as string | Buffer | object }),
  });
}

/** The error code of a JSON error response. */
export function errorOf(res: LightMyRequestResponse): ErrorBody['error'] {
  return res.json<ErrorBody>().error;
}

export interface BuildTestAppOptions {
  config?: Partial<AppConfig>;
  /** A real logger (e.g. to an in-memory stream); silent by default. */
  logger?: Logger;
  /** Registers extra routes (e.g. one that throws) before the app is ready. */
  extraRoutes?: (app: FastifyInstance) => void;
}

/** Like createTestApp, with room for extra routes and a logger. */
export async function buildTestApp(
  database: TestDatabase,
  options: BuildTestAppOptions = {},
): Promise<TestApp> {
  await loadSodium();
  const config = defaultConfig({ kdf: TEST_KDF, authHash: TEST_KDF, ...options.config });
  const secrets = instanceSecretsFrom(new Uint8Array(randomBytes(32)));
  const clock = testClock(new Date());
  const blobs = await tempBlobStore();
  const app = await buildApp({
    config,
    database,
    secrets,
    blobs,
    logger: options.logger ?? false,
    now: clock.now,
  });
  options.extraRoutes?.(app);
  await app.ready();
  return {
    app,
    database,
    secrets,
    config,
    clock,
    blobs,
    close: async () => {
      await app.close();
      await blobs.dispose();
    },
  };
}

export interface RegisteredRoute {
  method: HTTPMethods;
  url: string;
}

/**
 * Every route the app registered, read from Fastify's radix-tree print: each line's label
 * continues its parent's path, and the methods served at that node are in parentheses.
 */
export function listRoutes(app: FastifyInstance): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const match = /^([│ ├└─]*?)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const url = stack.join('');
    // The print lists only the HTTP methods a route was registered with.
    for (const method of (match[3] ?? '').split(', ').filter(Boolean))
      routes.push({ method: method as HTTPMethods, url });
  }
  for (const r of routes) {
    // Cross-check the parse against the router, so a change in the print format fails loudly.
    if (!app.hasRoute({ method: r.method, url: r.url }))
      throw new Error(`route parse error: ${r.method} ${r.url}`);
  }
  return routes;
}

/** How many audit events the whole database holds. */
export async function countAuditEvents(t: TestApp): Promise<number> {
  const row = await t.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The highest audit sequence number so far (0 for an empty log). */
export async function auditHead(t: TestApp): Promise<number> {
  const row = await t.database.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
  return Number(row.seq);
}

/** Actions recorded for an organisation after `afterSeq`, oldest first. */
export async function actionsSince(
  t: TestApp,
  organisationId: string,
  afterSeq: number,
): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_events')
    .select('action')
    .where('organisation_id', '=', organisationId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

/** A random v4 UUID that names nothing. */
export function unknownId(): string {
  return crypto.randomUUID();
}

/** The session token inside a Cookie header made by sessionCookieOf(). */
export function tokenOfCookie(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1);
}

export const randomHex = (bytes = 5) => randomBytes(bytes).toString('hex');
