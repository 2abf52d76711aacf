// Helpers of the cases browser tests: a listening test server, signing in through the
// login page in a chosen language, in-app navigation, and partner organisations set up
// through the same API an admin's screen uses.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Locale } from '../../src/common/api/accounts.ts';
import { translate, type TranslationKey } from '../../src/common/i18n/index.ts';
import type { TestMember, TestOrganisation } from '../../test/helpers/factories.ts';
import { call } from '../../test/helpers/http.ts';
import type { TestApp } from '../../test/helpers/test-app.ts';

/** Starts `t`'s app on a free port of 127.0.0.1 and returns its origin. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** Signs in on /app/login in `locale` and waits for the overview of `orgName`. */
export async function signIn(
  page: Page,
  origin: string,
  member: TestMember,
  locale: Locale,
  orgName: string,
): Promise<void> {
  const tr = (key: TranslationKey) => translate(locale, key);
  await page.goto(`${origin}/app/login`);
  await page.getByTestId('language-switch').first().selectOption(locale);
  await page.getByRole('heading', { name: tr('login.title'), level: 1 }).waitFor();
  await page.getByLabel(tr('field.email'), { exact: true }).fill(member.email);
  await page.getByLabel(tr('field.password'), { exact: true }).fill(member.password);
  await page.getByRole('button', { name: tr('login.submit'), exact: true }).click();
  await page.getByRole('heading', { name: orgName, level: 1 }).waitFor({ timeout: 30_000 });
}

/** Signs out with the header button and waits for the login page. */
export async function signOut(page: Page, locale: Locale): Promise<void> {
  const tr = (key: TranslationKey) => translate(locale, key);
  const menu = page.getByRole('button', { name: tr('nav.menu') });
  if (await menu.isVisible()) await menu.click();
  await page
    .getByRole('button', { name: tr('nav.signOut'), exact: true })
    .first()
    .click();
  await page.getByRole('heading', { name: tr('login.title'), level: 1 }).waitFor();
}

/** Moves to a path of the app without reloading (a reload locks the keys). */
export async function inApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new Event('qorgan:navigate'));
  }, path);
}

/** `from` lists `to` as a partner, as its admin would on the partners screen. */
export async function addPartner(
  t: TestApp,
  from: TestOrganisation,
  to: TestOrganisation,
): Promise<void> {
  const res = await call(t, 'PUT', `/api/partners/${to.id}`, {
    cookie: from.admin.cookie,
    payload: {},
  });
  if (res.statusCode >= 300) throw new Error(`partner failed: ${res.statusCode} ${res.body}`);
}

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Serious and critical WCAG 2 A/AA violations on the page (axe-core), as readable lines. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
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
