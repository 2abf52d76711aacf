// Public, server-rendered pages: /report, /report/:slug, the receipt, /return, and their
// static files. They live in their own encapsulated plugin, so the form parsers they need
// (multipart, urlencoded) and their HTML error pages exist only here: the JSON API keeps
// its strict JSON-only parser and JSON errors.
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError } from '../../../http/errors.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { chooseLocale, queryLocale } from './locale.ts';
import { problemPage } from './pages/simple-pages.ts';
import { createPublicState, pageContext, sendPage } from './public-context.ts';
import { registerReportRoutes } from './report.routes.ts';
import { registerReturnRoutes } from './return.routes.ts';
import { registerStaticRoutes } from './static.routes.ts';

export async function registerPublicIntakeRoutes(
  app: FastifyInstance,
  deps: IntakeDeps,
): Promise<void> {
  await app.register(async (scope) => {
    // Limits of each form are set where it is read (multipart-form.ts); these defaults
    // only matter to a request that reaches a public route some other way.
    await scope.register(fastifyMultipart, {
      limits: { fields: 0, files: 0, fileSize: 0, parts: 1 },
    });
    // The codename and sign-out forms: a few short fields.
    await scope.register(fastifyFormbody, { bodyLimit: 8 * 1024 });

    const state = createPublicState(deps);
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
      const locale = chooseLocale({ explicit: queryLocale(request), request });
      if (status >= 500) request.log.error({ err: error }, 'public page failed');
      return sendPage(
        reply,
        status >= 400 && status < 600 ? status : 500,
        problemPage(pageContext(state, locale, null), status >= 500),
      );
    });

    registerStaticRoutes(scope);
    registerReportRoutes(scope, state);
    registerReturnRoutes(scope, state);
  });
}
