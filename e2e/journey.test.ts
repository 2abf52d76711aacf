// The first-day journey in a real browser, once per language: first-run setup (with the
// recovery key) → invite → the invitee accepts → the admin unlocks and approves after
// comparing fingerprints → the member turns on two-factor sign-in → signs out → signs in
// with a TOTP code → sees the organisation. Then recovery with the 24 words.
// On every screen: no request to another origin, no console or CSP error, no horizontal
// scroll at 360 px, <html lang> follows the language, no inline style attribute, and no
// serious accessibility violation (axe-core: labels, contrast, names, landmarks).
import { tempBlobStore } from '../test/helpers/blobs.ts';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import type { Locale } from '../src/common/api/accounts.ts';
import { TEST_KDF } from '../src/common/crypto/keys.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { issueSetupToken } from '../src/server/modules/accounts/issue-setup-token.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { buildApp } from '../src/server/app.ts';
import { defaultConfig } from '../src/server/config.ts';
import { instanceSecretsFrom } from '../src/server/secrets.ts';
import { randomBytes } from 'node:crypto';
import { browserSkip, launchBrowser } from './helpers/browser.ts';

const VIEWPORT = { width: 360, height: 760 };
const ORG = 'Шырақ';
const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Server {
  origin: string;
  setupToken: string;
  close(): Promise<void>;
}

/** A real server on an empty in-memory database, listening on a free port. */
async function startServer(): Promise<Server> {
  const database = await openDatabase({});
  await migrate(database);
  const secrets = instanceSecretsFrom(new Uint8Array(randomBytes(32)));
  // Members' Argon2id cost comes from the browser (DEFAULT_KDF); the server-side hash of
  // the auth key is made cheap here, which changes cost, not behaviour.
  const config = defaultConfig({ authHash: TEST_KDF });
  const blobs = await tempBlobStore();
  const app = await buildApp({ config, database, secrets, blobs, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const setupToken = await issueSetupToken({
    deps: { db: database.db, secrets, config, now: () => new Date() },
  });
  assert.ok(setupToken, 'a fresh server issues a setup token');
  return {
    origin: `http://127.0.0.1:${port}`,
    setupToken,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Everything wrong seen on the pages of one journey; asserted empty at the end. */
class Watch {
  readonly problems: string[] = [];
  readonly origin: string;
  readonly locale: Locale;
  constructor(origin: string, locale: Locale) {
    this.origin = origin;
    this.locale = locale;
  }

  async context(browser: Browser): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    context.on('request', (r) => {
      if (!r.url().startsWith(this.origin))
        this.problems.push(`request to another origin: ${r.url()}`);
    });
    context.on('console', (m) => {
      // Chromium logs every 4xx API answer ("Failed to load resource … 401/410"); those are
      // expected here (no session yet, a used link). Anything else is a page error.
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

  /** Checks the screen now shown. */
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
    // page.evaluate runs through the DevTools protocol, outside the page's CSP.
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

function totpCode(base32: string, stepOffset = 0): string {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(base32.replace(/\s/g, '')),
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp: Date.now() + stepOffset * 30_000 });
}

const skip = browserSkip();

for (const locale of ['ru', 'kk', 'en'] as const) {
  describe(`first-day journey in ${locale}`, { skip }, () => {
    let browser: Browser;
    let server: Server;
    before(async () => {
      browser = await launchBrowser();
      server = await startServer();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test('setup → invite → approve → two-factor → sign in with TOTP → organisation; then recovery', async () => {
      const t = (key: TranslationKey, params?: Record<string, string | number>) =>
        translate(locale, key, params);
      const watch = new Watch(server.origin, locale);
      const label = (page: Page, key: TranslationKey) => page.getByLabel(t(key), { exact: true });
      const button = (page: Page, key: TranslationKey, params?: Record<string, string>) =>
        page.getByRole('button', { name: t(key, params), exact: true });
      const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 });
      const openNav = async (page: Page, key: TranslationKey) => {
        await page.getByRole('button', { name: t('nav.menu') }).click();
        await page
          .getByRole('navigation')
          .getByRole('link', { name: t(key), exact: true })
          .click();
      };

      // ---- first-run setup through the printed one-time link ----
      const adminContext = await watch.context(browser);
      const admin = await adminContext.newPage();
      await admin.goto(`${server.origin}/app/login`);
      await admin.getByTestId('language-switch').first().selectOption(locale);
      await heading(admin, t('login.title')).waitFor();
      await admin.goto(`${server.origin}/app/setup#${server.setupToken}`);
      await label(admin, 'field.organisationName').fill(ORG);
      await label(admin, 'field.slug').fill(`shyraq-${locale}`);
      await label(admin, 'field.email').fill('admin@example.org');
      await label(admin, 'field.displayName').fill('Айгүл');
      await label(admin, 'field.password').fill('short');
      await button(admin, 'setup.submit').click();
      await admin.getByText(t('password.tooShort', { min: 12 })).waitFor();
      await watch.screen(admin, 'setup with errors');
      await label(admin, 'field.password').fill('correct horse battery');
      await label(admin, 'field.confirmPassword').fill('correct horse battery');
      await button(admin, 'setup.submit').click();
      await heading(admin, t('setup.recoveryTitle')).waitFor({ timeout: 30_000 });
      const words = await admin.getByTestId('recovery-words').locator('.word').allTextContents();
      assert.equal(words.length, 24, 'the recovery key is shown as 24 words');
      await watch.screen(admin, 'recovery key');
      await button(admin, 'setup.continue').click();
      await admin.getByText(t('setup.storedRequired')).waitFor();
      await label(admin, 'setup.storedConfirm').check();
      await button(admin, 'setup.continue').click();
      await heading(admin, ORG).waitFor();
      await watch.screen(admin, 'overview (admin)');

      // ---- the admin invites a lawyer ----
      await openNav(admin, 'nav.members');
      await label(admin, 'invitations.role').selectOption('lawyer');
      await button(admin, 'invitations.create').click();
      const link = await admin.getByTestId('invite-link').inputValue();
      assert.match(link, new RegExp(`^${server.origin}/app/invite#[A-Za-z0-9_-]{40,}$`));
      await watch.screen(admin, 'members with invitation link');

      // ---- the invitee accepts ----
      const memberContext = await watch.context(browser);
      const member = await memberContext.newPage();
      await member.goto(`${server.origin}/app/login`);
      await member.getByTestId('language-switch').first().selectOption(locale);
      await member.goto(link);
      await member
        .getByText(t('invite.intro', { organisation: ORG, role: t('role.lawyer') }))
        .waitFor();
      await watch.screen(member, 'invitation form');
      await label(member, 'field.email').fill('lawyer@example.org');
      await label(member, 'field.displayName').fill('Данияр');
      await label(member, 'field.password').fill('another long password');
      await label(member, 'field.confirmPassword').fill('another long password');
      await button(member, 'invite.submit').click();
      await heading(member, t('waiting.title')).waitFor({ timeout: 30_000 });
      const memberFingerprint = await member.getByTestId('my-fingerprint').textContent();
      await watch.screen(member, 'waiting for approval');

      // A used invitation link is refused.
      const again = await (await watch.context(browser)).newPage();
      await again.goto(`${server.origin}/app/login`);
      await again.getByTestId('language-switch').first().selectOption(locale);
      await again.goto(link);
      await again.getByText(t('error.invitationInvalid')).waitFor();

      // ---- the admin reloads (keys are gone), unlocks, compares fingerprints, approves ----
      await admin.reload();
      await heading(admin, t('unlock.title')).waitFor();
      await label(admin, 'field.password').fill('correct horse battery');
      await button(admin, 'unlock.submit').click();
      await heading(admin, t('members.title')).waitFor({ timeout: 30_000 });
      await admin
        .getByRole('button', { name: t('members.approveLabel', { name: 'Данияр' }) })
        .click();
      assert.equal(
        await admin.locator('.panel .fingerprint').textContent(),
        memberFingerprint,
        'both see the same key fingerprint',
      );
      await watch.screen(admin, 'approve panel');
      await admin.getByLabel(t('members.approveConfirm', { name: 'Данияр' })).check();
      await button(admin, 'members.approveSubmit').click();
      await admin.getByText(t('members.approved', { name: 'Данияр' })).waitFor();

      // ---- the member, now approved, turns on two-factor sign-in ----
      await button(member, 'waiting.check').click();
      await heading(member, ORG).waitFor();
      await openNav(member, 'nav.account');
      await button(member, 'totp.setUp').click();
      const secret = (await member.getByTestId('totp-secret').textContent()) ?? '';
      await watch.screen(member, 'two-factor setup');
      await label(member, 'totp.code').fill(totpCode(secret));
      await button(member, 'totp.enable').click();
      // allTextContents() does not wait: wait for the codes the server sends back first.
      await member.getByTestId('recovery-codes').waitFor({ timeout: 30_000 });
      const codes = await member.getByTestId('recovery-codes').locator('.word').allTextContents();
      assert.equal(codes.length, 10, 'ten recovery codes are shown once');
      await label(member, 'totp.codesStored').check();
      await button(member, 'common.done').click();

      // ---- signs out, signs in with password and TOTP, sees the organisation ----
      await member.getByRole('button', { name: t('nav.menu') }).click();
      await button(member, 'nav.signOut').click();
      await heading(member, t('login.title')).waitFor();
      await label(member, 'field.email').fill('lawyer@example.org');
      await label(member, 'field.password').fill('another long password');
      await button(member, 'login.submit').click();
      await heading(member, t('login.totpTitle')).waitFor({ timeout: 30_000 });
      await watch.screen(member, 'second factor');
      // The code that enabled 2FA is spent; the next step's code is within the drift window.
      await label(member, 'login.code').fill(totpCode(secret, 1));
      await button(member, 'login.confirm').click();
      await heading(member, ORG).waitFor({ timeout: 30_000 });
      await watch.screen(member, 'overview (member)');

      // ---- the admin's other screens ----
      for (const [key, name] of [
        ['nav.organisation', 'organisation settings'],
        ['nav.keys', 'key status'],
        ['nav.account', 'own account and sessions'],
        ['nav.audit', 'audit log'],
      ] as const) {
        await openNav(admin, key);
        await admin.waitForLoadState('networkidle');
        await watch.screen(admin, name);
      }
      // The audit log shows the approval, with both people named (decrypted in the browser).
      const approval = admin.locator('tr', {
        has: admin.getByText('member.approved', { exact: true }),
      });
      await approval.waitFor();
      assert.match((await approval.textContent()) ?? '', /Айгүл/);

      // ---- recovery with the 24 words, in a fresh browser ----
      const recovery = await (await watch.context(browser)).newPage();
      await recovery.goto(`${server.origin}/app/login`);
      await recovery.getByTestId('language-switch').first().selectOption(locale);
      await recovery.getByRole('link', { name: t('login.recoverLink') }).click();
      await label(recovery, 'field.slug').fill(`shyraq-${locale}`);
      await label(recovery, 'recovery.words').fill(words.join(' '));
      await button(recovery, 'recovery.submitWords').click();
      await heading(recovery, t('recovery.accountTitle')).waitFor({ timeout: 30_000 });
      await watch.screen(recovery, 'recovery');
      await label(recovery, 'field.newPassword').fill('a brand new passphrase');
      await label(recovery, 'field.confirmPassword').fill('a brand new passphrase');
      await button(recovery, 'recovery.submitAccount').click();
      await heading(recovery, t('recovery.doneTitle')).waitFor({ timeout: 30_000 });
      await recovery.getByRole('link', { name: t('recovery.goToLogin') }).click();
      await label(recovery, 'field.email').fill('admin@example.org');
      await label(recovery, 'field.password').fill('a brand new passphrase');
      await button(recovery, 'login.submit').click();
      await heading(recovery, ORG).waitFor({ timeout: 30_000 });

      assert.deepEqual(watch.problems, [], `problems seen in ${locale}`);
    });
  });
}
