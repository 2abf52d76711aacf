// The Fastify app as a plugin-free factory: everything it needs comes in through options,
// so tests build it in-process against a real database and call inject().
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { healthResponse } from '../common/api/accounts.ts';
import { loadSodium } from '../common/crypto/sodium.ts';
import type { AppConfig } from './config.ts';
import type { Database } from './db/client.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { registerCsrfProtection } from './http/csrf.ts';
import { registerErrorHandling } from './http/errors.ts';
import { registerJsonParser } from './http/json-parser.ts';
import { errorResponses, typed } from './http/route-helpers.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import type { AccountsDeps } from './modules/accounts/accounts.deps.ts';
import { registerAccountsRoutes } from './modules/accounts/routes.ts';
import { registerAuditRoutes } from './modules/audit/routes.ts';
import { registerCasesRoutes } from './modules/cases/routes.ts';
import { registerIntakeRoutes } from './modules/intake/routes.ts';
import { registerRecordsRoutes } from './modules/records/routes.ts';
import { registerEvidenceRoutes } from './modules/evidence/routes.ts';
import { registerMonitoringRoutes } from './modules/monitoring/routes.ts';
import type { BlobStore } from './blobs/blob-store.ts';
import type { InstanceSecrets } from './secrets.ts';
import { createLogger, type Logger } from './logger.ts';

export interface BuildAppOptions {
  config: AppConfig;
  database: Database;
  secrets: InstanceSecrets;
  /** Where encrypted files live (FsBlobStore under the data folder by default). */
  blobs: BlobStore;
  /** Defaults to a logger that never writes IP addresses; tests pass a silent one. */
  logger?: Logger | false;
  /** The clock; tests move it. */
  now?: () => Date;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  await loadSodium();
  const { config, database } = options;
  const logger: FastifyBaseLogger =
    options.logger === false
      ? createLogger({ level: 'silent' })
      : (options.logger ?? createLogger());
  const app = Fastify({
    loggerInstance: logger,
    // Request logs are written by our own hook below, which leaves out IPs and query strings.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: false,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerSecurityHeaders(app, { behindTls: config.behindTls });
  registerErrorHandling(app);
  registerJsonParser(app);
  registerCsrfProtection(app);
  await app.register(fastifyCookie);
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Qorgan API',
        version: config.version,
        description:
          'Staff API of a Qorgan server. Sealed values are ciphertext envelopes in base64url.',
      },
    },
    transform: jsonSchemaTransform,
  });

  const deps: AccountsDeps = {
    db: database.db,
    secrets: options.secrets,
    config,
    now: options.now ?? (() => new Date()),
  };
  registerAuthentication(app, deps);

  typed(app).get(
    '/healthz',
    { schema: { tags: ['meta'], response: { 200: healthResponse, ...errorResponses } } },
    async () => ({ status: 'ok' as const, version: config.version, engine: database.engine }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAccountsRoutes(app, deps);
  registerAuditRoutes(app, { db: database.db });
  await registerIntakeRoutes(app, { ...deps, blobs: options.blobs });
  registerRecordsRoutes(app, { ...deps, blobs: options.blobs });
  registerCasesRoutes(app, { ...deps, blobs: options.blobs });
  await registerEvidenceRoutes(app, { ...deps, blobs: options.blobs });
  await registerMonitoringRoutes(app, deps);
  await registerWebApp(app, config.webDistDir);
  return app;
}

/** Serves the built React app at /app/, with index.html for every client-side route. */
async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  const built = await stat(indexFile).then(
    () => true,
    () => false,
  );
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  if (!built) {
    const notBuilt = async (_request: unknown, reply: FastifyReply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built. Run: npm run build');
    // '/app' too: '/' redirects to '/app/', which ignoreTrailingSlash routes to '/app'.
    app.get('/app', { schema: { hide: true } }, notBuilt);
    app.get('/app/*', { schema: { hide: true } }, notBuilt);
    return;
  }
  const indexHtml = await readFile(indexFile, 'utf8');
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/app/assets/',
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
  });
  const sendIndex = async (_request: unknown, reply: FastifyReply) =>
    reply.type('text/html; charset=utf-8').send(indexHtml);
  app.get('/app', { schema: { hide: true } }, sendIndex);
  app.get('/app/*', { schema: { hide: true } }, sendIndex);
}
