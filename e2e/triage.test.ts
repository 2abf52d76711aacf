// Triage in a real browser, in Russian and Kazakh: a case worker signs in, sees the new
// report in the inbox and the notification count, opens the report (decrypted in the
// browser with the organisation key), previews and downloads its photo, replies to the
// reporter, and moves the report on. The reply stored on the server opens with the
// reporter's key to exactly the typed text; the downloaded photo is byte for byte the
// stored working copy.
// On every screen checked: no request to another origin, no console or CSP error, no
// horizontal scroll at 360 px, <html lang> follows the language, no inline style
// attribute, and no serious accessibility violation (axe-core).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Locale } from '../src/common/api/accounts.ts';
import { reportDetail } from '../src/common/api/intake.ts';
import {
  decryptBytes,
  fromB64,
  generateBoxKeyPair,
  openSealed,
  openSealedText,
} from '../src/common/crypto/index.ts';
import { fileMeta } from '../src/common/intake/report.ts';
import { INCIDENT_TYPES, labelOf } from '../src/common/intake/vocabulary.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import type { IntakeDeps } from '../src/server/modules/intake/intake.deps.ts';
import { notifyOrganisation } from '../src/server/modules/intake/staff/notify-organisation.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation, type TestMember } from '../test/helpers/factories.ts';
import { call } from '../test/helpers/http.ts';
import { createTestReport, type TestReport } from '../test/helpers/reports.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';

const VIEWPORT = { width: 360, height: 740 };
const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Everything wrong seen on the pages; asserted empty at the end (as in journey.test.ts). */
class Watch {
  readonly problems: string[] = [];
  readonly origin: string;
  locale: Locale;
  constructor(origin: string, locale: Locale) {
    this.origin = origin;
    this.locale = locale;
  }

  async context(browser: Browser): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      locale: 'en-US',
      acceptDownloads: true,
    });
    context.on('request', (r) => {
      const url = r.url();
      // blob: URLs are this page's own decrypted files, created in memory.
      if (!url.startsWith(this.origin) && !url.startsWith(`blob:${this.origin}/`))
        this.problems.push(`request to another origin: ${url}`);
    });
    context.on('console', (m) => {
      if (
        m.type() === 'error' &&
        !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
      ) {
        this.problems.push(`console error: ${m.text()}`);
      }
    });
    context.on('weberror', (e) => this.problems.push(`page error: ${e.error().message}`));
    return context;
  }

  async screen(page: Page, name: string): Promise<void> {
    const facts = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      lang: document.documentElement.lang,
      styled: [...document.querySelectorAll('[style]:not([style=""])')].length,
    }));
    if (facts.scrollWidth > VIEWPORT.width)
      this.problems.push(`${name}: scrolls sideways (${facts.scrollWidth}px)`);
    if (facts.lang !== this.locale) this.problems.push(`${name}: <html lang="${facts.lang}">`);
    if (facts.styled > 0)
      this.problems.push(`${name}: ${facts.styled} elements with a style attribute`);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
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
    for (const v of violations) this.problems.push(`${name}: accessibility: ${v}`);
  }
}

const skip = browserSkip();
const [pglite] = engines();

for (const [locale, other] of [
  ['ru', 'kk'],
  ['kk', 'ru'],
] as const) {
  describe(`triage in ${locale}`, { skip }, () => {
    let browser: Browser;
    let t: TestApp;
    let origin: string;
    before(async () => {
      browser = await launchBrowser();
      if (!pglite) throw new Error('no PGlite engine');
      t = await createTestApp(await pglite.open());
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const address = t.app.server.address();
      origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    after(async () => {
      await browser?.close();
      await t?.close();
      await t?.database.close();
    });

    test('a case worker reads a report, replies, and moves it on', async () => {
      const tr = (key: TranslationKey, params?: Record<string, string | number>) =>
        translate(locale, key, params);
      const watch = new Watch(origin, locale);
      const org = await createOrganisation(t, 'Шырақ');
      const worker: TestMember = await addMember(t, org, 'case_worker');
      const canary = `canary-${randomBytes(8).toString('hex')}`;
      const photo = await testPhoto();
      const report: TestReport = await createTestReport(t, org, {
        locale: other,
        answers: {
          incidentTypes: ['physical_violence', 'threats'],
          oblast: 'almaty_city',
          wishes: ['contact_me', 'legal_help'],
        },
        details: { narrative: `Мені көшеде ұрды. ${canary}`, contact: 'Signal, after 18:00' },
        files: [{ name: 'photo.jpg', type: 'image/jpeg', bytes: photo }],
      });
      // Stored directly by the factory: announce it as the public form does.
      await t.database.db.transaction().execute((trx) =>
        notifyOrganisation({
          trx,
          deps: intakeDeps(t),
          organisationId: org.id,
          reportId: report.reportId,
          kind: 'report_received',
        }),
      );

      const context = await watch.context(browser);
      const page = await context.newPage();
      const label = (key: TranslationKey) => page.getByLabel(tr(key), { exact: true });
      const button = (key: TranslationKey, params?: Record<string, string>) =>
        page.getByRole('button', { name: tr(key, params), exact: true });
      const heading = (name: string) => page.getByRole('heading', { name, level: 1 });

      // ---- sign in in the chosen language ----
      await page.goto(`${origin}/app/login`);
      await page.getByTestId('language-switch').first().selectOption(locale);
      await heading(tr('login.title')).waitFor();
      await label('field.email').fill(worker.email);
      await label('field.password').fill(worker.password);
      await button('login.submit').click();
      await heading('Шырақ').waitFor({ timeout: 30_000 });

      // ---- the new report is announced in the header ----
      const indicator = page.getByTestId('notifications-indicator');
      await page
        .getByRole('link', { name: tr('notifications.indicatorLabel', { count: 1 }) })
        .waitFor();
      await indicator.click();
      await heading(tr('notifications.title')).waitFor();
      await page.getByText(tr('notifications.kind.report_received')).waitFor();
      await watch.screen(page, 'notifications');
      await button('notifications.markAllRead').click();
      await page.getByText(tr('notifications.allRead')).waitFor();
      await page
        .getByRole('link', { name: tr('notifications.indicatorLabel', { count: 0 }) })
        .waitFor();

      // ---- the inbox lists it with its coded answers ----
      await page.getByRole('button', { name: tr('nav.menu') }).click();
      await page
        .getByRole('navigation')
        .getByRole('link', { name: tr('nav.reports'), exact: true })
        .click();
      await heading(tr('reports.title')).waitFor();
      const row = page.getByTestId('report-row').filter({ hasText: report.reference });
      await row.waitFor();
      const rowText = (await row.textContent()) ?? '';
      assert.ok(rowText.includes(labelOf(INCIDENT_TYPES, 'physical_violence', locale)));
      assert.ok(rowText.includes(tr('reportStatus.new')));
      assert.ok(rowText.includes(tr('reports.fileCount', { count: 1 })));
      await watch.screen(page, 'inbox');

      // ---- the report opens in the browser ----
      await row.getByRole('link', { name: report.reference }).click();
      await heading(
        tr('reports.reportTitle', { reference: report.reference.replace(/-/g, '\u2011') }),
      ).waitFor();
      const narrative = page.getByTestId('report-narrative');
      await narrative.waitFor();
      assert.match((await narrative.textContent()) ?? '', new RegExp(canary));
      await page.getByText(tr('reports.wishContactMe')).waitFor();
      await page.getByText(tr('reports.detail.contactCaution')).waitFor();
      await page.getByText(tr('reports.reply.language', { language: LANGUAGE[other] })).waitFor();
      await watch.screen(page, 'report');

      // ---- the photo: a preview drawn from the decrypted bytes, and a download ----
      const file = page.getByTestId('report-file').first();
      await file.getByText('photo.jpg', { exact: true }).waitFor();
      await file.getByRole('button', { name: tr('reports.file.preview') }).click();
      const preview = page.getByTestId('file-preview');
      await preview.waitFor();
      const size = await preview.evaluate((c) => [
        (c as HTMLCanvasElement).width,
        (c as HTMLCanvasElement).height,
      ]);
      assert.deepEqual(size, [PHOTO.width, PHOTO.height], 'the preview has the photo’s size');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        file.getByRole('button', { name: tr('reports.file.download') }).click(),
      ]);
      const path = await download.path();
      const downloaded = new Uint8Array(await readFile(path));
      const stored = await storedWorkingCopy(t, worker, report.reportId, org.orgKeyPair);
      assert.equal(download.suggestedFilename(), stored.name);
      assert.deepEqual(downloaded, stored.bytes, 'the download is the stored working copy');
      assert.equal(downloaded[0], 0xff, 'a JPEG');

      // ---- the page follows a language switch, labels included ----
      await page.getByTestId('language-switch').first().selectOption(other);
      await page
        .getByTestId('report-answers')
        .getByText(labelOf(INCIDENT_TYPES, 'threats', other))
        .waitFor();
      await page.getByTestId('language-switch').first().selectOption(locale);
      await page
        .getByTestId('report-answers')
        .getByText(labelOf(INCIDENT_TYPES, 'threats', locale))
        .waitFor();

      // ---- a reply, sealed in the browser to the organisation and to the reporter ----
      const reply = `Сәлеметсіз бе! Здравствуйте. ${randomBytes(6).toString('hex')}`;
      await label('reports.reply.label').fill(reply);
      await button('reports.reply.submit').click();
      await page.getByText(tr('reports.reply.sent')).waitFor();
      await page.getByTestId('report-message').filter({ hasText: reply }).waitFor();
      const stored2 = await t.database.db
        .selectFrom('report_messages')
        .select(['sealed_for_reporter', 'sealed_for_org', 'author'])
        .where('report_id', '=', report.reportId)
        .where('author', '=', 'staff')
        .execute();
      assert.equal(stored2.length, 1);
      const [message] = stored2;
      assert.ok(message);
      assert.equal(
        openSealedText(report.reporterKeyPair, new Uint8Array(message.sealed_for_reporter)),
        reply,
        'the reporter’s codename key opens the reply to the typed text',
      );
      assert.equal(openSealedText(org.orgKeyPair, new Uint8Array(message.sealed_for_org)), reply);

      // ---- a reply moves a new report on; then staff accept it ----
      await page.getByTestId('report-status').getByText(tr('reportStatus.in_progress')).waitFor();
      await page.getByLabel(tr('reportStatus.accepted'), { exact: true }).check();
      await page
        .getByText(tr('reports.triage.reporterSees', { status: tr('reporterStatus.in_progress') }))
        .first()
        .waitFor();
      await button('reports.triage.changeStatus').click();
      await page
        .getByText(tr('reports.triage.statusChanged', { status: tr('reportStatus.accepted') }))
        .waitFor();
      await page.getByTestId('report-status').getByText(tr('reportStatus.accepted')).waitFor();
      const after = await call(t, 'GET', `/api/reports/${report.reportId}`, {
        cookie: worker.cookie,
      });
      assert.equal(reportDetail.parse(after.json()).report.status, 'accepted');

      // ---- assign to me ----
      await button('reports.triage.assignToMe').click();
      await page.getByText(tr('reports.triage.assigned')).waitFor();
      const assigned = await call(t, 'GET', `/api/reports/${report.reportId}`, {
        cookie: worker.cookie,
      });
      assert.equal(reportDetail.parse(assigned.json()).report.assignedMemberId, worker.id);
      await watch.screen(page, 'report after triage');

      // ---- after a reload the keys are gone: the unlock form, then the same report ----
      await page.reload();
      await heading(tr('unlock.title')).waitFor();
      await label('field.password').fill(worker.password);
      await button('unlock.submit').click();
      await page.getByTestId('report-narrative').getByText(canary).waitFor({ timeout: 30_000 });
      assert.equal(await page.getByText(tr('reports.file.hashMismatch')).count(), 0);

      // ---- a report sealed to another key: a clear message, and triage still works ----
      const foreign = await createTestReport(
        t,
        { ...org, orgKeyPair: generateBoxKeyPair() },
        {
          details: { narrative: 'not for this organisation' },
          files: [{ name: 'x.jpg', type: 'image/jpeg', bytes: photo }],
        },
      );
      await inApp(page, `/app/reports/${foreign.reportId}`);
      await page.getByText(tr('reports.recordKeyFailed')).waitFor();
      await page.getByText(tr('reports.detailsFailed')).waitFor();
      await page.getByText(tr('reports.file.unreadable')).waitFor();
      await watch.screen(page, 'report that does not open');
      await page.getByLabel(tr('reportStatus.duplicate'), { exact: true }).check();
      await label('reports.triage.duplicateOf').selectOption(report.reportId);
      await button('reports.triage.changeStatus').click();
      await page
        .getByText(tr('reports.triage.statusChanged', { status: tr('reportStatus.duplicate') }))
        .waitFor();
      const duplicate = await call(t, 'GET', `/api/reports/${foreign.reportId}`, {
        cookie: worker.cookie,
      });
      assert.equal(reportDetail.parse(duplicate.json()).report.duplicateOf, report.reportId);

      // ---- e-mail notifications: opt in, with the plain warning, then out ----
      await inApp(page, '/app/account');
      await page.getByText(tr('notifyEmail.serverReads')).waitFor();
      await label('notifyEmail.address').fill('Alerts@Example.org');
      await button('notifyEmail.turnOn').click();
      await page.getByTestId('notify-email').getByText('alerts@example.org').waitFor();
      await watch.screen(page, 'account with e-mail notifications');
      const on = await call(t, 'GET', '/api/me/notification-email', { cookie: worker.cookie });
      assert.equal(on.json<{ email: string | null }>().email, 'alerts@example.org');
      await button('notifyEmail.turnOff').click();
      await page.getByText(tr('notifyEmail.turnedOff')).waitFor();
      const off = await call(t, 'GET', '/api/me/notification-email', { cookie: worker.cookie });
      assert.equal(off.json<{ email: string | null }>().email, null);

      assert.deepEqual(watch.problems, [], `problems seen in ${locale}`);
    });
  });
}

const PHOTO = { width: 48, height: 32 };

/** Moves within the app as its links do (a reload would lock the keys again). */
async function inApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new Event('qorgan:navigate'));
  }, path);
}

/** A small real JPEG. */
function testPhoto(): Promise<Uint8Array> {
  return sharp({
    create: { ...PHOTO, channels: 3, background: { r: 200, g: 40, b: 90 } },
  })
    .jpeg()
    .toBuffer()
    .then((buffer) => new Uint8Array(buffer));
}

function intakeDeps(t: TestApp): IntakeDeps {
  return {
    db: t.database.db,
    blobs: t.blobs,
    secrets: t.secrets,
    config: t.config,
    now: t.clock.now,
  };
}

const LANGUAGE: Record<Locale, string> = { ru: 'Русский', kk: 'Қазақша', en: 'English' };

/** The working copy as stored on the server, decrypted here with the organisation key. */
async function storedWorkingCopy(
  t: TestApp,
  member: TestMember,
  reportId: string,
  org: { publicKey: Uint8Array; privateKey: Uint8Array },
): Promise<{ name: string; bytes: Uint8Array }> {
  const res = await call(t, 'GET', `/api/reports/${reportId}`, { cookie: member.cookie });
  const detail = reportDetail.parse(res.json());
  const file = detail.files.find((f) => f.role === 'working');
  assert.ok(file, 'the report has a working copy');
  const meta = fileMeta.parse(JSON.parse(openSealedText(org, fromB64(file.sealedMeta))));
  const body = await call(t, 'GET', `/api/reports/${reportId}/files/${file.id}`, {
    cookie: member.cookie,
  });
  const key = openSealed(org, fromB64(file.sealedFileKey));
  return { name: meta.name, bytes: decryptBytes(key, new Uint8Array(body.rawPayload)) };
}
