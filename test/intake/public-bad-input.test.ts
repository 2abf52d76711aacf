// Bad input on the report form (issue 3, "Bad input"): each case gets a clear message in
// the language of the form, the form comes back with what was typed (files must be chosen
// again, and it says so), and nothing is half-stored: no report row, no notification, no
// audit row, no blob, no partial file.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { randomHex } from '../helpers/http.ts';
import {
  blobFiles,
  countRows,
  flat,
  formTokenFrom,
  submitReport,
  textareaValue,
  type SubmitOptions,
} from '../helpers/public-report.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { pdfBytes, phonePhoto } from '../files/support.ts';

const MAX_FILE_BYTES = 64 * 1024;

interface Case {
  what: string;
  lang: 'ru' | 'kk' | 'en';
  status: number;
  /** The message, in the form's language. */
  message: string;
  build(t: TestApp, org: TestOrganisation, typed: string): Promise<SubmitOptions>;
}

const FILES_AGAIN = {
  ru: 'выберите их снова перед отправкой',
  kk: 'оларды қайта таңдаңыз',
  en: 'choose them again before sending',
};

const CASES: Case[] = [
  {
    what: 'a missing required choice',
    lang: 'ru',
    status: 422,
    message: 'Отметьте хотя бы один ответ в вопросе «Что случилось?».',
    build: async (_t, _org, typed) => ({
      fields: { reporter_role: 'witness', narrative: typed },
      files: [{ name: 'note.txt', type: 'text/plain', content: 'a note' }],
    }),
  },
  {
    what: 'a date in the future',
    lang: 'kk',
    status: 422,
    message: 'Бұл күн әлі келген жоқ. Жылды, айды және күнді тексеріңіз.',
    build: async (t, _org, typed) => {
      const next = new Date(t.clock.now().getTime() + 3 * 86_400_000 * 365);
      return {
        fields: {
          incident_types: 'threats',
          date_precision: 'year',
          date_year: String(next.getUTCFullYear()),
          narrative: typed,
        },
      };
    },
  },
  {
    what: 'a date in the future, shown together with a missing required choice',
    lang: 'ru',
    status: 422,
    message: 'Эта дата ещё не наступила.',
    build: async (t, _org, typed) => {
      const next = new Date(t.clock.now().getTime() + 3 * 86_400_000 * 365);
      return {
        fields: {
          date_precision: 'year',
          date_year: String(next.getUTCFullYear()),
          narrative: typed,
        },
      };
    },
  },
  {
    what: 'a file over the size limit (after a good file was already stored)',
    lang: 'en',
    status: 413,
    message: '“big.pdf” is larger than 0.1 MB. Choose a smaller file or leave it out.',
    build: async (_t, _org, typed) => ({
      fields: { incident_types: 'threats', narrative: typed },
      files: [
        { name: 'fine.txt', type: 'text/plain', content: 'stored first, then discarded' },
        {
          name: 'big.pdf',
          type: 'application/pdf',
          content: new Uint8Array([...pdfBytes(), ...new Uint8Array(MAX_FILE_BYTES)]),
        },
      ],
    }),
  },
  {
    what: 'a file whose content does not match its type',
    lang: 'ru',
    status: 422,
    message: 'Содержимое файла «photo.jpg» не совпадает с его типом. Выберите другой файл.',
    build: async (_t, _org, typed) => ({
      fields: { incident_types: 'threats', narrative: typed, keep_metadata: '1' },
      files: [
        { name: 'real.jpg', type: 'image/jpeg', content: await phonePhoto() },
        { name: 'photo.jpg', type: 'image/jpeg', content: pdfBytes() },
      ],
    }),
  },
  {
    what: 'an expired form',
    lang: 'kk',
    status: 422,
    message: 'Форма тым ұзақ ашық тұрды, сондықтан мерзімі өтіп кетті.',
    build: async (t, org, typed) => {
      const token = await formTokenFrom(t, `/report/${org.slug}`);
      t.clock.advance((t.config.intake.formTokenHours + 1) * 3_600_000);
      return { token, fields: { incident_types: 'threats', narrative: typed } };
    },
  },
  {
    what: 'a form token that was tampered with, or belongs to another form',
    lang: 'en',
    status: 422,
    message: 'This form could not be checked. Your answers are still here: send it again.',
    build: async (t, _org, typed) => {
      const other = await createOrganisation(t);
      const token = await formTokenFrom(t, `/report/${other.slug}`);
      return { token, fields: { incident_types: 'threats', narrative: typed } };
    },
  },
  {
    what: 'a text over its limit',
    lang: 'ru',
    status: 422,
    message: 'Слишком длинно: не больше 1000 символов.',
    build: async (_t, _org, typed) => ({
      fields: { incident_types: 'threats', narrative: typed, contact: 'x'.repeat(1001) },
    }),
  },
  {
    what: 'a code that is not in the list',
    lang: 'en',
    status: 422,
    message: 'Choose one of the answers in the list.',
    build: async (_t, _org, typed) => ({
      fields: { incident_types: 'threats', oblast: 'atlantis', narrative: typed },
    }),
  },
];

for (const engine of engines()) {
  describe(`bad input on the report form (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database, {
        intake: { ...defaults(), maxFileBytes: MAX_FILE_BYTES, perClientSubmissions: 1000 },
      });
    });
    after(async () => {
      await t.close();
      await database.close();
    });
    const defaults = () => ({
      maxFileBytes: MAX_FILE_BYTES,
      perClientSubmissions: 10,
      windowMinutes: 10,
      globalSubmissionsPerMinute: 1000,
      perClientReturnAttempts: 20,
      formTokenHours: 6,
      reporterSessionIdleMinutes: 30,
    });

    for (const c of CASES) {
      test(`${c.what}: a message in ${c.lang}, the answers kept, nothing stored`, async () => {
        const org = await createOrganisation(t);
        const audit = await auditCount(t, org);
        const typed = `Мен көрдім <b>${randomHex(6)}</b> & "так"`;
        const options = await c.build(t, org, typed);
        const { res, codename } = await submitReport(t, org, { lang: c.lang, ...options });
        assert.equal(res.statusCode, c.status, flat(res.body).slice(0, 1500));
        assert.equal(codename, null, 'no receipt');
        assert.equal(res.headers['set-cookie'], undefined);
        assert.match(res.body, new RegExp(`<html lang="${c.lang}">`));
        const page = flat(res.body);
        assert.ok(page.includes('class="error-summary" role="alert"'), 'an error summary');
        const escaped = c.message
          .replace(/&/g, '&amp;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;');
        assert.ok(page.includes(escaped), `the message "${c.message}" in ${page.slice(0, 3000)}`);
        assert.ok(page.includes(FILES_AGAIN[c.lang]), 'says to choose the files again');
        assert.equal(textareaValue(res.body, 'narrative'), typed, 'the narrative comes back');
        assert.ok(!res.body.includes(typed), 'escaped');
        assert.ok(page.includes('name="form_token" value="v1.'), 'a fresh token to send again');

        assert.equal(await countRows(t, 'reports', org.id), 0, 'no report');
        assert.equal(await countRows(t, 'report_files', org.id), 0, 'no file row');
        assert.equal(await countRows(t, 'notifications', org.id), 0, 'no notification');
        assert.equal(await auditCount(t, org), audit, 'no audit row');
        assert.deepEqual(await blobFiles(t), [], 'no blob and no partial file');
      });
    }

    test('the error summary links to the field, which says what is wrong', async () => {
      const org = await createOrganisation(t);
      const { res } = await submitReport(t, org, {
        lang: 'en',
        fields: { incident_types: 'threats', date_precision: 'day', date_year: '2024' },
      });
      assert.equal(res.statusCode, 422);
      const page = flat(res.body);
      assert.ok(page.includes('<a href="#f-date_precision-day">Fill in the parts of the date'));
      assert.ok(page.includes('id="g-date_precision-error"'));
      assert.ok(
        /<fieldset class="group sub has-error" id="g-date_precision" aria-describedby="g-date_precision-hint g-date_precision-error" aria-invalid="true">/.test(
          page,
        ),
      );
      assert.ok(page.includes('value="day" checked'), 'the choice is kept');
      assert.ok(page.includes('name="date_year" value="2024"'), 'and the year');
      assert.ok(
        page.includes(
          '<input type="checkbox" id="f-incident_types-threats" name="incident_types" value="threats" checked>',
        ),
      );
    });

    test('a failure on our side (the disk is full) keeps the answers and leaves nothing', async () => {
      const org = await createOrganisation(t);
      const put = t.blobs.put.bind(t.blobs);
      let calls = 0;
      // The second file fails as a full disk would, after the first was stored.
      t.blobs.put = async (key, chunks) => {
        calls += 1;
        if (calls < 2) return put(key, chunks);
        for await (const _chunk of chunks) void _chunk;
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      };
      try {
        const typed = `keep me ${randomHex(4)}`;
        const { res } = await submitReport(t, org, {
          lang: 'kk',
          fields: { incident_types: 'threats', narrative: typed },
          files: [
            { name: 'one.txt', type: 'text/plain', content: 'first' },
            { name: 'two.txt', type: 'text/plain', content: 'second' },
          ],
        });
        assert.equal(res.statusCode, 500);
        assert.ok(flat(res.body).includes('Бізде бірдеңе дұрыс болмады, ештеңе сақталған жоқ.'));
        assert.equal(textareaValue(res.body, 'narrative'), typed);
      } finally {
        t.blobs.put = put;
      }
      assert.equal(calls, 2);
      assert.equal(await countRows(t, 'reports', org.id), 0);
      assert.deepEqual(await blobFiles(t), [], 'the first file was removed again');
    });

    test('a form that is not multipart, or is cut short, is refused and stores nothing', async () => {
      const org = await createOrganisation(t);
      const json = await t.app.inject({
        method: 'POST',
        url: `/report/${org.slug}`,
        payload: { incident_types: 'threats' },
      });
      assert.equal(json.statusCode, 400);
      assert.ok(flat(json.body).includes('The form could not be read'));
      const token = await formTokenFrom(t, `/report/${org.slug}`);
      const cut = await t.app.inject({
        method: 'POST',
        url: `/report/${org.slug}`,
        headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
        payload: `--XyZ\r\nContent-Disposition: form-data; name="form_token"\r\n\r\n${token}\r\n--XyZ\r\nContent-Disposition: form-data; name="incident_types"\r\n\r\nthreats\r\n--XyZ\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalf a fi`,
      });
      assert.ok([400, 422].includes(cut.statusCode), `${cut.statusCode}`);
      assert.equal(await countRows(t, 'reports', org.id), 0);
      assert.deepEqual(await blobFiles(t), []);
    });
  });

  describe(`a flood of submissions (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database, {
        intake: {
          maxFileBytes: MAX_FILE_BYTES,
          perClientSubmissions: 2,
          windowMinutes: 10,
          globalSubmissionsPerMinute: 5,
          perClientReturnAttempts: 20,
          formTokenHours: 6,
          reporterSessionIdleMinutes: 30,
        },
      });
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    test('one client: the third in a window gets a 429 in its language, with the answers kept', async () => {
      const org = await createOrganisation(t);
      const from = { remoteAddress: '203.0.113.5' };
      for (let i = 0; i < 2; i++) {
        const ok = await submitReport(t, org, { ...from, lang: 'ru' });
        assert.equal(ok.res.statusCode, 200);
      }
      const typed = `не потеряйте это ${randomHex(5)}`;
      const flood = await submitReport(t, org, {
        ...from,
        lang: 'ru',
        fields: { incident_types: 'threats', narrative: typed },
        files: [{ name: 'n.txt', type: 'text/plain', content: 'never stored' }],
      });
      assert.equal(flood.res.statusCode, 429);
      const page = flat(flood.res.body);
      assert.ok(page.includes('Отсюда отправили слишком много форм за короткое время.'));
      assert.ok(page.includes('подождите 10 мин.'));
      assert.equal(textareaValue(flood.res.body, 'narrative'), typed, 'what was typed is kept');
      assert.equal(await countRows(t, 'reports', org.id), 2);
      assert.equal(await countRows(t, 'report_files', org.id), 0);

      // Another client is not affected; after the window the first may send again.
      const other = await submitReport(t, org, { remoteAddress: '198.51.100.9' });
      assert.equal(other.res.statusCode, 200);
      t.clock.advance(10 * 60_000 + 1);
      const later = await submitReport(t, org, from);
      assert.equal(later.res.statusCode, 200);
    });

    test('many clients: the instance-wide budget per minute applies, in Kazakh', async () => {
      const org = await createOrganisation(t);
      t.clock.advance(60_000);
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i < 7; i++) {
        const { res } = await submitReport(t, org, {
          remoteAddress: `192.0.2.${i + 10}`,
          lang: 'kk',
        });
        statuses.push(res.statusCode);
        last = flat(res.body);
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      assert.ok(last.includes('Қазір сайтқа хабарлама өте көп келіп жатыр.'));
    });
  });
}

async function auditCount(t: TestApp, org: TestOrganisation): Promise<number> {
  const row = await t.database.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('organisation_id', '=', org.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
