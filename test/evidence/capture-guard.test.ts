// The SSRF guard of web captures, with real Chromium and real servers on loopback. Two
// local servers play a public site and an internal service: the guard's address check is
// told that only the "public" port is public, and names resolve to loopback through an
// injected resolver. Everything else is the production path: Chromium's traffic forced
// through the per-capture proxy, redirects followed by Chromium, TLS through CONNECT.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { defaultConfig, type CaptureConfig } from '../../src/server/config.ts';
import {
  createCaptureBrowser,
  type CaptureBrowser,
} from '../../src/server/modules/evidence/capture-browser.ts';
import {
  GuardError,
  isNonPublicAddress,
  openGuardedSocket,
  type GuardOptions,
} from '../../src/server/modules/evidence/capture-guard.ts';
import { HttpError } from '../../src/server/http/errors.ts';
import {
  html,
  redirect,
  startHttpServer,
  startHttpsServer,
  startSocksServer,
  type TestSocksServer,
  type TestWebServer,
} from '../helpers/test-web-server.ts';

const quiet = { warn: () => undefined };

/** The HttpError code a capture failed with (the test fails if it did not fail). */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HttpError, `not an HttpError: ${String(error)}`);
    return `${error.statusCode} ${error.code}`;
  }
  assert.fail('the capture should have failed');
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('which addresses are not public', () => {
  test('loopback, private, link-local, CGNAT, multicast and their IPv6 forms are refused', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.254',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::10.0.0.1',
      'ff02::1',
      'not an address',
    ])
      assert.equal(isNonPublicAddress(address), true, address);
  });

  test('public addresses pass', () => {
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '93.184.216.34',
      '172.32.0.1',
      '2001:4860:4860::8888',
      '2a00:1450:4001::200e',
      '::ffff:8.8.8.8',
    ])
      assert.equal(isNonPublicAddress(address), false, address);
  });
});

describe('guarded connections', () => {
  const base: GuardOptions = {
    allowPrivateNetworks: false,
    upstream: null,
    connectTimeoutMs: 2_000,
  };
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof GuardError);
      return error.refusal;
    }
    assert.fail('the connection should have been refused');
  };

  test('a name resolving to a private address, even one of several, is refused', async () => {
    const asked: string[] = [];
    const lookup = async (host: string) => {
      asked.push(host);
      return host === 'mixed.example'
        ? [
            { address: '93.184.216.34', family: 4 },
            { address: '10.0.0.7', family: 4 },
          ]
        : [{ address: '10.0.0.5', family: 4 }];
    };
    assert.equal(
      await refusal(openGuardedSocket('intranet.example', 80, { ...base, lookup })),
      'private_address',
    );
    assert.equal(
      await refusal(openGuardedSocket('mixed.example', 443, { ...base, lookup })),
      'private_address',
    );
    assert.deepEqual(asked, ['intranet.example', 'mixed.example']);
  });

  test('local names and literal private addresses are refused without asking a resolver', async () => {
    const lookup = async (): Promise<{ address: string; family: number }[]> => {
      throw new Error('the resolver must not be asked');
    };
    for (const host of [
      'localhost',
      'db.localhost',
      'printer.local',
      'intranet',
      'metadata.google.internal',
      '127.0.0.1',
      '[::1]',
      '169.254.169.254',
    ])
      assert.equal(
        await refusal(openGuardedSocket(host, 80, { ...base, lookup })),
        'private_address',
        host,
      );
  });

  test('a name that does not resolve is named so', async () => {
    const lookup = async (): Promise<{ address: string; family: number }[]> => {
      throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    assert.equal(
      await refusal(openGuardedSocket('nowhere.example', 80, { ...base, lookup })),
      'unresolvable',
    );
  });

  test('with private networks allowed, a local server is reached', async () => {
    const server = await startHttpServer();
    try {
      const socket = await openGuardedSocket('127.0.0.1', server.port, {
        ...base,
        allowPrivateNetworks: true,
      });
      socket.destroy();
      const port = await closedPort();
      assert.equal(
        await refusal(
          openGuardedSocket('127.0.0.1', port, { ...base, allowPrivateNetworks: true }),
        ),
        'unreachable',
      );
    } finally {
      await server.close();
    }
  });
});

describe('captures through the guard (Chromium)', () => {
  let site: TestWebServer;
  let internal: TestWebServer;
  let secureSite: TestWebServer;
  let socks: TestSocksServer;
  let browser: CaptureBrowser;
  const config: CaptureConfig = {
    ...defaultConfig().evidence.capture,
    allowPrivateNetworks: false,
    timeoutMs: 10_000,
  };

  before(async () => {
    site = await startHttpServer();
    internal = await startHttpServer();
    secureSite = await startHttpsServer();
    socks = await startSocksServer();
    const publicPorts = new Set([site.port, secureSite.port]);
    browser = createCaptureBrowser(config, quiet, {
      // Every name is this machine; only the "public" servers' ports count as public.
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
      isBlocked: (_address, port) => !publicPorts.has(port),
    });
    internal.on('/secret', html('<h1>Internal admin</h1>'));
    internal.on('/pixel.png', (_req, res) =>
      res.writeHead(200, { 'content-type': 'image/png' }).end(),
    );
    site.on(
      '/page',
      html(
        `<h1>Public post</h1><img src="http://internal.example:${internal.port}/pixel.png">` +
          `<script>fetch('http://internal.example:${internal.port}/secret').catch(() => {})</script>`,
      ),
    );
    site.on('/to-internal', redirect(`http://internal.example:${internal.port}/secret`));
    site.on('/to-internal-literal', redirect(`http://127.0.0.1:${internal.port}/secret`));
    secureSite.on('/to-internal', redirect(`https://internal.example:${internal.port}/secret`));
    site.on('/hang', () => undefined);
  });
  after(async () => {
    await browser.close();
    await Promise.all([site.close(), internal.close(), secureSite.close(), socks.close()]);
  });

  test('a public page is captured while its requests to an internal service are refused', async () => {
    const capture = await browser.capture(`http://public.example:${site.port}/page`);
    assert.equal(capture.status, 200);
    assert.equal(capture.title, 'Public post');
    assert.deepEqual(internal.requests, [], 'nothing reached the internal service');
  });

  test('a redirect to an internal service fails the capture, by name or by address', async () => {
    assert.equal(
      await failure(browser.capture(`http://public.example:${site.port}/to-internal`)),
      '422 capture_forbidden_address',
    );
    assert.equal(
      await failure(browser.capture(`http://public.example:${site.port}/to-internal-literal`)),
      '422 capture_forbidden_address',
    );
    assert.equal(
      await failure(browser.capture(`https://public.example:${secureSite.port}/to-internal`)),
      '422 capture_forbidden_address',
    );
    assert.deepEqual(internal.requests, []);
  });

  test('an internal address asked for directly is refused, as is localhost', async () => {
    assert.equal(
      await failure(browser.capture(`http://127.0.0.1:${internal.port}/secret`)),
      '422 capture_forbidden_address',
    );
    assert.equal(
      await failure(browser.capture(`http://localhost:${site.port}/page`)),
      '422 capture_forbidden_address',
    );
    assert.deepEqual(internal.requests, []);
  });

  test('an unreachable site, a name that does not resolve, a timeout and a blocked port are named', async () => {
    const strictLookup = createCaptureBrowser({ ...config, allowPrivateNetworks: true }, quiet);
    try {
      const port = await closedPort();
      assert.equal(
        await failure(strictLookup.capture(`http://127.0.0.1:${port}/`)),
        '422 capture_unreachable',
      );
      assert.equal(
        await failure(strictLookup.capture('http://no-such-host.invalid/')),
        '422 capture_unreachable',
      );
      assert.equal(
        await failure(strictLookup.capture('http://127.0.0.1:6000/')),
        '422 capture_bad_url',
      );
    } finally {
      await strictLookup.close();
    }
    const impatient = createCaptureBrowser(
      { ...config, allowPrivateNetworks: true, timeoutMs: 1_500 },
      quiet,
    );
    try {
      assert.equal(
        await failure(impatient.capture(`http://127.0.0.1:${site.port}/hang`)),
        '504 capture_timeout',
      );
    } finally {
      await impatient.close();
    }
  });

  test('through a SOCKS proxy the name goes to the proxy, never to a local resolver', async () => {
    const viaProxy = createCaptureBrowser({ ...config, proxy: socks.url }, quiet, {
      lookup: async () => {
        throw new Error('no local DNS when a proxy is set');
      },
    });
    try {
      const capture = await viaProxy.capture(`http://capture-target.example:${site.port}/page`);
      assert.equal(capture.status, 200);
      assert.equal(capture.title, 'Public post');
      assert.ok(
        socks.targets.includes(`capture-target.example:${site.port}`),
        socks.targets.join(),
      );
      // Literal private addresses are still refused before they reach the proxy.
      const before = socks.targets.length;
      assert.equal(
        await failure(viaProxy.capture(`http://127.0.0.1:${site.port}/page`)),
        '422 capture_forbidden_address',
      );
      assert.equal(socks.targets.length, before);
    } finally {
      await viaProxy.close();
    }
  });

  test('without Chromium a capture is refused as unavailable', async () => {
    const missing = createCaptureBrowser(
      { ...config, chromiumPath: '/nonexistent/chromium' },
      quiet,
    );
    assert.equal(
      await failure(missing.capture(`http://public.example:${site.port}/page`)),
      '503 capture_unavailable',
    );
    await missing.close();
  });

  test('beyond the concurrency limit a capture is refused as busy', async () => {
    site.on('/slow', (_req, res) => {
      setTimeout(() => html('<h1>Slow</h1>')(_req, res), 1_500);
    });
    const single = createCaptureBrowser(
      { ...config, allowPrivateNetworks: true, concurrency: 1 },
      quiet,
    );
    try {
      const first = single.capture(`http://127.0.0.1:${site.port}/slow`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(
        await failure(single.capture(`http://127.0.0.1:${site.port}/page`)),
        '503 capture_busy',
      );
      assert.equal((await first).title, 'Slow');
      // Once it finished, the next one runs.
      assert.equal((await single.capture(`http://127.0.0.1:${site.port}/page`)).status, 200);
    } finally {
      await single.close();
    }
  });
});
