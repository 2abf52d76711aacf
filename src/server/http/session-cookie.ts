// The session cookie: an opaque random token, HttpOnly, SameSite=Strict, with the
// __Host- prefix (Secure, Path=/, no Domain). Browsers accept Secure cookies from
// http://localhost, so local use works; any other host must be served over TLS.
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = '__Host-qorgan_session';

export function readSessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  });
}
