// The public pages as a reporter meets them: every page in ru, kk and en with its lang
// attribute, a quick exit and a language switch; no caching and no cookie on any GET;
// the form carries every field of the protocol in order, the data-* attributes the
// browser encryption needs, and no script or style from another origin.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import { INCIDENT_TYPES, OBLASTS } from '../../src/common/intake/vocabulary.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { flat, signInAtReturn, submitReport } from '../helpers/public-report.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const LOCALES = ['ru', 'kk', 'en'] as const;
const QUICK_EXIT = 'https://weather.example/today';

/** Words each page must show in its language (a title or a label). */
const EXPECTED: Record<string, Record<(typeof LOCALES)[number], string>> = {
  '/report': {
    ru: 'Сообщить о том, что случилось',
    kk: 'Болған оқиға туралы хабарлау',
    en: 'Report what happened',
  },
  form: { ru: 'Что случилось?', kk: 'Не болды?', en: 'What happened?' },
  '/return': { ru: 'Кодовая фраза', kk: 'Кодтық фраза', en: 'Codename' },
  '/return/report': { ru: 'Переписка', kk: 'Хат алмасу', en: 'Messages' },
  receipt: {
    ru: 'Ваше сообщение получено',
    kk: 'Хабарламаңыз қабылданды',
    en: 'Your report has been received',
  },
  notFound: { ru: 'Страница не найдена', kk: 'Бет табылмады', en: 'Page not found' },
};

function assertPublicPage(page: string, locale: string, what: string): void {
  const body = flat(page);
  assert.match(body, /^<!doctype html>/, `${what}: a document`);
  assert.match(body, new RegExp(`<html lang="${locale}">`), `${what}: lang=${locale}`);
  const exit =
    /<a class="quick-exit" href="([^"]+)" rel="noreferrer" data-quick-exit>([^<]+)<\/a>/.exec(body);
  assert.ok(exit, `${what}: a quick-exit link`);
  assert.equal(exit[1], QUICK_EXIT, `${what}: quick exit leads to the configured page`);
  assert.match(body, /<script src="\/public\/quick-exit.js" defer><\/script>/, what);
  assert.match(body, /<link rel="stylesheet" href="\/public\/style.css">/, what);
  // Nothing is loaded from another origin: every src and stylesheet is a local path.
  for (const [, url] of body.matchAll(/(?:src|href)="([^"]+)"/g)) {
    if (url === QUICK_EXIT) continue;
    assert.ok(url?.startsWith('/') || url?.startsWith('#'), `${what}: ${url} is local`);
  }
  assert.doesNotMatch(body, /style="|onclick=|<script>/, `${what}: no inline style or script`);
}

function assertNoStoreNoCookie(res: { headers: Record<string, unknown> }, what: string): void {
  assert.equal(res.headers['cache-control'], 'no-store', `${what}: not cached`);
  assert.equal(res.headers['set-cookie'], undefined, `${what}: no cookie`);
}

for (const engine of engines()) {
  describe(`public pages (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    let cookie: string;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database, { quickExitUrl: QUICK_EXIT });
      org = await createOrganisation(t, 'Қорған Алматы & <Friends>');
      const { codename } = await submitReport(t, org);
      assert.ok(codename);
      cookie = (await signInAtReturn(t, codename)).cookie;
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    for (const locale of LOCALES) {
      test(`every page in ${locale}: lang, quick exit, language switch, no cache, no cookie`, async () => {
        const pages: [string, string, string | undefined][] = [
          ['/report', EXPECTED['/report']![locale], undefined],
          [`/report/${org.slug}`, EXPECTED.form![locale], undefined],
          ['/return', EXPECTED['/return']![locale], undefined],
          ['/return/report', EXPECTED['/return/report']![locale], cookie],
        ];
        for (const [path, words, withCookie] of pages) {
          const res = await call(t, 'GET', `${path}?lang=${locale}`, { cookie: withCookie });
          assert.equal(res.statusCode, 200, `${path}: ${res.body.slice(0, 300)}`);
          assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
          assertPublicPage(res.body, locale, path);
          assertNoStoreNoCookie(res, path);
          const body = flat(res.body);
          assert.ok(body.includes(words), `${path} in ${locale} says "${words}"`);
          for (const other of LOCALES) {
            assert.ok(
              body.includes(`href="${path}?lang=${other}" lang="${other}"`),
              `${path}: a link to the same page in ${other}`,
            );
          }
          assert.match(body, new RegExp(`href="${path}\\?lang=${locale}"[^>]*aria-current="page"`));
        }

        const receipt = await submitReport(t, org, { lang: locale });
        assert.equal(receipt.res.statusCode, 200);
        assertPublicPage(receipt.res.body, locale, 'receipt');
        assert.ok(flat(receipt.res.body).includes(EXPECTED.receipt![locale]));
        assertNoStoreNoCookie(receipt.res, 'receipt');
        // A language link would reload the form as a GET and lose the codename.
        assert.doesNotMatch(
          receipt.res.body,
          /class="languages"/,
          'no language switch on a receipt',
        );

        const missing = await call(t, 'GET', `/report/no-such-org?lang=${locale}`);
        assert.equal(missing.statusCode, 404);
        assertPublicPage(missing.body, locale, 'not found');
        assert.ok(flat(missing.body).includes(EXPECTED.notFound![locale]));
        assertNoStoreNoCookie(missing, 'not found');
      });
    }

    test('the language comes from ?lang, then Accept-Language, then the organisation', async () => {
      const byHeader = await call(t, 'GET', `/report/${org.slug}`, {
        headers: { 'accept-language': 'de-DE, kk;q=0.8, ru;q=0.5' },
      });
      assert.match(byHeader.body, /<html lang="kk">/);
      const byQuery = await call(t, 'GET', `/report/${org.slug}?lang=ru`, {
        headers: { 'accept-language': 'kk' },
      });
      assert.match(byQuery.body, /<html lang="ru">/);
      // createOrganisation makes an organisation whose default language is English.
      const byOrganisation = await call(t, 'GET', `/report/${org.slug}`, {
        headers: { 'accept-language': 'de, fr' },
      });
      assert.match(byOrganisation.body, /<html lang="en">/);
      const unknownLang = await call(t, 'GET', '/report?lang=xx');
      assert.match(unknownLang.body, /<html lang="ru">/, 'no header, no organisation: Russian');
    });

    test('/report lists the organisations that accept reports, and only those', async () => {
      const paused = await createOrganisation(t, 'Paused organisation');
      await t.database.db
        .updateTable('organisations')
        .set({ accepts_reports: false })
        .where('id', '=', paused.id)
        .execute();
      const res = await call(t, 'GET', '/report?lang=en');
      assert.ok(res.body.includes(`href="/report/${org.slug}?lang=en"`));
      assert.ok(
        flat(res.body).includes('Қорған Алматы &amp; &lt;Friends&gt;'),
        'names are escaped',
      );
      assert.ok(!res.body.includes('Paused organisation'));
      assert.equal((await call(t, 'GET', `/report/${paused.slug}`)).statusCode, 404);
      assert.equal((await call(t, 'GET', '/report/..%2F..%2Fetc')).statusCode, 404);
    });

    test('the form: explanation, every field in protocol order, hints, data attributes', async () => {
      const res = await call(t, 'GET', `/report/${org.slug}?lang=en`);
      const body = flat(res.body);
      for (const words of [
        'Only the staff of Қорған Алматы &amp; &lt;Friends&gt;',
        'the server that keeps it cannot read it',
        'Nothing you write is shared with anyone or published without your consent',
        'Statistics count incidents, never people',
        'private (incognito) window',
        'do not keep it there',
        'Quick exit',
        'not a shared phone, and not a messenger account your family or partner can open',
        'each at most 100 MB',
        'Also keep the original photos, with their metadata, as evidence',
      ]) {
        assert.ok(body.includes(words), `the page says: ${words}`);
      }
      const form = /<form class="report-form"[^>]*>/.exec(body)?.[0] ?? '';
      assert.match(form, /method="post"/);
      assert.match(form, /enctype="multipart\/form-data"/);
      assert.match(form, new RegExp(`action="/report/${org.slug}"`));
      assert.ok(form.includes(`data-org-public-key="${toB64(org.orgKeyPair.publicKey)}"`));
      assert.ok(form.includes(`data-max-file-bytes="${t.config.intake.maxFileBytes}"`));
      assert.match(body, /<script type="module" src="\/public\/report-form.js"><\/script>/);

      const formHtml = body.slice(
        body.indexOf('<form class="report-form"'),
        body.indexOf('</form>'),
      );
      const names = [...formHtml.matchAll(/ name="([a-z_]+)"/g)].map((m) => m[1]);
      const order = [...new Set(names)];
      assert.deepEqual(order, [
        'form_token',
        'lang',
        'reporter_role',
        'incident_types',
        'date_precision',
        'date_year',
        'date_month',
        'date_day',
        'oblast',
        'city',
        'place_type',
        'online_platform',
        'exact_place',
        'perpetrator_types',
        'bias_indicators',
        'bias_details',
        'reported_to_police',
        'police_response',
        'police_details',
        'not_reported_reasons',
        'wishes',
        'contact',
        'narrative',
        'keep_metadata',
        'files',
      ]);
      for (const term of INCIDENT_TYPES) {
        assert.ok(body.includes(`value="${term.code}"`), `incident type ${term.code}`);
      }
      assert.ok(body.includes(OBLASTS[0].label.en));
      // Accessible: every group in a fieldset with a legend; every control has a label.
      assert.ok(
        /<legend>What happened\?\s?<span class="required">\(required\)<\/span><\/legend>/.test(
          body,
        ),
        'the one required question says so in its legend',
      );
      for (const [, id] of body.matchAll(
        /<(?:input|select|textarea) (?:type="(?:text|checkbox|radio|file)" )?id="([^"]+)"/g,
      )) {
        assert.ok(body.includes(`<label for="${id}">`), `a label for ${id}`);
      }
      assert.equal((body.match(/<fieldset/g) ?? []).length, (body.match(/<legend/g) ?? []).length);
    });

    test('static files: the stylesheet and the quick-exit script, nothing else', async () => {
      const css = await call(t, 'GET', '/public/style.css');
      assert.equal(css.statusCode, 200);
      assert.match(String(css.headers['content-type']), /^text\/css/);
      assert.doesNotMatch(css.body, /@import|url\(|@font-face/, 'no external fonts or images');
      const js = await call(t, 'GET', '/public/quick-exit.js');
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['content-type']), /^text\/javascript/);
      assert.match(js.body, /location\.replace/);
      assert.match(js.body, /Escape/);
      for (const url of [
        '/public/..%2Fhtml.ts',
        '/public/static.routes.ts',
        '/public/nothing.js',
      ]) {
        assert.equal((await call(t, 'GET', url)).statusCode, 404, url);
      }
    });
  });
}
