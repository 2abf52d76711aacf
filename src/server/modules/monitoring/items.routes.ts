// Monitored items (create, list, get, update, delete), their imports and the CSV preview.
// The route list is in src/common/api/monitoring.ts.
//
// An import's body is the file's bytes, `application/octet-stream`. Its parser hands the
// request stream to the handler untouched: nothing is read before the member is
// authenticated and authorised, the JSON body limit does not apply, and the file streams
// through the importer into the database in batches. A browser cannot send this content
// type cross-site without a CORS preflight this server never approves (http/csrf.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as api from '../../../common/api/monitoring.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { HttpError } from '../../http/errors.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { createItem } from './create-item.ts';
import { deleteItem } from './delete-item.ts';
import { getItem } from './get-item.ts';
import { importComments } from './import-comments.ts';
import { listImports } from './list-imports.ts';
import { listItems } from './list-items.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { presentImport } from './monitoring.presenter.ts';
import { previewCsvFile } from './preview-csv.ts';
import { updateItem } from './update-item.ts';

export const FILE_CONTENT_TYPE = 'application/octet-stream';

/** The declared body of an upload: bytes, not JSON (test/http/schemas.test.ts knows this type). */
const fileBody = z.any().meta({ type: 'string', format: 'binary' });

export async function registerItemRoutes(
  instance: FastifyInstance,
  deps: MonitoringDeps,
): Promise<void> {
  // A scope of its own: the file body parser applies to these routes only.
  await instance.register(async (scope) => {
    scope.addContentTypeParser(FILE_CONTENT_TYPE, (_request, payload, done) => {
      done(null, payload);
    });
    registerItemsApi(scope, deps);
  });
}

function registerItemsApi(instance: FastifyInstance, deps: MonitoringDeps): void {
  const app = typed(instance);
  const tags = ['monitoring'];

  app.post(
    '/api/monitoring/items',
    {
      schema: {
        tags,
        body: api.createItem,
        response: { 201: api.monitoredItem, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const itemId = await createItem({ deps, actor, input: request.body });
      return reply.code(201).send(await getItem({ deps, actor, itemId }));
    },
  );

  app.get(
    '/api/monitoring/items',
    {
      schema: {
        tags,
        querystring: api.itemListQuery,
        response: { 200: api.monitoredItemList, ...errorResponses },
      },
    },
    async (request) => ({
      items: await listItems({
        deps,
        actor: requireActiveActor(request),
        campaignId: request.query.campaignId,
      }),
    }),
  );

  app.get(
    '/api/monitoring/items/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.monitoredItem, ...errorResponses },
      },
    },
    async (request) =>
      getItem({ deps, actor: requireActiveActor(request), itemId: request.params.id }),
  );

  app.patch(
    '/api/monitoring/items/:id',
    {
      schema: {
        tags,
        params: api.idParams,
        body: api.updateItem,
        response: { 200: api.monitoredItem, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const itemId = request.params.id;
      await updateItem({ deps, actor, itemId, input: request.body });
      return getItem({ deps, actor, itemId });
    },
  );

  app.delete(
    '/api/monitoring/items/:id',
    {
      schema: { tags, params: api.idParams, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await deleteItem({ deps, actor: requireActiveActor(request), itemId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/monitoring/items/:id/imports',
    {
      schema: {
        tags,
        params: api.idParams,
        querystring: api.importQuery,
        consumes: [FILE_CONTENT_TYPE],
        body: fileBody,
        response: { 201: api.importResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const body = byteStream(request.body);
      declaredSizeAtMost(request.headers['content-length'], api.IMPORT_MAX_BYTES);
      const q = request.query;
      const row = await importComments({
        deps,
        actor,
        itemId: request.params.id,
        format: q.format,
        csv:
          q.format === 'csv' && q.textColumn
            ? {
                text: q.textColumn,
                ...(q.authorColumn && { author: q.authorColumn }),
                ...(q.postedAtColumn && { postedAt: q.postedAtColumn }),
                ...(q.urlColumn && { url: q.urlColumn }),
                ...(q.sourceIdColumn && { sourceId: q.sourceIdColumn }),
                ...(q.delimiter && { delimiter: q.delimiter }),
                hasHeader: q.header === 'true',
              }
            : undefined,
        via: 'web',
        source: limited(body, api.IMPORT_MAX_BYTES),
      });
      return reply.code(201).send(presentImport(row));
    },
  );

  app.get(
    '/api/monitoring/items/:id/imports',
    {
      schema: {
        tags,
        params: api.idParams,
        response: { 200: api.importList, ...errorResponses },
      },
    },
    async (request) => ({
      imports: await listImports({
        deps,
        actor: requireActiveActor(request),
        itemId: request.params.id,
      }),
    }),
  );

  app.post(
    '/api/monitoring/csv-preview',
    {
      schema: {
        tags,
        querystring: api.previewQuery,
        consumes: [FILE_CONTENT_TYPE],
        body: fileBody,
        response: { 200: api.csvPreview, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActiveActor(request);
      const body = byteStream(request.body);
      declaredSizeAtMost(request.headers['content-length'], api.PREVIEW_MAX_BYTES);
      const chunks: Uint8Array[] = [];
      for await (const chunk of limited(body, api.PREVIEW_MAX_BYTES)) chunks.push(chunk);
      return previewCsvFile({
        actor,
        bytes: Buffer.concat(chunks),
        wholeFile: request.query.wholeFile === 'true',
      });
    },
  );
}

function byteStream(body: unknown): AsyncIterable<Uint8Array> {
  if (
    body !== null &&
    typeof body === 'object' &&
    Symbol.asyncIterator in body &&
    typeof body[Symbol.asyncIterator] === 'function'
  ) {
    return body as AsyncIterable<Uint8Array>;
  }
  throw new HttpError(415, 'unsupported_media_type', `Send the file as ${FILE_CONTENT_TYPE}.`);
}

const tooLarge = (max: number) =>
  new HttpError(
    413,
    'body_too_large',
    `The file is larger than ${Math.round(max / 1024)} KiB. Import large files with \`qorgan monitor import\` on the server.`,
  );

function declaredSizeAtMost(header: string | undefined, max: number): void {
  if (header !== undefined && Number(header) > max) throw tooLarge(max);
}

/** The bytes, refused with 413 past `max` (a body sent without a declared length). */
async function* limited(source: AsyncIterable<Uint8Array>, max: number) {
  let seen = 0;
  for await (const chunk of source) {
    seen += chunk.byteLength;
    if (seen > max) throw tooLarge(max);
    yield chunk;
  }
}
