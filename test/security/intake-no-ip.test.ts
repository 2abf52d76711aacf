// DESIGN.md: no IP address and no user agent is ever logged or stored. Every public
// reporting request (the organisation list, the form, a refused and an accepted report with
// a file, the codename sign-in — wrong and right —, the reporter's page, a message with a
// file, sign-out) and the staff requests that follow (sign-in, inbox, report, file, status,
// reply, notifications) arrive from a canary client address, with canary X-Forwarded-For,
// X-Real-IP, Forwarded and User-Agent headers. Then: no canary in any log line (debug
// level); no canary in any value of any table, read back generically; and no column
// anywhere whose name or type is made to hold an address or a user agent. The codename,
// which is never stored or logged either, is searched for alongside.
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { deriveReporterKeys } from '../../src/common/crypto/codename.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import { sealTo } from '../../src/common/crypto/envelope.ts';
import { deriveLoginKeys } from '../../src/common/crypto/keys.ts';
import { createLogger } from '../../src/server/logger.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { buildTestApp } from '../helpers/http.ts';
import {
  codenameIn,
  hiddenValue,
  multipartBody,
  partsOf,
  reporterCookieOf,
  type Fields,
  type UploadFile,
} from '../helpers/public-report.ts';
import { sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

const hex4 = () => randomInt(0x1000, 0x10000).toString(16);
const octet = () => randomInt(1, 255);
/** Distinct documentation addresses (RFC 5737, RFC 3849), random enough to be unique. */
function canaryAddresses() {
  const v6 = () => `2001:db8:${hex4()}:${hex4()}::${hex4()}`;
  return {
    remoteV4: `203.0.113.${octet()}`,
    remoteV6: v6(),
    forwardedForV4: `198.51.100.${octet()}`,
    forwardedForV6: v6(),
    realIp: `192.0.2.${octet()}`,
    forwardedV4: `198.18.${octet()}.${octet()}`,
    forwardedV6: v6(),
    userAgentMark: `QorganCanaryAgent/${randomBytes(8).toString('hex')}`,
  };
}

type Canaries = ReturnType<typeof canaryAddresses>;

/** Every way a canary could be written: as sent, and (IPv6) its distinctive middle groups. */
function needlesOf(canaries: Canaries): [string, string][] {
  const needles: [string, string][] = [];
  for (const [what, value] of Object.entries(canaries)) {
    needles.push([what, value]);
    if (value.startsWith('2001:db8:')) needles.push([`${what} (groups)`, value.slice(9, 18)]);
  }
  return needles;
}

/** The values of every table of the database as one text: bytea as latin1, UTF-8 and hex. */
async function everyValue(t: TestApp): Promise<{ text: string; tables: string[] }> {
  const tables = await sql<{ table_schema: string; table_name: string }>`
    select table_schema, table_name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by table_schema, table_name
  `.execute(t.database.db);
  const chunks: string[] = [];
  for (const { table_schema, table_name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`
      select * from ${sql.table(`${table_schema}.${table_name}`)}
    `.execute(t.database.db);
    for (const row of rows.rows) {
      for (const value of Object.values(row)) {
        if (value instanceof Uint8Array) {
          const bytes = Buffer.from(value);
          chunks.push(bytes.toString('latin1'), bytes.toString('utf8'), bytes.toString('hex'));
        } else if (value instanceof Date) chunks.push(value.toISOString());
        else chunks.push(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
      }
    }
  }
  return {
    text: chunks.join('\n'),
    tables: tables.rows.map((r) => `${r.table_schema}.${r.table_name}`),
  };
}

/** Words in a column name that would mean it holds an address or a user agent. */
const FORBIDDEN_NAME_PARTS = new Set([
  'ip',
  'ips',
  'ipv4',
  'ipv6',
  'addr',
  'address',
  'remote',
  'agent',
  'ua',
  'useragent',
  'forwarded',
  'xff',
]);
const FORBIDDEN_TYPES = new Set(['inet', 'cidr', 'macaddr', 'macaddr8']);

for (const engine of engines()) {
  describe(
    `no IP address or user agent is logged or stored (${engine.engine})`,
    {
      skip: engine.skip,
    },
    () => {
      let t: TestApp;
      let database: TestDatabase;
      let org: TestOrganisation;
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
        });
        org = await createOrganisation(t, 'Қорған canary test');
      });
      after(async () => {
        await t.close();
        await database.close();
      });

      test('no column is named or typed to hold an address or a user agent', async () => {
        const columns = await sql<{
          table_name: string;
          column_name: string;
          udt_name: string;
        }>`
        select table_name, column_name, udt_name from information_schema.columns
        where table_schema not in ('pg_catalog', 'information_schema')
      `.execute(t.database.db);
        assert.ok(columns.rows.length > 50, 'the schema was read');
        assert.ok(
          columns.rows.some(
            (c) => c.table_name === 'reports' && c.column_name === 'sealed_details',
          ),
          'the intake tables are there',
        );
        const suspicious = columns.rows
          .filter(
            (c) =>
              c.column_name.split('_').some((part) => FORBIDDEN_NAME_PARTS.has(part)) ||
              /user_?agent|ip_?addr|remote|forwarded/i.test(c.column_name) ||
              FORBIDDEN_TYPES.has(c.udt_name),
          )
          .map((c) => `${c.table_name}.${c.column_name} (${c.udt_name})`);
        assert.deepEqual(suspicious, []);
      });

      test('public reporting and staff requests with canary addresses and user agent leave no trace', async () => {
        const canaries = canaryAddresses();
        const userAgent = `Mozilla/5.0 (X11; Linux x86_64) ${canaries.userAgentMark} Chrome/140.0 Safari/537.36`;
        const headers = {
          'x-forwarded-for': `${canaries.forwardedForV4}, ${canaries.forwardedForV6}`,
          'x-real-ip': canaries.realIp,
          forwarded: `for=${canaries.forwardedV4};proto=https, for="[${canaries.forwardedV6}]"`,
          'user-agent': userAgent,
        };
        let sent = 0;
        const send = (options: InjectOptions & { cookie?: string }) => {
          const { cookie, ...rest } = options;
          sent++;
          return t.app.inject({
            ...rest,
            // Both kinds of client address, turn about.
            remoteAddress: sent % 2 === 0 ? canaries.remoteV4 : canaries.remoteV6,
            headers: {
              ...headers,
              ...(cookie ? { cookie } : {}),
              ...(rest.headers as Record<string, string> | undefined),
            },
          });
        };
        const multipart = (url: string, fields: Fields, files: UploadFile[], cookie?: string) => {
          const body = multipartBody(partsOf(fields, files));
          return send({
            method: 'POST',
            url,
            payload: body.payload,
            headers: { 'content-type': body.contentType },
            ...(cookie ? { cookie } : {}),
          });
        };
        const urlencoded = (url: string, fields: Record<string, string>, cookie?: string) =>
          send({
            method: 'POST',
            url,
            payload: new URLSearchParams(fields).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            ...(cookie ? { cookie } : {}),
          });
        const statuses: [string, number][] = [];
        const expect = (what: string, res: LightMyRequestResponse, status: number) => {
          statuses.push([what, res.statusCode]);
          assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 300)}`);
          return res;
        };
        lines.length = 0;

        // ---- the reporter ----
        expect('GET /report', await send({ method: 'GET', url: '/report' }), 200);
        expect('GET /report/nowhere', await send({ method: 'GET', url: '/report/nowhere' }), 404);
        expect(
          'GET /public/style.css',
          await send({ method: 'GET', url: '/public/style.css' }),
          200,
        );
        const form = expect(
          'GET /report/:slug',
          await send({ method: 'GET', url: `/report/${org.slug}?lang=kk` }),
          200,
        );
        expect(
          'POST /report/:slug, refused',
          await multipart(
            `/report/${org.slug}`,
            {
              form_token: hiddenValue(form.body, 'form_token'),
              lang: 'kk',
              narrative: 'no incident type chosen',
            },
            [{ name: '', type: 'application/octet-stream', content: '' }],
          ),
          422,
        );
        const receipt = expect(
          'POST /report/:slug',
          await multipart(
            `/report/${org.slug}`,
            {
              form_token: hiddenValue(form.body, 'form_token'),
              lang: 'kk',
              incident_types: 'threats',
              narrative: 'what happened',
            },
            [{ name: 'note.txt', type: 'text/plain', content: 'a note\n' }],
          ),
          200,
        );
        const codename = codenameIn(receipt.body);
        assert.ok(codename, 'the receipt shows the codename');

        const returnPage = expect(
          'GET /return',
          await send({ method: 'GET', url: '/return' }),
          200,
        );
        const returnToken = hiddenValue(returnPage.body, 'form_token');
        const wrong = expect(
          'POST /return, wrong codename',
          await urlencoded('/return', {
            form_token: returnToken,
            lang: 'en',
            codename: 'abandon ability able about above absent absorb abstract',
          }),
          303,
        );
        const wrongPage = expect(
          'GET /return/report, no report',
          await send({ method: 'GET', url: '/return/report', cookie: reporterCookieOf(wrong) }),
          200,
        );
        assert.doesNotMatch(wrongPage.body, /message-form/);
        const signedIn = expect(
          'POST /return',
          await urlencoded('/return', { form_token: returnToken, lang: 'en', codename }),
          303,
        );
        const cookie = reporterCookieOf(signedIn);
        const reporterPage = expect(
          'GET /return/report',
          await send({ method: 'GET', url: '/return/report', cookie }),
          200,
        );
        expect(
          'POST /return/messages',
          await multipart(
            '/return/messages',
            {
              form_token: hiddenValue(reporterPage.body, 'form_token'),
              lang: 'en',
              body: 'a message',
            },
            [{ name: 'more.txt', type: 'text/plain', content: 'more\n' }],
            cookie,
          ),
          303,
        );
        expect(
          'GET /return/report?sent=1',
          await send({ method: 'GET', url: '/return/report?sent=1', cookie }),
          200,
        );
        expect(
          'POST /return/sign-out',
          await urlencoded('/return/sign-out', { lang: 'en' }, cookie),
          303,
        );

        // ---- staff ----
        const prelogin = expect(
          'POST /api/auth/prelogin',
          await send({
            method: 'POST',
            url: '/api/auth/prelogin',
            payload: { email: org.admin.email },
          }),
          200,
        );
        const { kdf } = prelogin.json<{
          kdf: { salt: string; opslimit: number; memlimit: number };
        }>();
        const authKey = deriveLoginKeys(org.admin.password, fromB64(kdf.salt), kdf).authKey;
        const login = expect(
          'POST /api/auth/login',
          await send({
            method: 'POST',
            url: '/api/auth/login',
            payload: { email: org.admin.email, authKey: toB64(authKey) },
          }),
          200,
        );
        const staff = sessionCookieOf(login);
        const inbox = expect(
          'GET /api/reports',
          await send({ method: 'GET', url: '/api/reports', cookie: staff }),
          200,
        );
        const reportId = inbox.json<{ reports: { id: string }[] }>().reports[0]?.id;
        assert.ok(reportId);
        const detail = expect(
          'GET /api/reports/:id',
          await send({ method: 'GET', url: `/api/reports/${reportId}`, cookie: staff }),
          200,
        );
        const fileId = detail.json<{ files: { id: string }[] }>().files[0]?.id;
        assert.ok(fileId);
        expect(
          'GET /api/reports/:id/files/:fileId',
          await send({
            method: 'GET',
            url: `/api/reports/${reportId}/files/${fileId}`,
            cookie: staff,
          }),
          200,
        );
        expect(
          'POST /api/reports/:id/status',
          await send({
            method: 'POST',
            url: `/api/reports/${reportId}/status`,
            payload: { status: 'in_progress' },
            cookie: staff,
          }),
          200,
        );
        const reporter = deriveReporterKeys(codename, t.secrets.codenameSalt);
        expect(
          'POST /api/reports/:id/messages',
          await send({
            method: 'POST',
            url: `/api/reports/${reportId}/messages`,
            payload: {
              sealedForOrg: toB64(sealTo(org.orgKeyPair.publicKey, 'a reply')),
              sealedForReporter: toB64(sealTo(reporter.keyPair.publicKey, 'a reply')),
            },
            cookie: staff,
          }),
          201,
        );
        expect(
          'GET /api/notifications',
          await send({ method: 'GET', url: '/api/notifications', cookie: staff }),
          200,
        );
        expect('GET /api/me', await send({ method: 'GET', url: '/api/me', cookie: staff }), 200);

        // ---- the log ----
        const needles: [string, string][] = [
          ...needlesOf(canaries),
          ['user agent', userAgent],
          ['codename', codename],
        ];
        const requestLines = lines.filter((l) => l.includes('"msg":"request"'));
        assert.equal(requestLines.length, sent, 'one log line per request: the log is not silent');
        // Case-insensitive: an address may be written in upper case (IPv6 hex digits).
        const has = (haystack: string, needle: string) =>
          haystack.toLowerCase().includes(needle.toLowerCase());
        for (const [what, needle] of needles) {
          const found = lines.filter((l) => has(l, needle));
          assert.deepEqual(found, [], `the log holds the ${what} (${needle})`);
        }
        for (const line of lines) {
          // JSON.parse gives `any`; every pino line is a JSON object.
          const entry = JSON.parse(line) as Record<string, unknown>;
          for (const key of [
            'req',
            'ip',
            'ips',
            'remoteAddress',
            'hostname',
            'headers',
            'userAgent',
          ]) {
            assert.ok(!(key in entry), `a log line carries "${key}": ${line}`);
          }
        }

        // ---- the database ----
        const { text, tables } = await everyValue(t);
        for (const table of ['public.reports', 'public.report_messages', 'public.sessions']) {
          assert.ok(tables.includes(table), `${table} was read`);
        }
        // Controls: what is stored by design is found, so the search itself works.
        assert.ok(text.includes(org.slug), 'control: a text column is read');
        assert.ok(
          text.includes(Buffer.from(reporter.keyPair.publicKey).toString('hex')),
          'control: a bytea column is read',
        );
        const sessions = await t.database.db
          .selectFrom('sessions')
          .select('device')
          .where('member_id', '=', org.admin.id)
          .execute();
        assert.ok(
          sessions.some((s) => s.device === 'Chrome · Linux'),
          'the session signed in with the canary user agent keeps only a coarse device label',
        );
        for (const [what, needle] of needles) {
          assert.ok(!has(text, needle), `the database holds the ${what} (${needle})`);
        }
        assert.ok(statuses.length >= 20, 'every request was sent');
      });
    },
  );
}
