// The server log never holds an IP address, a query string, a cookie, a token, an e-mail
// or an auth key — not on success, not on a 4xx, not on a 500 (DESIGN.md threat model).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../src/server/logger.ts';
import { enrolTotp, invite, totpChallenge } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { authKeyFor, createOrganisation } from '../helpers/factories.ts';
import { buildTestApp, call, tokenOfCookie } from '../helpers/http.ts';
import type { TestApp } from '../helpers/test-app.ts';

const CLIENT_IP = '203.0.113.77';
const FORWARDED_IP = '198.51.100.23';
const QUERY_CANARY = 'querycanary7731';

for (const engine of engines()) {
  describe(`no identifying data in the log (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    const lines: string[] = [];
    before(async () => {
      database = await engine.open();
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      });
      t = await buildTestApp(database, {
        logger: createLogger({ level: 'debug', destination }),
        extraRoutes: (app) => {
          app.get('/test/fail', async () => {
            throw new Error('the handler failed');
          });
        },
      });
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('requests from a known address, with query strings, cookies and tokens, leave none of them in the log', async () => {
      const org = await createOrganisation(t);
      const { token } = await invite(t, org);
      const { secret } = await enrolTotp(t, org.admin.cookie);
      const challenge = await totpChallenge(t, org.admin.email, org.admin.password);
      const authKey = await authKeyFor(t, org.admin.email, org.admin.password);
      lines.length = 0;

      const headers = {
        'x-forwarded-for': FORWARDED_IP,
        'x-real-ip': FORWARDED_IP,
        'user-agent': `agent-${QUERY_CANARY}`,
      };
      const requests = [
        { method: 'GET', url: `/api/me?q=${QUERY_CANARY}`, cookie: org.admin.cookie },
        { method: 'GET', url: `/api/audit?action=${QUERY_CANARY}`, cookie: org.admin.cookie },
        { method: 'GET', url: `/no/such/page?token=${QUERY_CANARY}`, cookie: org.admin.cookie },
        { method: 'GET', url: `/test/fail?secret=${QUERY_CANARY}`, cookie: org.admin.cookie },
        {
          method: 'POST',
          url: `/api/auth/login?next=${QUERY_CANARY}`,
          payload: { email: org.admin.email, authKey },
        },
        { method: 'POST', url: '/api/auth/totp', payload: { challenge, code: '000000' } },
        { method: 'POST', url: '/api/invitations/inspect', payload: { token } },
        {
          method: 'POST',
          url: '/api/auth/prelogin',
          payload: `{"email":"${org.admin.email}"`,
          json: true,
        },
      ] as const;
      const statuses: number[] = [];
      for (const r of requests) {
        const res = await t.app.inject({
          method: r.method,
          url: r.url,
          remoteAddress: CLIENT_IP,
          headers: {
            ...headers,
            ...('cookie' in r ? { cookie: r.cookie } : {}),
            ...('json' in r ? { 'content-type': 'application/json' } : {}),
          },
          ...('payload' in r ? { payload: r.payload } : {}),
        });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses, [200, 200, 404, 500, 200, 401, 200, 400]);

      const log = lines.join('\n');
      const requestLines = lines.filter((l) => l.includes('"msg":"request"'));
      assert.equal(
        requestLines.length,
        requests.length,
        'one line per request: the log is not silent',
      );
      assert.ok(
        log.includes('"status":500') && log.includes('request failed'),
        'the failure is logged',
      );
      assert.ok(
        requestLines.some((l) => l.includes('"route":"/api/me"')),
        'routes are logged as patterns',
      );

      const forbidden: [string, string][] = [
        ['client IP', CLIENT_IP],
        ['forwarded IP', FORWARDED_IP],
        ['query string', QUERY_CANARY],
        ['session token', tokenOfCookie(org.admin.cookie)],
        ['invitation token', token],
        ['login challenge', challenge],
        ['auth key', authKey],
        ['e-mail', org.admin.email],
        ['TOTP secret', Buffer.from(secret).toString('base64url')],
        ['cookie header', 'qorgan_session='],
        ['user agent', 'agent-'],
      ];
      for (const [what, value] of forbidden)
        assert.ok(!log.includes(value), `the log holds the ${what}:\n${log}`);
      for (const line of lines) {
        // JSON.parse gives `any`; every pino line is a JSON object.
        const entry = JSON.parse(line) as Record<string, unknown>;
        for (const key of [
          'req',
          'res',
          'remoteAddress',
          'ip',
          'ips',
          'hostname',
          'url',
          'headers',
          'cookies',
          'query',
          'body',
        ]) {
          assert.ok(!(key in entry), `a log line carries "${key}": ${line}`);
        }
      }
    });

    test('a database error is logged with its message and code, never the row values it carries', async () => {
      const org = await createOrganisation(t);
      // A constraint that refuses one audit action makes the database reject a whole row.
      await sql`alter table audit_events add constraint qorgan_test_refuse check (action <> 'invitation.created') not valid`.execute(
        t.database.db,
      );
      lines.length = 0;
      try {
        const res = await call(t, 'POST', '/api/invitations', {
          cookie: org.admin.cookie,
          payload: { role: 'monitor' },
        });
        assert.equal(res.statusCode, 500);
      } finally {
        await sql`alter table audit_events drop constraint qorgan_test_refuse`.execute(
          t.database.db,
        );
      }
      const failure = lines.find((l) => l.includes('request failed'));
      assert.ok(failure, 'the failure is logged');
      // JSON.parse gives `any`; an error line carries an `err` object.
      const entry = JSON.parse(failure) as { err?: Record<string, unknown> };
      assert.match(String(entry.err?.message), /violates check constraint/);
      assert.equal(entry.err?.code, '23514');
      for (const value of ['Failing row', org.id, org.admin.id, 'monitor']) {
        assert.ok(!failure.includes(value), `the log line holds "${value}": ${failure}`);
      }
    });
  });
}
