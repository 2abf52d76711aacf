// /public/style.css and /public/quick-exit.js, the static files of the public pages. An
// allow-list, not a folder: nothing else here is ever served. (The built browser-encryption
// script, /public/report-form.js, has its own route: ../public-script.routes.ts.)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

interface StaticFile {
  path: string;
  type: string;
  /** Read on first request, then kept. */
  body?: Buffer;
}

export function registerStaticRoutes(app: FastifyInstance): void {
  const here = new URL('./static/', import.meta.url).pathname;
  const files = new Map<string, StaticFile>([
    ['style.css', { path: path.join(here, 'style.css'), type: 'text/css; charset=utf-8' }],
    [
      'quick-exit.js',
      { path: path.join(here, 'quick-exit.js'), type: 'text/javascript; charset=utf-8' },
    ],
  ]);

  app.get('/public/:file', { schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    const entry = files.get(file);
    if (!entry) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    if (!entry.body) {
      try {
        entry.body = await readFile(entry.path);
      } catch {
        return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      }
    }
    return reply.type(entry.type).send(entry.body);
  });
}
