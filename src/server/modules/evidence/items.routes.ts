// The evidence API of uploads and items: resumable uploads (uploads.routes.ts), commit,
// list, get and delete items, file ciphertext, verifications, exports and the custody
// report. The route list is in src/common/api/evidence.ts. Each route reads as: schema →
// authenticate → use case (which loads and authorises) → present.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import * as api from '../../../common/api/evidence.ts';
import { z as zod } from 'zod';
import { toB64 } from '../../../common/crypto/encoding.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { commitItem } from './commit-item.ts';
import { deleteItem } from './delete-item.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { parentOf } from './evidence.policy.ts';
import { getCustodyReport } from './get-custody-report.ts';
import { getItem } from './get-item.ts';
import { listItems } from './list-items.ts';
import { openFileContent } from './open-file-content.ts';
import { recordItemsExport } from './record-export.ts';
import { recordItemVerification } from './record-verification.ts';
import { UploadTracker } from './upload-tracker.ts';
import { registerUploadRoutes } from './uploads.routes.ts';

/**
 * File bodies are ciphertext bytes, not JSON: declared as binary so the OpenAPI document
 * says so (test/http/schemas.test.ts accepts this content type besides JSON).
 */
const ciphertextResponse = {
  description: 'The stored ciphertext of the file (a stream envelope), opened in the browser.',
  content: {
    'application/octet-stream': { schema: zod.string().meta({ format: 'binary' }) },
  },
};

export async function registerItemRoutes(
  instance: FastifyInstance,
  deps: EvidenceDeps,
): Promise<void> {
  const tracker = new UploadTracker();
  // A scope of its own: the segment body parser applies to these routes only.
  await instance.register(async (scope) => {
    registerUploadRoutes(scope, deps, tracker);
    registerItemsApi(scope, deps, tracker);
  });
}

function registerItemsApi(instance: FastifyInstance, deps: EvidenceDeps, tracker: UploadTracker) {
  const app = typed(instance);
  const tags = ['evidence'];

  app.post(
    '/api/evidence/items',
    {
      schema: {
        tags,
        body: api.commitItem,
        response: { 201: api.evidenceItem, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const itemId = await commitItem({ deps, tracker, actor, request: request.body });
      void reply.code(201);
      return getItem({ deps, actor, itemId });
    },
  );

  app.get(
    '/api/evidence/items',
    {
      schema: {
        tags,
        querystring: api.evidenceListQuery,
        response: { 200: api.evidenceList, ...errorResponses },
      },
    },
    async (request) => {
      const list = await listItems({
        deps,
        actor: requireActiveActor(request),
        parent: parentOf(request.query),
      });
      return { sealedRecordKey: toB64(list.sealedRecordKey), items: list.items };
    },
  );

  app.get(
    '/api/evidence/items/:id',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        response: { 200: api.evidenceItem, ...errorResponses },
      },
    },
    async (request) =>
      getItem({ deps, actor: requireActiveActor(request), itemId: request.params.id }),
  );

  app.delete(
    '/api/evidence/items/:id',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteItem({ deps, actor: requireActiveActor(request), itemId: request.params.id });
      return reply.code(204).send(null);
    },
  );

  // Registered without the zod type provider, whose reply type is the response schema's
  // (a string here), while this route sends a stream; params and query are still
  // validated by zod.
  instance.get<{
    Params: z.output<typeof api.evidenceFileParams>;
    Querystring: z.output<typeof api.fileContentQuery>;
  }>(
    '/api/evidence/files/:fileId/content',
    {
      schema: {
        tags,
        params: api.evidenceFileParams,
        querystring: api.fileContentQuery,
        response: { 200: ciphertextResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await openFileContent({
        deps,
        actor: requireActiveActor(request),
        fileId: request.params.fileId,
        purpose: request.query.purpose,
        withBody: request.method !== 'HEAD',
      });
      void reply
        .type('application/octet-stream')
        .header('content-length', String(file.bytes))
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${request.params.fileId}.bin"`);
      return reply.send(file.body);
    },
  );

  app.post(
    '/api/evidence/items/:id/verifications',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        body: api.recordVerification,
        response: { 201: api.custodyEntry, ...errorResponses },
      },
    },
    async (request, reply) => {
      const entry = await recordItemVerification({
        deps,
        actor: requireActiveActor(request),
        itemId: request.params.id,
        verification: request.body,
      });
      void reply.code(201);
      return entry;
    },
  );

  app.post(
    '/api/evidence/exports',
    {
      schema: {
        tags,
        body: api.recordExport,
        response: { 201: api.recordExportResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const entries = await recordItemsExport({
        deps,
        actor: requireActiveActor(request),
        request: request.body,
      });
      void reply.code(201);
      return { entries };
    },
  );

  app.get(
    '/api/evidence/items/:id/custody',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        response: { 200: api.custodyReport, ...errorResponses },
      },
    },
    async (request) =>
      getCustodyReport({ deps, actor: requireActiveActor(request), itemId: request.params.id }),
  );
}
