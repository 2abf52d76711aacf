// The signed-in member's own account: profile, language, password, sessions, 2FA.
// Pending members may use these too.
// Each route reads as: schema → authenticate → use case (which authorises) → present.
import type { FastifyInstance } from 'fastify';
import type { AccountsDeps } from './accounts.deps.ts';
import * as api from '../../../common/api/accounts.ts';
import { requireActor, requireSessionId } from '../../http/authenticate.ts';
import { deviceOf, errorResponses, noContent, typed } from '../../http/route-helpers.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import { presentSession } from './accounts.presenter.ts';
import { changePassword } from './change-password.ts';
import { disableTotp } from './disable-totp.ts';
import { enableTotp } from './enable-totp.ts';
import { endSession } from './end-session.ts';
import { getMe } from './get-me.ts';
import { listOwnSessions } from './list-own-sessions.ts';
import { setupTotp } from './setup-totp.ts';
import { updateOwnLocale } from './update-own-locale.ts';

const idParams = api.memberIdParams;

export function registerMeRoutes(instance: FastifyInstance, deps: AccountsDeps): void {
  const app = typed(instance);
  const tags = ['accounts'];

  // ---- the signed-in member ----
  app.get(
    '/api/me',
    { schema: { tags, response: { 200: api.meResponse, ...errorResponses } } },
    async (request) => getMe({ deps, actor: requireActor(request) }),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags,
        body: api.updateMeRequest,
        response: { 200: api.meResponse, ...errorResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await updateOwnLocale({ deps, actor, locale: request.body.locale });
      return getMe({ deps, actor });
    },
  );

  app.post(
    '/api/me/password',
    {
      schema: {
        tags,
        body: api.changePasswordRequest,
        response: { 200: api.emptyRequest, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { sessionToken } = await changePassword({
        deps,
        actor: requireActor(request),
        request: request.body,
        device: deviceOf(request.headers),
      });
      setSessionCookie(reply, sessionToken);
      return {};
    },
  );

  app.get(
    '/api/me/sessions',
    { schema: { tags, response: { 200: api.listSessionsResponse, ...errorResponses } } },
    async (request) => {
      const actor = requireActor(request);
      const sessions = await listOwnSessions({ deps, actor });
      return { sessions: sessions.map((s) => presentSession(s, requireSessionId(request))) };
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    { schema: { tags, params: idParams, response: { 204: noContent, ...errorResponses } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await endSession({ deps, actor, sessionId: request.params.id });
      if (request.params.id === requireSessionId(request)) clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/totp/setup',
    {
      schema: {
        tags,
        body: api.emptyRequest,
        response: { 200: api.totpSetupResponse, ...errorResponses },
      },
    },
    async (request) => setupTotp({ deps, actor: requireActor(request) }),
  );

  app.post(
    '/api/me/totp/enable',
    {
      schema: {
        tags,
        body: api.totpCodeRequest,
        response: { 200: api.totpEnableResponse, ...errorResponses },
      },
    },
    async (request) => enableTotp({ deps, actor: requireActor(request), code: request.body.code }),
  );

  app.post(
    '/api/me/totp/disable',
    {
      schema: { tags, body: api.totpCodeRequest, response: { 204: noContent, ...errorResponses } },
    },
    async (request, reply) => {
      await disableTotp({ deps, actor: requireActor(request), code: request.body.code });
      return reply.code(204).send(null);
    },
  );
}
