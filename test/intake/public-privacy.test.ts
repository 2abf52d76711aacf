// What the public pages leave behind: a whole reporter journey (pages, a report with a
// file, the codename sign-in, a reply, a flood, sign-out) from a client whose address,
// forwarded-for headers and user agent are canaries. None of those, no codename and no
// word the reporter wrote appears in any table, any log line, or any blob in plaintext.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { defaultConfig } from '../../src/server/config.ts';
import { createLogger } from '../../src/server/logger.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation } from '../helpers/factories.ts';
import { buildTestApp, call, randomHex } from '../helpers/http.ts';
import {
  blobFiles,
  databaseText,
  formTokenFrom,
  partsOf,
  postMultipart,
  postUrlencoded,
  signInAtReturn,
  submitReport,
} from '../helpers/public-report.ts';
import type { TestApp } from '../helpers/test-app.ts';

const CLIENT_IP = '203.0.113.201';
const FORWARDED_IP = '198.51.100.77';
const AGENT = `CanaryAgent/${randomHex(6)}`;

for (const engine of engines()) {
  describe(`no trace of the reporter (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    const lines: string[] = [];
    before(async () => {
      database = await engine.open();
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      });
      t = await buildTestApp(database, {
        logger: createLogger({ level: 'debug', destination }),
        config: { intake: { ...defaultConfig().intake, perClientSubmissions: 2 } },
      });
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('no IP address, user agent, codename or written word in any table, log line or blob', async () => {
      const org = await createOrganisation(t);
      const words = `canary-words-${randomHex(8)}`;
      const fileWords = `canary-file-${randomHex(8)}`;
      const replyWords = `canary-reply-${randomHex(8)}`;
      const client = {
        remoteAddress: CLIENT_IP,
        headers: {
          'x-forwarded-for': FORWARDED_IP,
          'x-real-ip': FORWARDED_IP,
          forwarded: `for=${FORWARDED_IP}`,
          'user-agent': AGENT,
        },
      };

      for (const url of ['/report', `/report/${org.slug}`, '/return', '/public/style.css']) {
        assert.equal((await call(t, 'GET', url, { headers: client.headers })).statusCode, 200);
      }
      const { res, codename } = await submitReport(t, org, {
        ...client,
        lang: 'kk',
        fields: {
          incident_types: 'threats',
          city: 'Қостанай',
          narrative: `Олар ${words} деді`,
          contact: `telegram ${words}`,
        },
        files: [{ name: `${words}.txt`, type: 'text/plain', content: `мәтін ${fileWords}` }],
      });
      assert.equal(res.statusCode, 200);
      assert.ok(codename);

      const wrong = await signInAtReturn(t, 'abandon '.repeat(7) + 'about', client);
      assert.equal(wrong.res.statusCode, 303);
      const { cookie } = await signInAtReturn(t, codename, client);
      const token = await formTokenFrom(t, '/return/report', cookie);
      const sent = await postMultipart(
        t,
        '/return/messages',
        partsOf({ form_token: token, lang: 'kk', body: `жауап ${replyWords}` }, [
          { name: 'more.txt', type: 'text/plain', content: `тағы ${fileWords}` },
        ]),
        { ...client, cookie },
      );
      assert.equal(sent.statusCode, 303);
      // A flood, refused with the typed text echoed back: still nothing kept.
      const flood = await submitReport(t, org, {
        ...client,
        fields: { incident_types: 'threats', narrative: words },
      });
      assert.equal(flood.res.statusCode, 429);
      assert.equal(
        (await postUrlencoded(t, '/return/sign-out', { lang: 'kk' }, { ...client, cookie }))
          .statusCode,
        303,
      );

      const codenameWords = codename.split(' ');
      const needles = [
        CLIENT_IP,
        FORWARDED_IP,
        AGENT,
        codename,
        words,
        fileWords,
        replyWords,
        'Олар',
        'жауап',
      ];
      const tables = await databaseText(t);
      for (const needle of needles) {
        assert.ok(!tables.includes(needle), `"${needle}" is in the database`);
      }
      assert.ok(
        codenameWords.filter((w) => w.length >= 6).every((w) => !tables.includes(` ${w} `)),
        'no codename words either',
      );
      const log = lines.join('');
      assert.ok(log.includes('"route":"/report/:slug"'), 'the log saw the requests');
      for (const needle of [...needles, org.slug, 'Қостанай']) {
        assert.ok(!log.includes(needle), `"${needle}" is in the log`);
      }
      const blobs = await blobFiles(t);
      assert.ok(blobs.length >= 2, 'the files were stored');
      for (const file of blobs) {
        const bytes = await readFile(file);
        for (const needle of [words, fileWords, replyWords, 'мәтін']) {
          assert.equal(bytes.includes(Buffer.from(needle)), false, `"${needle}" in a blob`);
        }
      }
      // The coded answers are stored in plaintext on purpose; check the scan would see them.
      assert.ok(tables.includes('Қостанай'), 'the scan reads the tables');
    });
  });
}
