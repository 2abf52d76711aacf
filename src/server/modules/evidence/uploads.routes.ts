// Resumable encrypted uploads (tus 1.0 core semantics, JSON where tus has headers):
// begin, ask how much arrived (GET, or HEAD for the headers alone), append a segment,
// abandon. The route list is in src/common/api/evidence.ts.
//
// A segment's body is ciphertext, `application/offset+octet-stream`. Its parser hands the
// raw request stream to the handler untouched, so nothing is read, buffered or written
// before the member is authenticated and authorised, the JSON body limit does not apply,
// and the bytes go to disk as they arrive (append-upload.ts bounds them).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as api from '../../../common/api/evidence.ts';
import { requireActiveActor } from '../../http/authenticate.ts';
import { HttpError } from '../../http/errors.ts';
import { errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { abandonUpload } from './abandon-upload.ts';
import { appendUpload, UploadOffsetMismatch } from './append-upload.ts';
import { beginUpload } from './begin-upload.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { presentUpload } from './evidence.presenter.ts';
import { getUpload } from './get-upload.ts';
import type { UploadTracker } from './upload-tracker.ts';

export const SEGMENT_CONTENT_TYPE = 'application/offset+octet-stream';

/** The declared body of a segment: bytes, not JSON (test/http/schemas.test.ts knows this type). */
const segmentBody = z.any().meta({ type: 'string', format: 'binary' });

const segmentHeaders = z.object({
  /** Where this segment starts: the upload's current offset. */
  'upload-offset': z
    .string()
    .regex(/^\d{1,15}$/, 'the Upload-Offset header is a byte count')
    .transform(Number),
});

export function registerUploadRoutes(
  instance: FastifyInstance,
  deps: EvidenceDeps,
  tracker: UploadTracker,
): void {
  const app = typed(instance);
  const tags = ['evidence'];

  // In this scope only: the request stream is the body.
  instance.addContentTypeParser(SEGMENT_CONTENT_TYPE, (_request, payload, done) => {
    done(null, payload);
  });

  app.post(
    '/api/evidence/uploads',
    {
      schema: {
        tags,
        body: api.beginUpload,
        response: { 201: api.upload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const upload = await beginUpload({
        deps,
        actor: requireActiveActor(request),
        request: request.body,
      });
      void reply
        .code(201)
        .header('location', `/api/evidence/uploads/${upload.id}`)
        .header('cache-control', 'no-store');
      return presentUpload(upload, 0, deps.config.evidence.maxSegmentBytes);
    },
  );

  // HEAD is answered by this handler too (Fastify's HEAD route for a GET): the same
  // Upload-Offset and Upload-Length headers without a body.
  app.get(
    '/api/evidence/uploads/:id',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        response: { 200: api.upload, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { upload, offset } = await getUpload({
        deps,
        tracker,
        actor: requireActiveActor(request),
        uploadId: request.params.id,
      });
      void reply
        .header('upload-offset', String(offset))
        .header('upload-length', String(upload.length))
        .header('cache-control', 'no-store');
      return presentUpload(upload, offset, deps.config.evidence.maxSegmentBytes);
    },
  );

  app.patch(
    '/api/evidence/uploads/:id',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        headers: segmentHeaders,
        consumes: [SEGMENT_CONTENT_TYPE],
        body: segmentBody,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActiveActor(request);
      const body: unknown = request.body;
      if (!isByteStream(body)) {
        throw new HttpError(
          415,
          'unsupported_media_type',
          `Send the segment as ${SEGMENT_CONTENT_TYPE}.`,
        );
      }
      const declared = request.headers['content-length'];
      try {
        const result = await appendUpload({
          deps,
          tracker,
          actor,
          uploadId: request.params.id,
          offset: request.headers['upload-offset'],
          declaredBytes: declared === undefined ? null : Number(declared),
          body,
        });
        void reply
          .code(204)
          .header('upload-offset', String(result.offset))
          .header('upload-length', String(result.length))
          .header('cache-control', 'no-store');
        return null;
      } catch (error) {
        if (error instanceof UploadOffsetMismatch) {
          void reply.header('upload-offset', String(error.actual));
        }
        throw error;
      }
    },
  );

  app.delete(
    '/api/evidence/uploads/:id',
    {
      schema: {
        tags,
        params: api.evidenceIdParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await abandonUpload({
        deps,
        tracker,
        actor: requireActiveActor(request),
        uploadId: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );
}

function isByteStream(value: unknown): value is AsyncIterable<Uint8Array> {
  return (
    value !== null &&
    typeof value === 'object' &&
    Symbol.asyncIterator in value &&
    typeof (value as { pipe?: unknown }).pipe === 'function'
  );
}
