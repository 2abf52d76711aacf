// A web capture through the staff app's form, in a real browser against a real listening
// server that captures with its own headless Chromium: a case worker captures a hostile
// post served by a local test server (through a redirect). The item appears with its
// title; its page shows the final address and the HTTP status, the screenshot decrypted
// and drawn in this tab, and "verify now" passes; the custody report names the capture.
// In Node, with the organisation key: the HTML is the page as served, the screenshot is a
// PNG, the hash manifest names the capture, and a trusted timestamp covers it. No request
// of the staff app left its origin.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { toHex } from '../src/common/crypto/index.ts';
import { decodeHashManifest, hashManifestDigest } from '../src/common/evidence/hash-manifest.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation } from '../test/helpers/factories.ts';
import { createTestIncident } from '../test/helpers/records.ts';
import { startTestTsa, type TestTsa } from '../test/helpers/test-tsa.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';
import { inApp, signIn } from './helpers/cases.ts';
import {
  listItems,
  openItemInNode,
  startEvidenceStack,
  type EvidenceStack,
} from './helpers/evidence.ts';
import { ScreenWatch } from './helpers/records.ts';

const skip = browserSkip();
const [pglite] = engines();
const tr = (key: TranslationKey, params?: Record<string, string | number>) =>
  translate('en', key, params);

interface PostServer {
  origin: string;
  html: string;
  requests: string[];
  close(): Promise<void>;
}

/** Serves one invented hostile post at /post, reached by a redirect from /p/1. */
async function startPostServer(marker: string): Promise<PostServer> {
  const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Пост ${marker}</title></head>
<body><h1>Публичный пост</h1><p>Ненавистнический комментарий ${marker}</p></body></html>`;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/p/1') {
      res.writeHead(301, { location: '/post' }).end();
      return;
    }
    if (req.url === '/post') {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-test': 'post' })
        .end(html);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    html,
    requests,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

describe('web capture through the staff app', { skip }, () => {
  let browser: Browser;
  let stack: EvidenceStack;
  let tsa: TestTsa;
  let site: PostServer;
  const marker = randomBytes(4).toString('hex');
  before(async () => {
    if (!pglite) throw new Error('no PGlite engine');
    tsa = await startTestTsa();
    stack = await startEvidenceStack(pglite, { tsa });
    site = await startPostServer(marker);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    await site?.close();
    await tsa?.close();
  });

  test('a case worker captures a local page through the form', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ');
    const worker = await addMember(t, org, 'case_worker');
    const incident = await createTestIncident(t, org);
    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, worker, 'en', 'Шырақ');
    await inApp(page, `/app/incidents/${incident.id}`);

    const form = page.getByRole('form', { name: tr('evidence.capture.title') });
    const url = form.getByLabel(tr('evidence.capture.url'), { exact: true });
    await url.fill('ftp://example.org/x');
    await form.getByRole('button', { name: tr('evidence.capture.submit'), exact: true }).click();
    await form.getByText(tr('evidence.capture.urlInvalid')).waitFor();
    await url.fill(`${site.origin}/p/1`);
    await form
      .getByLabel(tr('evidence.capture.label'), { exact: true })
      .fill('Оскорбительный пост');
    await form.getByRole('button', { name: tr('evidence.capture.submit'), exact: true }).click();
    await form.getByTestId('capture-done').waitFor({ timeout: 120_000 });
    assert.ok(site.requests.includes('/post'), 'the server’s browser loaded the page');

    const section = page.getByRole('region', { name: tr('evidence.title') });
    const row = section.getByTestId('evidence-item');
    await row.getByText('Оскорбительный пост').waitFor();
    await row.getByText(tr('evidence.kind.capture')).waitFor();
    await section.getByRole('button', { name: tr('evidence.showPreviews') }).click();
    await row.getByTestId('evidence-thumbnail').waitFor();
    await watch.screen(page, 'incident with a capture');

    // ---- what was stored, opened in Node with the organisation key ----
    const [item] = (await listItems(t, org.admin, { incidentId: incident.id })).items;
    assert.ok(item);
    assert.equal(item.kind, 'capture');
    const roles = item.files.map((f) => f.role).sort();
    for (const role of ['capture_metadata', 'html', 'mhtml', 'screenshot'] as const)
      assert.ok(roles.includes(role), `the capture has its ${role}: ${roles.join(', ')}`);
    const opened = await openItemInNode(t, org.admin, org.orgKeyPair, item);
    assert.equal(opened.meta.title, 'Оскорбительный пост');
    assert.equal(opened.meta.capture?.requestedUrl, `${site.origin}/p/1`);
    assert.equal(opened.meta.capture?.finalUrl, `${site.origin}/post`);
    assert.equal(opened.meta.capture?.status, 200);
    assert.equal(opened.files.get('html')?.toString('utf8'), site.html, 'the HTML as served');
    assert.equal((await sharp(opened.files.get('screenshot')).metadata()).format, 'png');
    const manifestBytes = new TextEncoder().encode(opened.meta.hashManifest);
    const manifest = decodeHashManifest(manifestBytes);
    assert.equal(manifest.kind, 'capture');
    assert.equal(manifest.capture?.finalUrl, `${site.origin}/post`);
    assert.equal(toHex(hashManifestDigest(manifestBytes)), item.manifestDigest);
    for (const info of opened.meta.files) {
      const bytes = opened.files.get(info.role);
      assert.ok(bytes);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), info.sha256, info.role);
    }
    assert.equal(item.timestamps.length, 1, 'the capture was timestamped');

    // ---- its page: capture facts, the screenshot, verify now, custody ----
    await row.getByTestId('evidence-item-title').click();
    await page.getByRole('heading', { name: 'Оскорбительный пост', level: 1 }).waitFor();
    assert.equal(await page.getByTestId('capture-final-url').textContent(), `${site.origin}/post`);
    assert.equal(await page.getByTestId('capture-status').textContent(), '200');
    await page
      .getByRole('button', {
        name: tr('evidence.files.viewLabel', { role: tr('evidence.role.screenshot') }),
      })
      .click();
    await page.getByTestId('evidence-image').waitFor();
    assert.equal(
      await page
        .getByRole('button', {
          name: tr('evidence.files.viewLabel', { role: tr('evidence.role.html') }),
        })
        .count(),
      0,
      'HTML is never shown in the page',
    );
    await page.getByRole('button', { name: tr('evidence.verify.button'), exact: true }).click();
    await page
      .getByTestId('verify-result')
      .getByText(tr('evidence.verify.pass'))
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: tr('evidence.custody.show') }).click();
    const actions = await page
      .getByTestId('custody-entry')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    assert.ok(actions.includes('evidence.captured'), actions.join(', '));
    assert.ok(actions.includes('evidence.verified'), actions.join(', '));
    await watch.screen(page, 'capture page');

    assert.deepEqual(watch.problems, []);
    await context.close();
  });
});
