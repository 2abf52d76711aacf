// The reporter's journey in a real browser, in ru, kk and en, with JavaScript off and on:
// /report → the organisation → the page's language switch → the explanation in that
// language → the form filled in as a person would (by labels) with a mistake or two on the
// way → a photo → the receipt and its codename → /return in a new visit → the status in
// plain words → a staff reply read on reload → an answer with a file → sign out.
// On every page: Cache-Control: no-store, a visible quick exit that leads away, <html lang>,
// no sideways scroll at 360 px; no cookie before the codename sign-in, and a session cookie
// after it; no request to any other origin (the stubbed quick-exit target, reached on
// purpose, is the only one); no serious accessibility violation (axe-core) on the form,
// the receipt, the return page and the reporter's page; the quick exit (and, with
// JavaScript, the Escape key) leaves for the neutral site without a new history entry.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Locale } from '../src/common/api/accounts.ts';
import type { ReportDetailDto } from '../src/common/api/intake.ts';
import { fromB64, toB64 } from '../src/common/crypto/encoding.ts';
import { decryptFieldText, openSealedText, sealTo } from '../src/common/crypto/envelope.ts';
import { openRecordKey } from '../src/common/crypto/keys.ts';
import { DETAILS_CONTEXT, fileMeta, reportDetails } from '../src/common/intake/report.ts';
import {
  DATE_PRECISIONS,
  INCIDENT_TYPES,
  labelOf,
  NOT_REPORTED_REASONS,
  OBLASTS,
  PERPETRATOR_TYPES,
  POLICE_REPORTED,
  REPORTER_ROLES,
  WISHES,
} from '../src/common/intake/vocabulary.ts';
import { defaultConfig } from '../src/server/config.ts';
import { LOCALE_NAMES } from '../src/server/modules/intake/public/locale.ts';
import {
  translatorFor,
  type PublicMessageKey,
} from '../src/server/modules/intake/public/messages/index.ts';
import { REPORTER_COOKIE } from '../src/server/modules/intake/public/reporter-sessions.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { createOrganisation, type TestOrganisation } from '../test/helpers/factories.ts';
import { call } from '../test/helpers/http.ts';
import { countRows } from '../test/helpers/public-report.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser, REPO_ROOT } from './helpers/browser.ts';

const VIEWPORT = { width: 360, height: 740 };
const LOCALES = ['ru', 'kk', 'en'] as const;
/** The neutral site the quick exit leads to; stubbed, so no real network is used. */
const QUICK_EXIT = 'https://weather.example/today?q=weather';
const QUICK_EXIT_ORIGIN = new URL(QUICK_EXIT).origin;
/** The language each journey's browser starts in, so the switch really changes it. */
const STARTING_LOCALE: Record<Locale, Locale> = { ru: 'kk', kk: 'en', en: 'ru' };
const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Words a person might type, with an ASCII marker to look for. */
const marker = (what: string) => `${what}-${randomBytes(6).toString('hex')}`;

async function photoPng(): Promise<Buffer> {
  return sharp(randomBytes(24 * 16 * 3), { raw: { width: 24, height: 16, channels: 3 } })
    .png()
    .toBuffer();
}

async function photoJpeg(): Promise<Buffer> {
  return sharp(randomBytes(32 * 24 * 3), { raw: { width: 32, height: 24, channels: 3 } })
    .jpeg({ quality: 80 })
    .withExif({ IFD0: { Make: 'PhoneMake', Model: 'PhoneModel' } })
    .toBuffer();
}

/**
 * Everything the journey's pages did that they must not: collected, asserted empty at the
 * end, so that one run reports every problem at once.
 */
class Watch {
  readonly problems: string[] = [];
  /** Requests that left the origin, with whether the quick exit was being used then. */
  readonly foreign: { url: string; intended: boolean }[] = [];
  /** Same-origin responses seen (to show the no-store check ran). */
  responses = 0;
  exitIntended = false;
  readonly origin: string;
  readonly locale: Locale;
  readonly javaScript: boolean;
  readonly browser: Browser;

  constructor(browser: Browser, origin: string, locale: Locale, javaScript: boolean) {
    this.browser = browser;
    this.origin = origin;
    this.locale = locale;
    this.javaScript = javaScript;
  }

  /** A new browser context (a new visit), in `browserLocale`, with every request watched. */
  async context(browserLocale: Locale): Promise<BrowserContext> {
    const context = await this.browser.newContext({
      viewport: VIEWPORT,
      locale: browserLocale,
      javaScriptEnabled: this.javaScript,
    });
    context.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(`${this.origin}/`)) {
        this.foreign.push({ url, intended: this.exitIntended });
      }
    });
    context.on('response', (r) => {
      if (!r.url().startsWith(`${this.origin}/`)) return;
      this.responses++;
      const cache = r.headers()['cache-control'];
      if (cache !== 'no-store') {
        this.problems.push(`${r.status()} ${r.url()}: Cache-Control ${String(cache)}`);
      }
    });
    context.on('console', (m) => {
      // Chromium logs each 4xx page ("Failed to load resource … 422"): a form sent back
      // with errors is one. Anything else is a page error.
      if (
        m.type() === 'error' &&
        !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
      ) {
        this.problems.push(`console error: ${m.text()}`);
      }
    });
    context.on('weberror', (e) => this.problems.push(`page error: ${e.error().message}`));
    // Nothing reaches the network outside the test server: the neutral site is a stub,
    // served only while the quick exit is being used; anything else is refused (and was
    // recorded above as a request that left the origin).
    await context.route(
      (url) => url.origin !== this.origin,
      async (route) => {
        if (this.exitIntended && new URL(route.request().url()).origin === QUICK_EXIT_ORIGIN) {
          await route.fulfill({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            body: '<!doctype html><title>Weather</title><h1>Weather today</h1>',
          });
        } else await route.abort('blockedbyclient');
      },
    );
    return context;
  }

  /** Checks the public page now shown; `axe` also runs the accessibility rules. */
  async page(
    page: Page,
    name: string,
    options: { axe?: boolean; locale?: Locale } = {},
  ): Promise<void> {
    const locale = options.locale ?? this.locale;
    const t = translatorFor(locale);
    const html = page.locator('html');
    if ((await html.getAttribute('lang')) !== locale)
      this.problems.push(`${name}: <html lang="${await html.getAttribute('lang')}">`);
    const exit = page.getByRole('link', { name: t('layout.quickExit'), exact: true });
    if ((await exit.count()) !== 1 || !(await exit.isVisible())) {
      this.problems.push(`${name}: no visible quick exit`);
    } else {
      const href = (await exit.getAttribute('href')) ?? '';
      if (href !== QUICK_EXIT) this.problems.push(`${name}: quick exit leads to ${href}`);
      const box = await exit.boundingBox();
      if (!box || box.y > 120) this.problems.push(`${name}: quick exit not at the top`);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > VIEWPORT.width) this.problems.push(`${name}: scrolls sideways (${width}px)`);
    if (options.axe) {
      const violations = this.javaScript
        ? await seriousViolations(page)
        : await seriousViolationsWithoutScript(page, this.browser);
      for (const v of violations) {
        this.problems.push(`${name}: accessibility: ${v}`);
      }
    }
  }
}

/** axe-core's serious and critical WCAG 2 A/AA violations on the page now shown. */
async function seriousViolations(page: Page): Promise<string[]> {
  // page.evaluate runs through the DevTools protocol, outside the page's CSP.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * The same check for a page shown with JavaScript off. DevTools still evaluates there, but
 * no timer fires, and axe needs timers: the page's document, its scripts removed (so it is
 * what the reporter saw), is checked again in a page where JavaScript runs, served at the
 * same address so that its stylesheet loads from the server.
 */
async function seriousViolationsWithoutScript(page: Page, browser: Browser): Promise<string[]> {
  const address = page.url();
  const document = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: true });
  try {
    const copy = await context.newPage();
    await copy.route(
      (url) => url.href === address,
      (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: document }),
    );
    await copy.goto(address);
    return await seriousViolations(copy);
  } finally {
    await context.close();
  }
}

const skip = browserSkip();

describe('the reporter, in a browser', { skip }, () => {
  let browser: Browser;
  let t: TestApp;
  let origin: string;

  before(async () => {
    // `npm test` builds first; a direct `node --test` of this file may not have.
    const built = spawnSync(process.execPath, ['scripts/build-web.ts', '--if-stale'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    assert.equal(built.status, 0, 'the browser code builds');
    const database = await openDatabase({});
    await migrate(database);
    const base = defaultConfig();
    t = await createTestApp(database, {
      quickExitUrl: QUICK_EXIT,
      // Six journeys from one address, each sending forms back with errors on purpose.
      intake: { ...base.intake, perClientSubmissions: 1000, perClientReturnAttempts: 1000 },
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    const database = t?.database;
    await t?.close();
    await database?.close();
  });

  for (const javaScript of [false, true]) {
    for (const locale of LOCALES) {
      const mode = javaScript ? 'JavaScript on' : 'JavaScript off';
      test(`${locale}, ${mode}: report with a photo, codename, status, reply, answer, sign out`, async () => {
        const t_ = translatorFor(locale);
        const term = (terms: Parameters<typeof labelOf>[0], code: string) =>
          labelOf(terms, code, locale);
        const watch = new Watch(browser, origin, locale, javaScript);
        const orgName = `Шырақ ${locale} ${javaScript ? 'js' : 'html'}`;
        const org: TestOrganisation = await createOrganisation(t, orgName);
        const heading = (page: Page, key: PublicMessageKey, params?: Record<string, string>) =>
          page.getByRole('heading', { name: t_(key, params), exact: true });
        const button = (page: Page, key: PublicMessageKey) =>
          page.getByRole('button', { name: t_(key), exact: true });
        const field = (page: Page, key: PublicMessageKey) =>
          page.getByLabel(t_(key), { exact: true });
        const group = (page: Page, key: PublicMessageKey, required = false) =>
          page.getByRole('group', {
            name: required ? `${t_(key)} (${t_('field.required')})` : t_(key),
            exact: true,
          });

        const narrative = `${marker('narrative')} ${
          {
            ru: 'Мне угрожали у подъезда.',
            kk: 'Маған кіреберісте қорқытты.',
            en: 'They threatened me.',
          }[locale]
        }`;
        const city = marker('city');
        const contact = marker('contact');

        // ---- /report, in the browser's language; then the organisation ----
        const visit = await watch.context(STARTING_LOCALE[locale]);
        const page = await visit.newPage();
        await page.goto(`${origin}/report`);
        const startT = translatorFor(STARTING_LOCALE[locale]);
        await page
          .getByRole('heading', { name: startT('orgs.title'), exact: true, level: 1 })
          .waitFor();
        await watch.page(page, '/report', { locale: STARTING_LOCALE[locale] });
        assert.deepEqual(await visit.cookies(), [], 'no cookie on /report');
        await page.getByRole('link', { name: orgName, exact: true }).click();
        await page.waitForURL(new RegExp(`/report/${org.slug}`));

        // ---- the language switch on the page ----
        await page
          .getByRole('navigation', { name: startT('layout.languages') })
          .getByRole('link', { name: LOCALE_NAMES[locale], exact: true })
          .click();
        await heading(page, 'report.title', { organisation: orgName }).waitFor();
        assert.equal(await page.locator('html').getAttribute('lang'), locale);
        // The explanation comes first, in this language.
        for (const key of [
          'report.whoReads.title',
          'report.whatDone.title',
          'report.safety.title',
        ] as const) {
          assert.ok(await heading(page, key).isVisible(), `the page says: ${t_(key)}`);
        }
        await page.getByText(t_('report.whoReads.body', { organisation: orgName })).waitFor();
        await page.getByText(t_('report.safety.exit')).waitFor();
        if (javaScript) await page.locator('form[data-enhanced="encrypt"]').waitFor();
        await watch.page(page, 'form', { axe: true });

        // ---- filling in, first without "What happened?" ----
        await group(page, 'form.reporterRole').getByLabel(term(REPORTER_ROLES, 'victim')).check();
        await field(page, 'form.oblast').selectOption({ label: term(OBLASTS, 'almaty_city') });
        await field(page, 'form.city').fill(city);
        await group(page, 'form.perpetrators')
          .getByLabel(term(PERPETRATOR_TYPES, 'stranger'), { exact: true })
          .check();
        await group(page, 'form.reportedToPolice')
          .getByLabel(term(POLICE_REPORTED, 'no'), { exact: true })
          .check();
        await group(page, 'form.notReported')
          .getByLabel(term(NOT_REPORTED_REASONS, 'fear_outing'), { exact: true })
          .check();
        await group(page, 'form.wishes')
          .getByLabel(term(WISHES, 'documentation_only'), { exact: true })
          .check();
        await field(page, 'form.contact').fill(contact);
        await field(page, 'form.narrative').fill(narrative);
        await button(page, 'report.submit').click();
        await page.getByRole('alert').getByText(t_('error.incident_types_required')).waitFor();
        await watch.page(page, 'form sent back', { axe: true });
        assert.equal(await field(page, 'form.narrative').inputValue(), narrative, 'narrative kept');
        assert.equal(await field(page, 'form.city').inputValue(), city);
        assert.equal(await field(page, 'form.contact').inputValue(), contact);
        assert.ok(
          await group(page, 'form.reporterRole')
            .getByLabel(term(REPORTER_ROLES, 'victim'))
            .isChecked(),
          'answers kept',
        );
        assert.equal(
          await group(page, 'form.incidentTypes', true).getAttribute('aria-invalid'),
          'true',
        );

        // ---- then with a date in the future ----
        const incidentTypes = group(page, 'form.incidentTypes', true);
        await incidentTypes.getByLabel(term(INCIDENT_TYPES, 'threats'), { exact: true }).check();
        await incidentTypes.getByLabel(term(INCIDENT_TYPES, 'harassment'), { exact: true }).check();
        const nextYear = new Date().getUTCFullYear() + 1;
        await page.getByLabel(term(DATE_PRECISIONS, 'day'), { exact: true }).check();
        await field(page, 'form.dateYear').fill(String(nextYear));
        await field(page, 'form.dateMonth').selectOption(t_('month.6'));
        await field(page, 'form.dateDay').fill('15');
        await button(page, 'report.submit').click();
        await page.getByRole('alert').getByText(t_('error.date_in_future')).waitFor();
        await watch.page(page, 'form sent back (date)');
        assert.equal(await field(page, 'form.narrative').inputValue(), narrative, 'narrative kept');
        assert.ok(
          await incidentTypes
            .getByLabel(term(INCIDENT_TYPES, 'threats'), { exact: true })
            .isChecked(),
        );
        assert.equal(await countRows(t, 'reports', org.id), 0, 'nothing stored from a refusal');

        // ---- corrected, with a photo, sent ----
        const lastYear = nextYear - 2;
        await page.getByLabel(term(DATE_PRECISIONS, 'month'), { exact: true }).check();
        await field(page, 'form.dateYear').fill(String(lastYear));
        await field(page, 'form.dateMonth').selectOption(t_('month.3'));
        await field(page, 'form.dateDay').fill('');
        const photo = await photoPng();
        const photoName = `${marker('photo')}.png`;
        await field(page, 'form.files.label').setInputFiles({
          name: photoName,
          mimeType: 'image/png',
          buffer: photo,
        });
        assert.deepEqual(await visit.cookies(), [], 'no cookie while filling in the form');
        await button(page, 'report.submit').click();
        await heading(page, 'receipt.title').waitFor({ timeout: 60_000 });
        await watch.page(page, 'receipt', { axe: true });

        // ---- the receipt: the codename, and nothing of the report ----
        const codename = ((await page.getByLabel(t_('receipt.codenameLabel')).textContent()) ?? '')
          .trim()
          .replace(/\s+/g, ' ');
        const words = codename.split(' ');
        assert.equal(words.length, 8, `eight words: "${codename}"`);
        for (const word of words) assert.ok(wordlist.includes(word), `"${word}" is a list word`);
        await page.getByText(t_('receipt.onlyOnce')).waitFor();
        const receipt = await page.content();
        for (const typed of [narrative, narrative.split(' ')[0] ?? '', city, contact, photoName]) {
          assert.ok(!receipt.includes(typed), `the receipt does not show "${typed}"`);
        }
        assert.deepEqual(await visit.cookies(), [], 'no cookie after sending a report');

        // What the organisation gets: one report, opened with its key, as typed.
        assert.equal(await countRows(t, 'reports', org.id), 1);
        const stored = await t.database.db
          .selectFrom('reports')
          .select(['id', 'encrypted_by', 'incident_types', 'incident_date', 'locale'])
          .where('organisation_id', '=', org.id)
          .executeTakeFirstOrThrow();
        assert.equal(stored.encrypted_by, javaScript ? 'browser' : 'server');
        assert.deepEqual([...stored.incident_types].sort(), ['harassment', 'threats']);
        assert.equal(stored.locale, locale);
        const detail = async () =>
          (
            await call(t, 'GET', `/api/reports/${stored.id}`, { cookie: org.admin.cookie })
          ).json<ReportDetailDto>();
        const first = await detail();
        assert.ok(first.sealedDetails);
        const recordKey = openRecordKey(fromB64(first.sealedRecordKey), org.orgKeyPair);
        const details = reportDetails.parse(
          JSON.parse(decryptFieldText(recordKey, fromB64(first.sealedDetails), DETAILS_CONTEXT)),
        );
        assert.equal(details.narrative, narrative);
        assert.equal(details.contact, contact);
        assert.equal(first.files.length, 1, 'one file, the working copy');
        const meta = fileMeta.parse(
          JSON.parse(openSealedText(org.orgKeyPair, fromB64(first.files[0]?.sealedMeta ?? ''))),
        );
        assert.equal(meta.name, photoName);
        assert.equal(meta.type, 'image/png');

        // ---- a new visit: /return with the codename ----
        const back = await watch.context(locale);
        const reporter = await back.newPage();
        await reporter.goto(`${origin}/return`);
        await heading(reporter, 'return.title').waitFor();
        await watch.page(reporter, '/return', { axe: true });
        assert.deepEqual(await back.cookies(), [], 'no cookie before the codename sign-in');
        await field(reporter, 'return.codename').fill(codename);
        await button(reporter, 'return.submit').click();
        await heading(reporter, 'view.title').waitFor({ timeout: 30_000 });
        const cookies = await back.cookies();
        assert.deepEqual(
          cookies.map((c) => c.name),
          [REPORTER_COOKIE],
          'one cookie, after the sign-in',
        );
        const [cookie] = cookies;
        assert.ok(cookie);
        assert.equal(cookie.expires, -1, 'a session cookie: gone when the browser closes');
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.secure, true);
        assert.equal(cookie.sameSite, 'Strict');
        const status = reporter.getByRole('region', { name: t_('view.status') });
        await status.getByText(t_('view.status.received'), { exact: true }).waitFor();
        await status.getByText(t_('view.status.received.detail')).waitFor();
        await reporter.getByText(t_('view.messages.none')).waitFor();
        await watch.page(reporter, 'reporter page', { axe: true });

        // ---- a staff member replies, sealed to the organisation and to the reporter ----
        const reply = `${marker('reply')} ${
          {
            ru: 'Здравствуйте, мы прочитали.',
            kk: 'Сәлеметсіз бе, оқыдық.',
            en: 'Hello, we read it.',
          }[locale]
        }`;
        const sent = await call(t, 'POST', `/api/reports/${stored.id}/messages`, {
          cookie: org.admin.cookie,
          payload: {
            sealedForOrg: toB64(sealTo(org.orgKeyPair.publicKey, reply)),
            sealedForReporter: toB64(sealTo(fromB64(first.reporterPublicKey), reply)),
          },
        });
        assert.equal(sent.statusCode, 201, sent.body);
        await reporter.reload();
        await reporter.getByText(reply, { exact: true }).waitFor();
        await reporter.getByText(orgName, { exact: true }).first().waitFor();

        // ---- the reporter answers, with a photo ----
        const answer = `${marker('answer')} ${
          {
            ru: 'Спасибо. Вот фото.',
            kk: 'Рақмет. Міне, фото.',
            en: 'Thank you. Here is a photo.',
          }[locale]
        }`;
        const answerPhoto = await photoJpeg();
        await field(reporter, 'view.reply.body').fill(answer);
        await field(reporter, 'form.files.label').setInputFiles({
          name: 'evidence.jpg',
          mimeType: 'image/jpeg',
          buffer: answerPhoto,
        });
        await button(reporter, 'view.reply.submit').click();
        await reporter.waitForURL(/\/return\/report\?sent=1/, { timeout: 60_000 });
        await reporter.getByRole('status').getByText(t_('view.sent')).waitFor();
        await reporter.getByText(answer, { exact: true }).waitFor();
        await reporter.getByText(t_('view.message.files', { count: 1 })).waitFor();
        await reporter.getByText(reply, { exact: true }).waitFor();
        await watch.page(reporter, 'reporter page after answering');

        const last = await detail();
        const mine = last.messages.filter((m) => m.author === 'reporter');
        assert.equal(mine.length, 1);
        assert.equal(openSealedText(org.orgKeyPair, fromB64(mine[0]?.sealedForOrg ?? '')), answer);
        const attached = last.files.filter((f) => f.messageId === mine[0]?.id);
        assert.equal(attached.length, 1);
        const attachedMeta = fileMeta.parse(
          JSON.parse(openSealedText(org.orgKeyPair, fromB64(attached[0]?.sealedMeta ?? ''))),
        );
        assert.equal(attachedMeta.name, 'evidence.jpg');
        assert.equal(attachedMeta.metadataRemoved, true);

        // ---- sign out: the cookie is gone, and so is the session ----
        await button(reporter, 'view.signOut').click();
        await reporter.getByText(t_('return.signedOut')).waitFor();
        await watch.page(reporter, 'signed out');
        assert.deepEqual(await back.cookies(), [], 'no cookie after signing out');
        await reporter.goto(`${origin}/return/report?lang=${locale}`);
        await reporter.getByText(t_('return.ended')).waitFor();
        assert.equal(new URL(reporter.url()).pathname, '/return');

        // ---- the quick exit: away to the neutral site, not back to the form ----
        const exitPage = await visit.newPage();
        await exitPage.goto(`${origin}/report?lang=${locale}`);
        await exitPage.getByRole('link', { name: orgName, exact: true }).click();
        await field(exitPage, 'form.narrative').fill(narrative);
        const entries = await exitPage.evaluate(() => history.length);
        watch.exitIntended = true;
        if (javaScript) {
          await exitPage.locator('form[data-enhanced="encrypt"]').waitFor();
          await exitPage.keyboard.press('Escape');
        } else {
          await exitPage.getByRole('link', { name: t_('layout.quickExit'), exact: true }).click();
        }
        await exitPage.waitForURL(QUICK_EXIT);
        await exitPage.getByRole('heading', { name: 'Weather today' }).waitFor();
        watch.exitIntended = false;
        if (javaScript) {
          assert.equal(
            await exitPage.evaluate(() => history.length),
            entries,
            'location.replace: no new history entry',
          );
          // "Back" leads to the list of organisations, not to the form that was open.
          await exitPage.goBack();
          assert.equal(new URL(exitPage.url()).pathname, '/report');
          // The quick-exit button does the same with a click.
          await exitPage.getByRole('link', { name: orgName, exact: true }).click();
          const before = await exitPage.evaluate(() => history.length);
          watch.exitIntended = true;
          await exitPage.getByRole('link', { name: t_('layout.quickExit'), exact: true }).click();
          await exitPage.waitForURL(QUICK_EXIT);
          watch.exitIntended = false;
          assert.equal(await exitPage.evaluate(() => history.length), before);
        }
        assert.deepEqual(await visit.cookies(), [], 'the first visit never had a cookie');

        // ---- nothing left the origin but the quick exit, used on purpose ----
        const stray = watch.foreign.filter(
          (r) => !r.intended || new URL(r.url).origin !== QUICK_EXIT_ORIGIN,
        );
        assert.deepEqual(stray, [], 'requests to another origin');
        assert.ok(
          watch.foreign.some((r) => r.url === QUICK_EXIT),
          'the quick exit reached the neutral site',
        );
        assert.ok(watch.responses > 10, `${watch.responses} responses checked for no-store`);
        assert.deepEqual(watch.problems, [], `problems in ${locale}, ${mode}`);
        await visit.close();
        await back.close();
      });
    }
  }
});
