// The public pages in a real browser with JavaScript disabled (Tor Browser's safest mode)
// on a small phone screen, in every language: the form sent empty comes back with its
// error summary, then a report goes through, the receipt's codename signs in at /return,
// and the reporter page opens. On every page: no serious accessibility violation (axe-core,
// WCAG 2 A/AA: labels, contrast, names, landmarks), no sideways scrolling, the right lang,
// touch targets of at least 44 px for the quick exit and the choices, and no request to
// another origin.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, launchBrowser } from '../../e2e/helpers/browser.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

const VIEWPORT = { width: 360, height: 760 };
const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const engine = engines()[0];
const skip = browserSkip() || (engine ? engine.skip : 'no engine');

/**
 * axe-core needs timers, which do not run in a page with JavaScript disabled: it checks a
 * copy of the page's markup in a page of the same origin whose scripts are blocked.
 */
async function problemsOf(
  page: Page,
  axePage: Page,
  locale: string,
  name: string,
): Promise<string[]> {
  const problems: string[] = [];
  // A click that navigates returns once the new page is committed, possibly before its
  // stylesheet has applied; sizes are measured only on the loaded page.
  await page.waitForLoadState('load');
  const facts = await page.evaluate(() => {
    const small = [...document.querySelectorAll('.quick-exit, .choice, button')]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height < 44).length;
    return {
      lang: document.documentElement.lang,
      scrollWidth: document.documentElement.scrollWidth,
      quickExit: document.querySelector('a.quick-exit')?.getBoundingClientRect().top ?? -1,
      small,
    };
  });
  if (facts.lang !== locale) problems.push(`${name}: lang="${facts.lang}"`);
  if (facts.scrollWidth > VIEWPORT.width) problems.push(`${name}: scrolls sideways`);
  if (facts.quickExit < 0 || facts.quickExit > 100) problems.push(`${name}: quick exit not on top`);
  if (facts.small > 0) problems.push(`${name}: ${facts.small} touch targets under 44 px`);
  await axePage.setContent(await page.content(), { waitUntil: 'load' });
  await axePage.evaluate(axeSource);
  const violations = await axePage.evaluate(async () => {
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
  for (const v of violations) problems.push(`${name}: ${v}`);
  return problems;
}

describe('the public pages without JavaScript, in a browser', { skip }, () => {
  let t: TestApp;
  let database: TestDatabase;
  let browser: Browser;
  let origin: string;
  let org: TestOrganisation;
  before(async () => {
    if (!engine) throw new Error('no engine');
    database = await engine.open();
    t = await createTestApp(database);
    origin = await t.app.listen({ host: '127.0.0.1', port: 0 });
    org = await createOrganisation(t, 'Шырақ');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
    await database?.close();
  });

  for (const locale of ['ru', 'kk', 'en'] as const) {
    test(`${locale}: form, errors, receipt, return and the reporter page`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORT });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const axeContext = await browser.newContext({ viewport: VIEWPORT });
      const axePage = await axeContext.newPage();
      await axePage.route('**/*.js', (route) => route.abort());
      await axePage.goto(`${origin}/public/style.css`);
      const foreign: string[] = [];
      page.on('request', (req) => {
        if (!req.url().startsWith(`${origin}/`)) foreign.push(req.url());
      });
      const problems: string[] = [];
      try {
        await page.goto(`${origin}/report?lang=${locale}`);
        problems.push(...(await problemsOf(page, axePage, locale, '/report')));
        await page.click(`a[href^="/report/${org.slug}"]`);
        problems.push(...(await problemsOf(page, axePage, locale, 'form')));

        await page.click('form.report-form button[type="submit"]');
        await page.waitForSelector('#error-summary');
        problems.push(...(await problemsOf(page, axePage, locale, 'form with errors')));

        await page.check('#f-incident_types-threats');
        await page.fill('#f-narrative', 'Написано без JavaScript.');
        await page.click('form.report-form button[type="submit"]');
        const codename = (await page.textContent('p.codename'))?.trim() ?? '';
        assert.equal(codename.split(' ').length, 8, 'the receipt shows the codename');
        problems.push(...(await problemsOf(page, axePage, locale, 'receipt')));

        await page.click('p.return-url a');
        await page.waitForSelector('form.codename-form');
        problems.push(...(await problemsOf(page, axePage, locale, '/return')));
        await page.fill('#f-codename', codename);
        await page.click('form.codename-form button[type="submit"]');
        await page.waitForSelector('form.message-form');
        problems.push(...(await problemsOf(page, axePage, locale, '/return/report')));
        assert.equal((await context.cookies()).length, 1, 'one cookie, after the sign-in');

        await page.click('form.sign-out button');
        await page.waitForSelector('form.codename-form');
        assert.equal((await context.cookies()).length, 0, 'signed out: no cookie left');
      } finally {
        await context.close();
        await axeContext.close();
      }
      assert.deepEqual(foreign, [], 'no request left the origin');
      assert.deepEqual(problems, []);
    });
  }
});
