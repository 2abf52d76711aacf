// Coming back with the codename (/return): a wrong and a right codename are answered
// alike; the reporter reads the status and the thread (a staff reply sealed to their key),
// writes back with a file, and the session ends on sign-out, after the idle time, and
// never exists before the sign-in.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { after, before, describe, test } from 'node:test';
import { deriveReporterKeys, generateCodename } from '../../src/common/crypto/codename.ts';
import { openSealedText, sealTo } from '../../src/common/crypto/envelope.ts';
import { decryptBytes } from '../../src/common/crypto/stream.ts';
import { openSealed } from '../../src/common/crypto/envelope.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, randomHex } from '../helpers/http.ts';
import {
  blobFiles,
  countRows,
  flat,
  formTokenFrom,
  postMultipart,
  postUrlencoded,
  partsOf,
  signInAtReturn,
  submitReport,
  textareaValue,
} from '../helpers/public-report.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { readAll } from '../files/support.ts';

const IDLE_MINUTES = 30;

/** A cookie's name and attribute names, and the length of its value: its shape. */
function cookieShape(res: LightMyRequestResponse) {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : [String(raw ?? '')];
  assert.equal(lines.length, 1, 'one cookie');
  const [pair = '', ...attributes] = (lines[0] ?? '').split(';').map((p) => p.trim());
  const [name = '', value = ''] = pair.split('=');
  return { name, valueLength: value.length, attributes: attributes.map((a) => a.toLowerCase()) };
}

async function reportOf(t: TestApp, org: TestOrganisation) {
  return t.database.db
    .selectFrom('reports')
    .selectAll()
    .where('organisation_id', '=', org.id)
    .executeTakeFirstOrThrow();
}

for (const engine of engines()) {
  describe(`coming back with the codename (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      // Every request comes from one address here; the limits have their own tests.
      const intake = { ...defaultConfig().intake, perClientSubmissions: 1000 };
      t = await createTestApp(database, { intake });
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('a wrong and a right codename get the same answer; the next page tells them apart', async () => {
      const org = await createOrganisation(t);
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      const right = await signInAtReturn(t, codename, { lang: 'kk' });
      const wrong = await signInAtReturn(t, generateCodename(), { lang: 'kk' });
      for (const res of [right.res, wrong.res]) {
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, '/return/report?lang=kk');
        assert.equal(res.body, '');
        assert.equal(res.headers['cache-control'], 'no-store');
      }
      assert.deepEqual(cookieShape(right.res), cookieShape(wrong.res));
      assert.deepEqual(
        Object.keys(right.res.headers).sort(),
        Object.keys(wrong.res.headers).sort(),
      );
      const shape = cookieShape(right.res);
      assert.equal(shape.name, '__Host-qorgan_reporter');
      assert.deepEqual(shape.attributes.sort(), [
        'httponly',
        'path=/',
        'samesite=strict',
        'secure',
      ]);
      assert.ok(shape.valueLength >= 43, 'a 256-bit token');

      const found = await call(t, 'GET', '/return/report?lang=kk', { cookie: right.cookie });
      assert.equal(found.statusCode, 200);
      const report = await reportOf(t, org);
      const page = flat(found.body);
      assert.ok(page.includes('Қабылданды'), 'the status in plain words');
      assert.ok(page.includes(`Нөмірі: ${report.reference}`));
      assert.equal(found.headers['set-cookie'], undefined, 'no cookie on a GET');

      const missing = await call(t, 'GET', '/return/report?lang=kk', { cookie: wrong.cookie });
      assert.equal(missing.statusCode, 200);
      assert.ok(flat(missing.body).includes('Бұл кодтық фразамен ешқандай хабарлама таппадық.'));
      assert.ok(!missing.body.includes(report.reference));
    });

    test('a codename typed loosely (capitals, hyphens, first four letters) still opens the report', async () => {
      const org = await createOrganisation(t);
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      const loose = codename
        .split(' ')
        .map((w, i) => (i % 2 === 0 ? w.slice(0, 4).toUpperCase() : w))
        .join(' - ');
      const { cookie } = await signInAtReturn(t, `  ${loose}\n`);
      const res = await call(t, 'GET', '/return/report?lang=en', { cookie });
      assert.ok(flat(res.body).includes('Received'));
    });

    test('a codename that cannot be one: 422 in the form language, no cookie, nothing revealed', async () => {
      const token = await formTokenFrom(t, '/return');
      const short = await postUrlencoded(t, '/return', {
        form_token: token,
        lang: 'ru',
        codename: 'two words',
      });
      assert.equal(short.statusCode, 422);
      assert.equal(short.headers['set-cookie'], undefined);
      assert.match(short.body, /<html lang="ru">/);
      assert.ok(flat(short.body).includes('Вы ввели слов: 2.'));
      assert.ok(flat(short.body).includes('value="two words"'), 'what was typed stays');
      const unknown = await postUrlencoded(t, '/return', {
        form_token: token,
        lang: 'en',
        codename: 'zzzz abandon ability able about above absent absorb',
      });
      assert.equal(unknown.statusCode, 422);
      assert.ok(flat(unknown.body).includes('Some words are not in the codename list.'));
      const expired = await formTokenFrom(t, '/return');
      t.clock.advance((t.config.intake.formTokenHours + 1) * 3_600_000);
      const late = await postUrlencoded(t, '/return', {
        form_token: expired,
        lang: 'en',
        codename: generateCodename(),
      });
      assert.equal(late.statusCode, 422);
      assert.equal(late.headers['set-cookie'], undefined);
      assert.ok(flat(late.body).includes('This form was open for too long'));
    });

    test('the thread: a staff reply opens with the codename; a reply with a file is sealed twice', async () => {
      const org = await createOrganisation(t, 'Шанырак');
      const reader = await addMember(t, org, 'case_worker');
      const { codename } = await submitReport(t, org, { lang: 'ru' });
      assert.ok(codename);
      const report = await reportOf(t, org);
      const staffText = `Здравствуйте! Мы прочитали. <script>alert(1)</script> ${randomHex(4)}`;
      await t.database.db
        .insertInto('report_messages')
        .values({
          id: randomUUID(),
          report_id: report.id,
          organisation_id: org.id,
          author: 'staff',
          author_member_id: org.admin.id,
          sealed_for_org: sealTo(org.orgKeyPair.publicKey, staffText),
          sealed_for_reporter: sealTo(report.reporter_public_key, staffText),
          created_at: t.clock.now(),
        })
        .execute();
      await t.database.db
        .updateTable('reports')
        .set({ status: 'in_progress' })
        .where('id', '=', report.id)
        .execute();

      const { cookie } = await signInAtReturn(t, codename, { lang: 'ru' });
      const view = await call(t, 'GET', '/return/report?lang=ru', { cookie });
      const page = flat(view.body);
      assert.ok(page.includes('В работе'), 'the status in plain words');
      assert.ok(
        page.includes('Здравствуйте! Мы прочитали. &lt;script&gt;alert(1)&lt;/script&gt;'),
        'the staff reply, escaped',
      );
      assert.ok(page.includes('<span class="author">Шанырак</span>'));
      assert.match(
        page,
        /<form class="message-form"[^>]*data-reporter-public-key="[A-Za-z0-9_-]{43}"/,
      );
      assert.match(page, /<script type="module" src="\/public\/report-form.js"><\/script>/);

      t.clock.advance(60_000);
      const reply = `Спасибо.\r\nЕсть ещё фото ${randomHex(6)}`;
      const token = await formTokenFrom(t, '/return/report', cookie);
      const sent = await postMultipart(
        t,
        '/return/messages',
        partsOf({ form_token: token, lang: 'ru', body: reply }, [
          { name: 'дополнение.txt', type: 'text/plain', content: 'ещё подробности' },
        ]),
        { cookie },
      );
      assert.equal(sent.statusCode, 303, flat(sent.body).slice(0, 1500));
      assert.equal(sent.headers.location, '/return/report?sent=1&lang=ru');
      assert.equal(sent.headers['set-cookie'], undefined);

      const messages = await t.database.db
        .selectFrom('report_messages')
        .selectAll()
        .where('report_id', '=', report.id)
        .where('author', '=', 'reporter')
        .execute();
      assert.equal(messages.length, 1);
      const message = messages[0];
      assert.ok(message);
      assert.equal(message.author_member_id, null);
      const typed = reply.replace(/\r\n/g, '\n');
      assert.equal(openSealedText(org.orgKeyPair, message.sealed_for_org), typed);
      const reporterKeys = deriveReporterKeys(codename, t.secrets.codenameSalt);
      assert.equal(openSealedText(reporterKeys.keyPair, message.sealed_for_reporter), typed);
      const [file] = await t.database.db
        .selectFrom('report_files')
        .selectAll()
        .where('message_id', '=', message.id)
        .execute();
      assert.ok(file, 'the file is linked to the message');
      assert.equal(file.report_id, report.id);
      const envelope = await readAll(await t.blobs.openRead(file.blob_key));
      const bytes = decryptBytes(openSealed(org.orgKeyPair, file.sealed_file_key), envelope);
      assert.equal(Buffer.from(bytes).toString('utf8'), 'ещё подробности');
      const meta = JSON.parse(openSealedText(org.orgKeyPair, file.sealed_meta)) as { name: string };
      assert.equal(meta.name, 'дополнение.txt');

      const notified = await t.database.db
        .selectFrom('notifications')
        .select(['member_id', 'kind'])
        .where('report_id', '=', report.id)
        .where('kind', '=', 'reporter_message')
        .execute();
      assert.ok(notified.some((n) => n.member_id === reader.id));
      const audit = await t.database.db
        .selectFrom('audit_events')
        .select(['fields', 'actor_member_id', 'object_id'])
        .where('action', '=', 'report.reporter_message')
        .where('organisation_id', '=', org.id)
        .execute();
      assert.deepEqual(audit, [
        {
          fields: { messageId: message.id, encryptedBy: 'server', files: 1 },
          actor_member_id: null,
          object_id: report.id,
        },
      ]);

      const after = flat((await call(t, 'GET', '/return/report?sent=1&lang=ru', { cookie })).body);
      assert.ok(after.includes('Ваше сообщение отправлено.'));
      assert.ok(after.includes('Приложено файлов: 1'));
      const staffAt = after.indexOf('Мы прочитали');
      const ownAt = after.indexOf('Есть ещё фото');
      assert.ok(staffAt > 0 && ownAt > staffAt, 'both sides, newest last');
      assert.ok(after.includes('<span class="author">Вы</span>'));
    });

    test('a reply with bad input comes back with its text, and stores nothing', async () => {
      const org = await createOrganisation(t);
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      const { cookie } = await signInAtReturn(t, codename);
      const blobsBefore = await blobFiles(t);
      const send = async (fields: Record<string, string>, files: Parameters<typeof partsOf>[1]) =>
        postMultipart(
          t,
          '/return/messages',
          partsOf(
            { form_token: await formTokenFrom(t, '/return/report', cookie), lang: 'kk', ...fields },
            files,
          ),
          { cookie },
        );
      const empty = await send({ body: '   ' }, [
        { name: '', type: 'application/octet-stream', content: '' },
      ]);
      assert.equal(empty.statusCode, 422);
      assert.ok(flat(empty.body).includes('Хабарлама жазыңыз немесе файл тіркеңіз.'));

      const typed = `сақтап қалыңыз ${randomHex(5)}`;
      const mismatch = await send({ body: typed }, [
        { name: 'ok.txt', type: 'text/plain', content: 'stored, then discarded' },
        { name: 'сурет.png', type: 'image/png', content: 'not a png at all' },
      ]);
      assert.equal(mismatch.statusCode, 422);
      assert.ok(
        flat(mismatch.body).includes('«сурет.png» файлының мазмұны оның түріне сәйкес келмейді.'),
      );
      assert.equal(textareaValue(mismatch.body, 'body'), typed);
      assert.ok(flat(mismatch.body).includes('оларды қайта таңдаңыз'));
      assert.equal(await countRows(t, 'report_messages', org.id), 0);
      assert.equal(await countRows(t, 'report_files', org.id), 0);
      assert.deepEqual(await blobFiles(t), blobsBefore, 'no blob and no partial file left');
    });

    test('sign-out ends the session at once and clears the cookie', async () => {
      const org = await createOrganisation(t);
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      const { cookie } = await signInAtReturn(t, codename);
      const out = await postUrlencoded(t, '/return/sign-out', { lang: 'en' }, { cookie });
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/return?session=signed_out&lang=en');
      const cleared = String(out.headers['set-cookie']);
      assert.match(cleared, /^__Host-qorgan_reporter=;/);
      assert.match(cleared, /Expires=Thu, 01 Jan 1970/);
      const again = await call(t, 'GET', '/return/report?lang=en', { cookie });
      assert.equal(again.statusCode, 303, 'the old cookie opens nothing');
      assert.equal(again.headers.location, '/return?session=ended&lang=en');
      const page = await call(t, 'GET', '/return?session=signed_out&lang=en');
      assert.ok(flat(page.body).includes('You have signed out.'));
    });

    test('the session ends after the idle time; a reply written meanwhile comes back to copy', async () => {
      const org = await createOrganisation(t);
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      const { cookie } = await signInAtReturn(t, codename);
      t.clock.advance((IDLE_MINUTES - 1) * 60_000);
      assert.equal((await call(t, 'GET', '/return/report', { cookie })).statusCode, 200);
      const token = await formTokenFrom(t, '/return/report', cookie);
      t.clock.advance((IDLE_MINUTES + 1) * 60_000);
      const typed = `a long reply ${randomHex(5)} <i>`;
      const late = await postMultipart(
        t,
        '/return/messages',
        partsOf({ form_token: token, lang: 'en', body: typed }),
        { cookie },
      );
      assert.equal(late.statusCode, 401);
      const page = flat(late.body);
      assert.ok(page.includes('Your session has ended. Enter your codename again.'));
      assert.ok(page.includes('Your message was not sent. Copy it'));
      assert.ok(late.body.includes(typed.replace('<', '&lt;').replace('>', '&gt;')));
      assert.equal(await countRows(t, 'report_messages', org.id), 0);
      const gone = await call(t, 'GET', '/return/report', { cookie });
      assert.equal(gone.statusCode, 303);
    });

    test('no cookie on any GET or before the sign-in; a new sign-in replaces the old session', async () => {
      for (const url of ['/report', '/return', '/return/report', '/return?session=ended']) {
        const res = await call(t, 'GET', url);
        assert.equal(res.headers['set-cookie'], undefined, url);
      }
      const org = await createOrganisation(t);
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      const first = await signInAtReturn(t, codename);
      const second = await signInAtReturn(t, codename, { cookie: first.cookie });
      assert.notEqual(first.cookie, second.cookie);
      assert.equal(
        (await call(t, 'GET', '/return/report', { cookie: first.cookie })).statusCode,
        303,
      );
      assert.equal(
        (await call(t, 'GET', '/return/report', { cookie: second.cookie })).statusCode,
        200,
      );
    });
  });

  describe(`codename sign-ins are rate-limited (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      const base = defaultConfig().intake;
      t = await createTestApp(database, { intake: { ...base, perClientReturnAttempts: 3 } });
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('past the limit a client gets a 429 in its language, no cookie, and the typed codename back', async () => {
      const from = { remoteAddress: '203.0.113.44' };
      for (let i = 0; i < 3; i++) {
        assert.equal((await signInAtReturn(t, generateCodename(), from)).res.statusCode, 303);
      }
      const typed = generateCodename();
      const token = await formTokenFrom(t, '/return');
      const limited = await postUrlencoded(
        t,
        '/return',
        { form_token: token, lang: 'kk', codename: typed },
        from,
      );
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.headers['set-cookie'], undefined);
      assert.ok(flat(limited.body).includes('Осы жерден тым көп әрекет жасалды.'));
      assert.ok(flat(limited.body).includes(`value="${typed}"`));
      const elsewhere = await signInAtReturn(t, generateCodename(), {
        remoteAddress: '203.0.113.45',
      });
      assert.equal(elsewhere.res.statusCode, 303);
    });
  });
}
