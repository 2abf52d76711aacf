// Headless Chromium for web captures: one browser for the whole server, launched on the
// first capture and closed with the app; a fresh off-the-record context per capture (no
// cookies, cache or storage shared between captures, nothing written to a profile on
// disk), its network forced through the capture's guard proxy (capture-guard.ts). A
// capture records what a visitor without an account would see at that moment.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Browser, BrowserContext, Response } from 'playwright-core';
import type { CaptureConfig } from '../../config.ts';
import { HttpError } from '../../http/errors.ts';
import {
  REFUSAL_HEADER,
  startGuardProxy,
  type GuardOptions,
  type GuardRefusal,
} from './capture-guard.ts';
import { readTlsChain, type TlsChain } from './capture-tls.ts';

/** The browser window a page is rendered in. */
export const CAPTURE_VIEWPORT = { width: 1280, height: 900 } as const;
/** Taller pages are cut here: a screenshot of an endless feed would never finish. */
export const MAX_SCREENSHOT_HEIGHT = 16_000;

const CHROMIUM_ARGS = [
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--disable-domain-reliability',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  // Nothing of a captured page in a disk cache, even outside off-the-record contexts.
  '--disk-cache-size=1',
  '--media-cache-size=1',
  '--disable-dev-shm-usage',
];

export interface PageCapture {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  redirects: { url: string; status: number }[];
  /** Response headers of the final response, names lower-cased. */
  headers: Record<string, string>;
  /** The final response's body exactly as served (after transfer decoding). */
  body: Uint8Array;
  /** The served media type of the body, without parameters. */
  contentType: string | null;
  screenshotPng: Uint8Array;
  mhtml: Uint8Array;
  title: string;
  browserVersion: string;
  userAgent: string;
  viewport: { width: number; height: number };
  capturedAt: Date;
  /** For https://: the server's chain (leaf first) and whether it is valid. */
  tls: TlsChain | null;
}

export interface CaptureBrowser {
  /** Captures one page; throws HttpError with a code a member can act on. */
  capture(url: string): Promise<PageCapture>;
  /** Closes the browser (if it was launched); captures in progress fail. */
  close(): Promise<void>;
}

const unavailable = () =>
  new HttpError(503, 'capture_unavailable', 'Web capture is not available on this server.');

export function createCaptureBrowser(
  config: CaptureConfig,
  log: { warn(object: object, message: string): void },
  /** Resolver and address check for the guard (tests only). */
  testing: Pick<GuardOptions, 'lookup' | 'isBlocked'> = {},
): CaptureBrowser {
  let launching: Promise<Browser> | null = null;
  let active = 0;
  let closed = false;

  async function browser(): Promise<Browser> {
    if (closed) throw unavailable();
    if (!launching) {
      launching = launch().catch((error: unknown) => {
        launching = null;
        throw error;
      });
    }
    const launched = await launching;
    if (!launched.isConnected()) {
      launching = null;
      return browser();
    }
    return launched;
  }

  async function launch(): Promise<Browser> {
    try {
      await access(config.chromiumPath, constants.X_OK);
    } catch {
      log.warn({ chromiumPath: config.chromiumPath }, 'web capture: Chromium is not installed');
      throw unavailable();
    }
    try {
      // Loaded on the first capture: playwright-core adds tens of MB to a server that may
      // never capture anything.
      const { chromium } = await import('playwright-core');
      return await chromium.launch({
        executablePath: config.chromiumPath,
        args: CHROMIUM_ARGS,
        // Chromium's sandbox cannot run as root; as any other user captured pages render
        // inside it. Run the server as an unprivileged user.
        chromiumSandbox: process.getuid?.() !== 0,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      log.warn(
        { error: error instanceof Error ? error.message.split('\n')[0] : 'unknown' },
        'web capture: Chromium did not start',
      );
      throw unavailable();
    }
  }

  return {
    async capture(url) {
      if (active >= config.concurrency)
        throw new HttpError(
          503,
          'capture_busy',
          'Other captures are running; try again in a minute.',
        );
      active++;
      try {
        return await captureWith(await browser(), url, config, testing);
      } finally {
        active--;
      }
    },
    async close() {
      closed = true;
      const pending = launching;
      launching = null;
      if (pending) await pending.then((b) => b.close()).catch(() => undefined);
    },
  };
}

async function captureWith(
  browser: Browser,
  url: string,
  config: CaptureConfig,
  testing: Pick<GuardOptions, 'lookup' | 'isBlocked'>,
) {
  const requested = new URL(url);
  const guardOptions: GuardOptions = {
    ...testing,
    allowPrivateNetworks: config.allowPrivateNetworks,
    upstream: config.proxy,
    connectTimeoutMs: Math.min(config.timeoutMs, 15_000),
  };
  const guard = await startGuardProxy(guardOptions);
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({
      proxy: { server: guard.url },
      // The capture records an invalid certificate (tlsValid false) rather than refusing:
      // a hostile site with a broken certificate is evidence too.
      ignoreHTTPSErrors: true,
      acceptDownloads: false,
      serviceWorkers: 'block',
      viewport: CAPTURE_VIEWPORT,
      deviceScaleFactor: 1,
      locale: 'ru-RU',
      timezoneId: 'UTC',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(config.timeoutMs);
    let response: Response | null;
    try {
      response = await page.goto(requested.toString(), {
        waitUntil: 'load',
        timeout: config.timeoutMs,
      });
    } catch (error) {
      throw navigationError(error, guard.refusals);
    }
    if (!response) throw failed();
    const refusal = response.headers()[REFUSAL_HEADER];
    if (refusal) throw refusalError(refusal as GuardRefusal);
    // Let late content settle a little; a page that never goes quiet is captured as it is.
    await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
    const capturedAt = new Date();

    const redirects: { url: string; status: number }[] = [];
    for (let request = response.request().redirectedFrom(); request;) {
      const earlier = await request.response();
      redirects.unshift({ url: request.url(), status: earlier?.status() ?? 0 });
      request = request.redirectedFrom();
    }
    const headers = await response.allHeaders();
    const body = await response.body().catch(() => Buffer.alloc(0));
    const height = await page
      .evaluate(() => document.documentElement.scrollHeight)
      .catch(() => CAPTURE_VIEWPORT.height);
    const screenshotPng = await page.screenshot({
      type: 'png',
      fullPage: true,
      animations: 'disabled',
      ...(height > MAX_SCREENSHOT_HEIGHT
        ? { clip: { x: 0, y: 0, width: CAPTURE_VIEWPORT.width, height: MAX_SCREENSHOT_HEIGHT } }
        : {}),
    });
    const cdp = await context.newCDPSession(page);
    const snapshot = (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as {
      data: string;
    };
    const title = await page.title().catch(() => '');
    const userAgent = await page.evaluate(() => navigator.userAgent).catch(() => '');
    const finalUrl = response.url();
    const final = new URL(finalUrl);
    const tls =
      final.protocol === 'https:'
        ? await readTlsChain(
            final.hostname.replace(/^\[|\]$/g, ''),
            Number(final.port || 443),
            guardOptions,
            Math.min(config.timeoutMs, 15_000),
          )
        : null;
    return {
      requestedUrl: requested.toString(),
      finalUrl,
      status: response.status(),
      redirects,
      headers,
      body: new Uint8Array(body),
      contentType: headers['content-type']?.split(';')[0]?.trim().toLowerCase() || null,
      screenshotPng: new Uint8Array(screenshotPng),
      mhtml: new TextEncoder().encode(snapshot.data),
      title: title.slice(0, 2048),
      browserVersion: browser.version(),
      userAgent: userAgent.slice(0, 1024),
      viewport: { ...CAPTURE_VIEWPORT },
      capturedAt,
      tls,
    };
  } finally {
    await context?.close().catch(() => undefined);
    await guard.close();
  }
}

const failed = () =>
  new HttpError(422, 'capture_failed', 'The page could not be captured (it is not a web page).');

function refusalError(refusal: GuardRefusal): HttpError {
  if (refusal === 'private_address')
    return new HttpError(
      422,
      'capture_forbidden_address',
      'That address is on a private or local network; only public pages can be captured.',
    );
  return new HttpError(
    422,
    'capture_unreachable',
    refusal === 'unresolvable'
      ? 'That site name does not exist (check the address).'
      : 'The site did not answer (check the address, or try again later).',
  );
}

/**
 * Turns a failed navigation into something a member can act on. Playwright's messages
 * name the address; they are not passed on or logged (the address is sealed evidence).
 */
function navigationError(error: unknown, refusals: Map<string, GuardRefusal>): HttpError {
  if (error instanceof Error && error.name === 'TimeoutError')
    return new HttpError(
      504,
      'capture_timeout',
      'The page took too long to load; try again later.',
    );
  const message = error instanceof Error ? error.message : '';
  if (/ERR_UNSAFE_PORT/.test(message))
    return new HttpError(422, 'capture_bad_url', 'Browsers do not open that port.');
  const refused = [...refusals.values()];
  if (refused.includes('private_address')) return refusalError('private_address');
  if (/ERR_NAME_NOT_RESOLVED/.test(message) || refused.at(-1) === 'unresolvable')
    return refusalError('unresolvable');
  if (
    refused.length > 0 ||
    /ERR_(CONNECTION|TUNNEL|PROXY|ADDRESS|EMPTY_RESPONSE|TIMED_OUT|SSL|CERT)/.test(message)
  )
    return refusalError('unreachable');
  if (/Target (page, context or browser )?(has been )?closed|Browser closed/i.test(message))
    return new HttpError(503, 'capture_unavailable', 'Web capture stopped; try again.');
  return failed();
}
