// Browser test helpers: Debian's Chromium through playwright-core (never a downloaded
// browser), Vite builds of test pages, and a tiny static server that sends the app's CSP.
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The flags DESIGN.md prescribes, plus --disable-quic (no UDP to anywhere). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export type BrowserAvailability = { ok: true } | { ok: false; reason: string };

/** Whether the Chromium binary is there and executable. */
export function browserAvailability(): BrowserAvailability {
  const path = chromiumPath();
  let usable = existsSync(path);
  if (usable) {
    try {
      accessSync(path, constants.X_OK);
    } catch {
      usable = false;
    }
  }
  if (usable) return { ok: true };
  return {
    ok: false,
    reason: `Chromium not found at ${path}; install it with: sudo apt-get install chromium (browser tests did not run)`,
  };
}

/**
 * The `skip` option for a browser test: the reason when Chromium is missing on a developer
 * machine; `false` in CI (CI set), so the test runs and fails in launchBrowser().
 */
export function browserSkip(): string | false {
  const availability = browserAvailability();
  if (availability.ok || process.env.CI) return false;
  return availability.reason;
}

export async function launchBrowser(): Promise<Browser> {
  const availability = browserAvailability();
  if (!availability.ok) {
    const ci = process.env.CI ? ' CI is set, so the browser tests are required.' : '';
    throw new Error(`${availability.reason}.${ci}`);
  }
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export interface BuiltPage {
  /** The folder holding the built HTML page and its assets. */
  dir: string;
  /** The built HTML file name, relative to `dir`. */
  html: string;
  remove(): Promise<void>;
}

/**
 * Bundles an HTML page (with its `<script type="module">`) into a temporary folder with
 * Vite's JS API, with the same choices as vite.config.ts that matter for the CSP: no inline
 * module-preload polyfill, no inlined assets.
 */
export async function buildPage(htmlPath: string): Promise<BuiltPage> {
  const root = resolve(htmlPath, '..');
  const dir = await mkdtemp(join(tmpdir(), 'qorgan-e2e-build-'));
  try {
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      base: './',
      publicDir: false,
      build: {
        outDir: dir,
        emptyOutDir: true,
        write: true,
        sourcemap: false,
        modulePreload: { polyfill: false },
        assetsInlineLimit: 0,
        target: 'es2022',
        reportCompressedSize: false,
        rollupOptions: { input: htmlPath },
      },
    });
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    html: htmlPath.slice(root.length + 1),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export interface StaticServer {
  /** e.g. http://127.0.0.1:43117 */
  origin: string;
  /** Paths requested so far, in order. */
  requested: string[];
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (random port) with the given Content-Security-Policy. */
export async function serveStatic(dir: string, csp: string): Promise<StaticServer> {
  const base = resolve(dir);
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(path);
    const file = resolve(base, `.${path}`);
    const headers = {
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    // Chromium asks for /favicon.ico by itself; a 404 would log a console error.
    if (path === '/favicon.ico') {
      res.writeHead(204, headers).end();
      return;
    }
    if (req.method !== 'GET' || (file !== base && !file.startsWith(base + sep))) {
      res.writeHead(404, headers).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
        res.writeHead(200, { ...headers, 'Content-Type': type }).end(body);
      },
      () => res.writeHead(404, headers).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  // listen() on a TCP port always gives an AddressInfo (a string only for pipes).
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((err) => (err ? fail(err) : done()));
      }),
  };
}

export interface PageProblems {
  /** `securitypolicyviolation` events seen in the page. */
  cspViolations: string[];
  /** console.error messages and uncaught page errors. */
  errors: string[];
  /** Requests to any origin other than the test server. */
  foreignRequests: string[];
  /** WebAssembly compilations attempted and how they ended. */
  wasm: { attempts: number; succeeded: number; failures: string[] };
}

interface PageProbe {
  csp: string[];
  wasm: { attempts: number; succeeded: number; failures: string[] };
}

declare global {
  interface Window {
    __qorganProbe?: PageProbe;
  }
}

/**
 * Opens `url` in a new page that records CSP violations, console errors, requests to other
 * origins and WebAssembly compilations (by wrapping WebAssembly.instantiate/compile before
 * any page script runs; the wrapper is injected through DevTools, not subject to the CSP).
 */
export async function openWatchedPage(
  browser: Browser,
  url: string,
): Promise<{ page: Page; problems: () => Promise<PageProblems> }> {
  const origin = new URL(url).origin;
  const page = await browser.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(`${origin}/`)) foreignRequests.push(u);
  });
  await page.addInitScript(() => {
    const probe: PageProbe = { csp: [], wasm: { attempts: 0, succeeded: 0, failures: [] } };
    window.__qorganProbe = probe;
    document.addEventListener('securitypolicyviolation', (e) => {
      probe.csp.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline/eval)'}: ${e.originalPolicy}`,
      );
    });
    const wrap =
      <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> => {
        probe.wasm.attempts++;
        return fn(...args).then(
          (result) => {
            probe.wasm.succeeded++;
            return result;
          },
          (err: unknown) => {
            probe.wasm.failures.push(String(err));
            throw err;
          },
        );
      };
    const wa = WebAssembly;
    wa.instantiate = wrap(wa.instantiate.bind(wa)) as typeof wa.instantiate; // keeps both overloads
    wa.compile = wrap(wa.compile.bind(wa));
    wa.instantiateStreaming = wrap(wa.instantiateStreaming.bind(wa));
    wa.compileStreaming = wrap(wa.compileStreaming.bind(wa));
  });
  await page.goto(url);
  return {
    page,
    problems: async () => {
      const probe = await page.evaluate(() => window.__qorganProbe);
      return {
        cspViolations: probe?.csp ?? ['the page probe is missing'],
        errors: [...errors],
        foreignRequests: [...foreignRequests],
        wasm: probe?.wasm ?? { attempts: 0, succeeded: 0, failures: [] },
      };
    },
  };
}
