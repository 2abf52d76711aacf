// Every API route declares its request and response schemas (STYLE.md: nothing undeclared
// goes in or out), request bodies reject unknown fields, and the OpenAPI document lists
// every route the server has.
import { tempBlobStore } from '../helpers/blobs.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { instanceSecretsFrom } from '../../src/server/secrets.ts';
import { listRoutes } from '../helpers/http.ts';

/**
 * Routes that serve the web app, the document itself, or the server-rendered public
 * report pages (HTML forms, test/intake/public-*.test.ts), not the JSON API.
 */
const NOT_API = new Set([
  '/',
  '/app',
  '/app/*',
  '/app/assets/*',
  '/api/openapi.json',
  '/report',
  '/report/:slug',
  '/return',
  '/return/report',
  '/return/messages',
  '/return/sign-out',
  '/public/:file',
  '/public/report-form.js',
  '/public/report-form/:file',
]);

interface Operation {
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  parameters?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> } | undefined>;
}
interface JsonSchema {
  type?: string;
  format?: string;
  additionalProperties?: boolean | object;
  properties?: Record<string, JsonSchema>;
}

let app: FastifyInstance;
let database: Database;
let paths: Record<string, Record<string, Operation>>;

before(async () => {
  database = await openDatabase({});
  app = await buildApp({
    config: defaultConfig(),
    database,
    secrets: instanceSecretsFrom(new Uint8Array(randomBytes(32))),
    blobs: await tempBlobStore(),
    logger: false,
  });
  await app.ready();
  const served = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(served.statusCode, 200);
  paths = served.json<{ paths: Record<string, Record<string, Operation>> }>().paths;
});
after(async () => {
  await app.close();
  await database.close();
});

const openApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

test('every API route is in the OpenAPI document with a success response schema', () => {
  const api = listRoutes(app).filter((r) => !NOT_API.has(r.url) && r.method !== 'HEAD');
  assert.ok(api.length >= 25, `found ${api.length} API routes`);
  for (const route of api) {
    const operation = paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
    assert.ok(operation, `${route.method} ${route.url} is missing from the OpenAPI document`);
    const success = Object.entries(operation.responses).filter(([code]) => /^2/.test(code));
    assert.ok(success.length > 0, `${route.method} ${route.url} declares no success response`);
    for (const [code, response] of success) {
      if (code === '204') continue;
      // Encrypted file bodies are streamed as bytes and CSV exports as text, not JSON; they
      // must say they are binary.
      const binary =
        response?.content?.['application/octet-stream']?.schema ??
        response?.content?.['text/csv']?.schema;
      assert.ok(
        response?.content?.['application/json']?.schema ?? binary?.format === 'binary',
        `${route.method} ${route.url} ${code} has no schema`,
      );
    }
    assert.ok(
      operation.responses['4XX'] ?? operation.responses['4xx'],
      `${route.method} ${route.url} declares no error response`,
    );
  }
});

test('every request body is declared and refuses unknown fields', () => {
  const bodies = listRoutes(app).filter(
    (r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && !NOT_API.has(r.url),
  );
  for (const route of bodies) {
    const operation = paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
    // An upload segment (ciphertext) or an imported file is bytes, declared as binary:
    // there are no fields.
    const segment =
      operation?.requestBody?.content['application/offset+octet-stream']?.schema ??
      operation?.requestBody?.content['application/octet-stream']?.schema;
    if (segment?.format === 'binary') continue;
    const schema = operation?.requestBody?.content['application/json']?.schema;
    assert.ok(schema, `${route.method} ${route.url} declares no body schema`);
    assert.equal(
      schema.additionalProperties,
      false,
      `${route.method} ${route.url} accepts unknown fields`,
    );
  }
});
