// Security headers on every response of every route — successes, 3xx, 4xx, 5xx and the
// not-found handler — and the attributes of the session cookie.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { after, before, describe, test } from 'node:test';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { buildTestApp, call, listRoutes, unknownId } from '../helpers/http.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { passwordChangeFor } from '../helpers/accounts.ts';

/** A concrete URL for a route pattern: ids become random UUIDs, wildcards a path. */
const concrete = (route: string) => route.replace(/:id/g, unknownId()).replace(/\*$/, 'some/page');

/** Each CSP directive with its sources. */
function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name = '', ...sources] = part.split(/\s+/);
    directives.set(name, sources);
  }
  return directives;
}

function assertSecurityHeaders(
  res: LightMyRequestResponse,
  what: string,
  behindTls: boolean,
): void {
  const h = res.headers;
  const csp = parseCsp(String(h['content-security-policy'] ?? ''));
  assert.deepEqual(csp.get('default-src'), ["'none'"], `${what}: default-src 'none'`);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors 'none'`);
  for (const [name, sources] of csp) {
    for (const source of sources) {
      // Only keywords in quotes: no host, scheme (http:, https:, data:, blob:) or wildcard.
      assert.match(source, /^'[a-z-]+'$/, `${what}: ${name} allows ${source}`);
      assert.ok(
        !["'unsafe-inline'", "'unsafe-eval'"].includes(source),
        `${what}: ${name} allows ${source}`,
      );
    }
  }
  assert.equal(h['x-content-type-options'], 'nosniff', what);
  assert.equal(h['referrer-policy'], 'no-referrer', what);
  assert.equal(h['cross-origin-opener-policy'], 'same-origin', what);
  assert.equal(h['x-frame-options'], 'DENY', what);
  assert.equal(h['cache-control'], 'no-store', `${what}: dynamic responses are never cached`);
  if (behindTls)
    assert.match(
      String(h['strict-transport-security']),
      /^max-age=\d{8,}/,
      `${what}: HSTS behind TLS`,
    );
  else assert.equal(h['strict-transport-security'], undefined, `${what}: no HSTS without TLS`);
  assert.equal(h['access-control-allow-origin'], undefined, `${what}: no CORS`);
  assert.equal(h.server, undefined, `${what}: no server banner`);
  assert.equal(h['x-powered-by'], undefined, what);
}

for (const engine of engines()) {
  describe(`security headers (${engine.engine})`, { skip: engine.skip }, () => {
    let database: TestDatabase;
    let plain: TestApp;
    let tls: TestApp;
    let org: TestOrganisation;
    const throwing = (app: TestApp['app']) => {
      app.get('/test/explode', async () => {
        throw new Error('unexpected failure');
      });
    };
    before(async () => {
      database = await engine.open();
      plain = await buildTestApp(database, { extraRoutes: throwing });
      tls = await buildTestApp(database, { config: { behindTls: true }, extraRoutes: throwing });
      org = await createOrganisation(plain);
    });
    after(async () => {
      await plain.close();
      await tls.close();
      await database.close();
    });

    for (const behindTls of [false, true]) {
      test(`every registered route, signed in or not (behindTls=${behindTls})`, async () => {
        const t = behindTls ? tls : plain;
        const routes = listRoutes(t.app);
        assert.ok(routes.length > 30, 'the route list is not empty');
        const statuses = new Set<number>();
        for (const route of routes) {
          // Logout would end the admin session the other requests use.
          const cookies =
            route.url === '/api/auth/logout' ? [undefined] : [undefined, org.admin.cookie];
          for (const cookie of cookies) {
            const url = concrete(route.url);
            // An empty object is a valid body for some routes and a 400 for others: both must carry the headers.
            const payload = ['POST', 'PATCH'].includes(route.method) ? {} : undefined;
            const res = await call(t, route.method, url, { cookie, payload });
            statuses.add(res.statusCode);
            assertSecurityHeaders(res, `${route.method} ${url} → ${res.statusCode}`, behindTls);
          }
        }
        for (const expected of [200, 302, 400, 401, 404, 500])
          assert.ok(
            statuses.has(expected),
            `a ${expected} was checked (saw ${[...statuses].join(', ')})`,
          );
        assert.equal(
          (await call(t, 'GET', '/api/me', { cookie: org.admin.cookie })).statusCode,
          200,
          'the signed-in half of the walk stayed signed in',
        );
      });

      test(`error paths: not found, bad JSON, too large, wrong type, cross-site, server error (behindTls=${behindTls})`, async () => {
        const t = behindTls ? tls : plain;
        const cases: [string, Promise<LightMyRequestResponse>, number][] = [
          ['unknown route', call(t, 'GET', '/no/such/page?x=1'), 404],
          ['unknown method', call(t, 'PUT', '/api/me', { payload: {} }), 404],
          [
            'bad JSON',
            call(t, 'POST', '/api/auth/prelogin', {
              payload: '{',
              headers: { 'content-type': 'application/json' },
            }),
            400,
          ],
          [
            'too large',
            call(t, 'POST', '/api/auth/prelogin', {
              payload: `{"email":"${'a'.repeat(t.config.bodyLimit)}"}`,
              headers: { 'content-type': 'application/json' },
            }),
            413,
          ],
          ['no content type', call(t, 'POST', '/api/auth/prelogin', { payload: '{}' }), 415],
          [
            'cross-site',
            call(t, 'POST', '/api/auth/prelogin', {
              payload: { email: 'a@example.org' },
              headers: { 'sec-fetch-site': 'cross-site' },
            }),
            403,
          ],
          ['server error', call(t, 'GET', '/test/explode'), 500],
          ['redirect', call(t, 'GET', '/'), 302],
          ['web app', call(t, 'GET', '/app/'), 503],
          ['health', call(t, 'GET', '/healthz'), 200],
          ['openapi', call(t, 'GET', '/api/openapi.json'), 200],
        ];
        for (const [what, pending, status] of cases) {
          const res = await pending;
          if (what === 'web app' && res.statusCode === 200) {
            // dist/web is built in this checkout: the app shell must carry the same headers.
          } else {
            assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 200)}`);
          }
          assertSecurityHeaders(res, what, behindTls);
        }
      });
    }

    test('the session cookie is __Host-, HttpOnly, Secure, SameSite=Strict, Path=/ and has no Domain', async () => {
      const t = plain;
      const local = await createOrganisation(t);
      const change = await passwordChangeFor(t, local.admin);
      const issued = [
        [
          'login',
          await call(t, 'POST', '/api/auth/login', {
            payload: { email: local.admin.email, authKey: change.body.currentAuthKey },
          }),
        ],
        [
          'password change',
          await call(t, 'POST', '/api/me/password', {
            cookie: local.admin.cookie,
            payload: change.body,
          }),
        ],
        [
          'logout',
          await call(t, 'POST', '/api/auth/logout', { cookie: local.admin.cookie, payload: {} }),
        ],
      ] as const;
      for (const [what, res] of issued) {
        const raw = res.headers['set-cookie'];
        const lines = Array.isArray(raw) ? raw : [String(raw ?? '')];
        assert.equal(lines.length, 1, `${what}: one cookie`);
        const line = lines[0] ?? '';
        const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
        assert.match(pair, /^__Host-qorgan_session=/, what);
        const names = attributes.map((a) => a.split('=')[0]?.toLowerCase());
        assert.ok(names.includes('httponly'), `${what}: HttpOnly in ${line}`);
        assert.ok(names.includes('secure'), `${what}: Secure in ${line}`);
        assert.ok(
          attributes.some((a) => /^samesite=strict$/i.test(a)),
          `${what}: SameSite=Strict in ${line}`,
        );
        assert.ok(
          attributes.some((a) => a === 'Path=/'),
          `${what}: Path=/ in ${line}`,
        );
        assert.ok(!names.includes('domain'), `${what}: no Domain in ${line}`);
        if (what !== 'logout')
          assert.match(
            pair,
            /^__Host-qorgan_session=[A-Za-z0-9_-]{43}$/,
            `${what}: a 256-bit token`,
          );
      }
    });
  });
}
