// Serves the built script of the public report pages (vite.public.config.ts → dist/public):
// /public/report-form.js, the entry the server-rendered pages name, and the content-hashed
// chunks it imports from /public/report-form/. The files are read from the build on each
// request, so a rebuild needs no restart; a name that is not a built file is a 404. Without
// a build the pages still work: the forms are sent as they are and the server encrypts.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { typed } from '../../http/route-helpers.ts';
import type { IntakeDeps } from './intake.deps.ts';

/** Chunk names as Vite writes them: [name]-[hash].js (and .wasm, should one appear). */
const CHUNK_NAME = /^[A-Za-z0-9_-]{1,100}\.(js|wasm)$/;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** dist/public, beside the web app's dist/web. */
export function publicScriptDir(webDistDir: string): string {
  return path.resolve(webDistDir, '..', 'public');
}

export function registerPublicScriptRoutes(
  app: FastifyInstance,
  deps: Pick<IntakeDeps, 'config'>,
): void {
  const root = publicScriptDir(deps.config.webDistDir);

  const sendBuilt = async (reply: FastifyReply, relative: string) => {
    const file = path.join(root, relative);
    const body = await readFile(file).catch(() => null);
    if (body === null) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    }
    return reply.type(CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream').send(body);
  };

  app.get('/public/report-form.js', { schema: { hide: true } }, async (_request, reply) =>
    sendBuilt(reply, 'report-form.js'),
  );
  typed(app).get(
    '/public/report-form/:file',
    { schema: { hide: true, params: z.object({ file: z.string() }) } },
    async (request, reply) => {
      const { file } = request.params;
      if (!CHUNK_NAME.test(file)) {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      }
      return sendBuilt(reply, path.join('report-form', file));
    },
  );
}
