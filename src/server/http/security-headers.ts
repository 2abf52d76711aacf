// Security headers on every response (DESIGN.md threat model): nothing is framed, nothing
// is fetched from another origin, nothing dynamic is cached on a shared phone.
import type { FastifyInstance } from 'fastify';

/**
 * 'wasm-unsafe-eval' lets libsodium compile its WebAssembly: without it libsodium.js does
 * not load at all (it ships no asm.js fallback; e2e/crypto-browser.test.ts checks this).
 * It does not allow eval() of JavaScript.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function registerSecurityHeaders(
  app: FastifyInstance,
  options: { behindTls: boolean },
): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('X-Frame-Options', 'DENY');
    reply.header(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    );
    if (options.behindTls) {
      reply.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    }
    // Only content-hashed static assets may be cached; everything else is dynamic.
    if (!reply.getHeader('Cache-Control') || !request.url.startsWith('/app/assets/')) {
      reply.header('Cache-Control', 'no-store');
    }
    return payload;
  });
}
