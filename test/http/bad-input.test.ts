// Bad input is refused with a clear 4xx and changes nothing; an unexpected failure is a
// 500 that reveals nothing about the server (no stack, SQL or file path), only a reference.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { inviteeFor, me } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { buildTestApp, call, countAuditEvents, errorOf, type ErrorBody } from '../helpers/http.ts';
import type { TestApp } from '../helpers/test-app.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

/** What a 5xx body may hold: a code and a message that quotes a reference. */
function assertOpaque500(res: LightMyRequestResponse, secrets: string[]): void {
  assert.equal(res.statusCode, 500);
  const body = res.json<ErrorBody>();
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
  assert.equal(body.error.code, 'internal_error');
  assert.match(body.error.message, /Reference: [\w-]+\.$/);
  for (const leak of [
    'select ',
    'insert ',
    'audit_events',
    '/work/',
    'node:',
    '.ts',
    '    at ',
    'stack',
    ...secrets,
  ]) {
    assert.ok(
      !res.body.toLowerCase().includes(leak.toLowerCase()),
      `the 500 body reveals "${leak}": ${res.body}`,
    );
  }
}

for (const engine of engines()) {
  describe(`bad input (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    before(async () => {
      database = await engine.open();
      t = await buildTestApp(database, {
        extraRoutes: (app) => {
          app.get('/test/explode', async () => {
            throw new Error(
              "select secret_column from members where email = 'victim@example.org' at /work/main/src/x.ts:1",
            );
          });
          app.get('/test/sql', async () => {
            await sql`select secret_column from no_such_table`.execute(database.db);
            return {};
          });
        },
      });
      org = await createOrganisation(t);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    /** Sends `request` and asserts it changed nothing the audit log would show. */
    const unchanged = async (request: () => Promise<LightMyRequestResponse>) => {
      const before = await countAuditEvents(t);
      const res = await request();
      assert.equal(
        await countAuditEvents(t),
        before,
        `a refused request recorded a change: ${res.statusCode} ${res.body}`,
      );
      return res;
    };
    const raw = (
      url: string,
      payload: string | Buffer,
      headers: Record<string, string> = JSON_TYPE,
    ) => unchanged(() => call(t, 'POST', url, { cookie: org.admin.cookie, payload, headers }));

    test('malformed JSON → 400 invalid_json', async () => {
      for (const body of ['{"role":', '{role: "viewer"}', "{'role':'viewer'}", '[1,2', ' ']) {
        const res = await raw('/api/invitations', body);
        assert.equal(res.statusCode, 400, body);
        assert.equal(errorOf(res).code, 'invalid_json', body);
      }
    });

    test('wrong types → 400 naming the field path', async () => {
      const top = await unchanged(() =>
        call(t, 'PATCH', '/api/me', { cookie: org.admin.cookie, payload: { locale: 5 } }),
      );
      assert.equal(top.statusCode, 400);
      assert.equal(errorOf(top).code, 'invalid_request');
      assert.deepEqual(
        errorOf(top).issues?.map((i) => i.path),
        ['body.locale'],
      );

      const credentials = {
        ...inviteeFor(org).credentials,
        kdf: { ...inviteeFor(org).credentials.kdf, opslimit: 'three' },
      };
      const nested = await unchanged(() =>
        call(t, 'POST', '/api/invitations/accept', {
          payload: { token: 'x'.repeat(43), credentials },
        }),
      );
      assert.equal(nested.statusCode, 400);
      assert.ok(
        errorOf(nested).issues?.some((i) => i.path === 'body.credentials.kdf.opslimit'),
        nested.body,
      );

      const param = await unchanged(() =>
        call(t, 'POST', '/api/members/not-a-uuid/disable', {
          cookie: org.admin.cookie,
          payload: {},
        }),
      );
      assert.equal(param.statusCode, 400);
      assert.ok(
        errorOf(param).issues?.some((i) => i.path === 'params.id'),
        param.body,
      );

      const query = await call(t, 'GET', '/api/audit?limit=9999', { cookie: org.admin.cookie });
      assert.equal(query.statusCode, 400);
      assert.ok(
        errorOf(query).issues?.some((i) => i.path === 'querystring.limit'),
        query.body,
      );
    });

    test('unknown fields → 400 and nothing is stored', async () => {
      const res = await unchanged(() =>
        call(t, 'PATCH', '/api/organisation', {
          cookie: org.admin.cookie,
          payload: { name: 'Renamed', requireTotp: false, isAdmin: true },
        }),
      );
      assert.equal(res.statusCode, 400);
      assert.match(errorOf(res).message, /isAdmin/);
      assert.equal((await me(t, org.admin.cookie)).organisation.name, 'Test organisation');

      const invitee = inviteeFor(org);
      const nested = await unchanged(() =>
        call(t, 'POST', '/api/invitations/accept', {
          payload: {
            token: 'x'.repeat(43),
            credentials: { ...invitee.credentials, role: 'admin' },
          },
        }),
      );
      assert.equal(nested.statusCode, 400);
    });

    test('a body over the limit → 413', async () => {
      const res = await raw(
        '/api/invitations',
        JSON.stringify({ role: 'viewer', padding: 'x'.repeat(t.config.bodyLimit) }),
      );
      assert.equal(res.statusCode, 413);
      assert.equal(errorOf(res).code, 'body_too_large');
    });

    test('invalid UTF-8 → 400 invalid_utf8', async () => {
      const body = Buffer.concat([
        Buffer.from('{"name":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]);
      const res = await unchanged(() =>
        call(t, 'PATCH', '/api/organisation', {
          cookie: org.admin.cookie,
          payload: body,
          headers: JSON_TYPE,
        }),
      );
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'invalid_utf8');
      assert.equal((await me(t, org.admin.cookie)).organisation.name, 'Test organisation');
    });

    test('__proto__ and constructor keys → 400', async () => {
      for (const body of [
        '{"__proto__":{"role":"admin"},"role":"viewer"}',
        '{"role":"viewer","nested":{"__proto__":{}}}',
        '{"constructor":{"prototype":{"x":1}},"role":"viewer"}',
      ]) {
        const res = await raw('/api/invitations', body);
        assert.equal(res.statusCode, 400, body);
        assert.equal(errorOf(res).code, 'invalid_json', body);
      }
      assert.equal(
        Object.getOwnPropertyDescriptor(Object.prototype, 'role'),
        undefined,
        'no prototype was polluted',
      );
    });

    test('a POST body without a JSON content type → 415; a text/plain one is refused too', async () => {
      const none = await raw('/api/invitations', '{"role":"viewer"}', {});
      assert.equal(none.statusCode, 415);
      assert.equal(errorOf(none).code, 'unsupported_media_type');
      const form = await raw('/api/invitations', 'role=viewer', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(form.statusCode, 415);
      // A cross-site form can send text/plain; it must never be taken as JSON.
      const text = await raw('/api/invitations', '{"role":"viewer"}', {
        'content-type': 'text/plain',
      });
      assert.ok([400, 415].includes(text.statusCode), text.body);
    });

    test('a cross-origin Origin or Sec-Fetch-Site on a POST → 403', async () => {
      const host = '127.0.0.1:8080';
      const refused: Record<string, string>[] = [
        { host, origin: 'https://evil.example' },
        { host, origin: 'http://127.0.0.1:9999' },
        { host, origin: 'not a url' },
        { host, 'sec-fetch-site': 'cross-site' },
        { host, 'sec-fetch-site': 'same-site' },
      ];
      for (const headers of refused) {
        const res = await unchanged(() =>
          call(t, 'POST', '/api/invitations', {
            cookie: org.admin.cookie,
            payload: { role: 'viewer' },
            headers,
          }),
        );
        assert.equal(res.statusCode, 403, JSON.stringify(headers));
        assert.equal(errorOf(res).code, 'cross_site');
      }
      const sameOrigin = await call(t, 'POST', '/api/invitations', {
        cookie: org.admin.cookie,
        payload: { role: 'viewer' },
        headers: { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(sameOrigin.statusCode, 201, 'our own origin is accepted');
    });

    test('an unexpected error → 500 with only a message and a reference', async () => {
      const before = await countAuditEvents(t);
      assertOpaque500(await call(t, 'GET', '/test/explode'), [
        'victim@example.org',
        'secret_column',
      ]);
      assertOpaque500(await call(t, 'GET', '/test/sql'), ['no_such_table', 'relation']);
      assert.equal(await countAuditEvents(t), before);
    });

    test('a closed database → 500 with only a message and a reference', async () => {
      const broken = await engine.open();
      const app = await buildTestApp(broken);
      const victim = await createOrganisation(app);
      await broken.close();
      for (const [method, url, payload] of [
        ['GET', '/api/me', undefined],
        ['POST', '/api/invitations', { role: 'viewer' }],
        ['POST', '/api/auth/prelogin', { email: victim.admin.email }],
      ] as const) {
        assertOpaque500(await call(app, method, url, { cookie: victim.admin.cookie, payload }), [
          victim.admin.email,
        ]);
      }
      await app.close();
    });
  });
}
