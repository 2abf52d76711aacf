// JSON bodies are decoded strictly: invalid UTF-8 is rejected rather than silently turned
// into U+FFFD, so no mangled text is ever stored.
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    let text: string;
    try {
      text = decoder.decode(body as Buffer);
    } catch {
      done(new HttpError(400, 'invalid_utf8', 'The request body is not valid UTF-8.'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(
        new HttpError(400, 'invalid_json', 'The request body is empty; send a JSON object.'),
        undefined,
      );
      return;
    }
    try {
      // Reject __proto__ keys outright: a body is data, never a prototype.
      done(
        null,
        JSON.parse(text, (key, value: unknown) => {
          if (key === '__proto__' || key === 'constructor') throw new SyntaxError('forbidden key');
          return value;
        }),
      );
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : 'unparseable';
      done(
        new HttpError(400, 'invalid_json', `The request body is not valid JSON (${detail}).`),
        undefined,
      );
    }
  });
}
