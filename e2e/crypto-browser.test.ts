// The browser build of src/common/crypto produces and opens the same ciphertexts as Node,
// under the app's Content-Security-Policy, using WebAssembly, and talks to nobody.
//
// Vite bundles e2e/fixtures/crypto-kat.html (→ crypto-kat-entry.ts) the way the web app is
// bundled; a node:http server serves it with the app's CSP; headless Debian Chromium runs it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  ALG_FIELD,
  ALG_SEALED,
  ALG_STREAM,
  FORMAT_VERSION,
  boxKeyPairFromPrivate,
  createKeyGrant,
  decryptBytes,
  decryptFieldText,
  encryptBytes,
  encryptField,
  fromHex,
  loadSodium,
  openKeyGrant,
  openSealedText,
  sealTo,
  toHex,
} from '../src/common/crypto/index.ts';
import { CONTENT_SECURITY_POLICY } from '../src/server/http/security-headers.ts';
import { EXPECTED, INPUTS, streamPlaintext, type NodeMade } from '../test/crypto/vectors.ts';
import {
  REPO_ROOT,
  browserSkip,
  buildPage,
  launchBrowser,
  openWatchedPage,
  serveStatic,
  type BuiltPage,
  type StaticServer,
} from './helpers/browser.ts';

await loadSodium();

const PAGE = `${REPO_ROOT}e2e/fixtures/crypto-kat.html`;
const NO_WASM_CSP = CONTENT_SECURITY_POLICY.replace(" 'wasm-unsafe-eval'", '');

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} was not set up`);
  return value;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// A reason when Chromium is missing on a developer machine; false in CI, where a missing
// Chromium makes launchBrowser() fail the tests.
const skip = browserSkip();

describe('crypto in the browser build (Chromium)', () => {
  let built: BuiltPage | undefined;
  let browser: Browser | undefined;
  const servers: StaticServer[] = [];

  before(async () => {
    if (skip) return;
    built = await buildPage(PAGE);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    await built?.remove();
  });

  async function open(csp: string) {
    const page = need(built, 'the page build');
    const server = await serveStatic(page.dir, csp);
    servers.push(server);
    const watched = await openWatchedPage(
      need(browser, 'the browser'),
      `${server.origin}/${page.html}`,
    );
    return { ...watched, server };
  }

  test('the app CSP allows WebAssembly compilation and nothing more', () => {
    assert.match(CONTENT_SECURITY_POLICY, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /'unsafe-eval'|'unsafe-inline'/);
    assert.match(CONTENT_SECURITY_POLICY, /connect-src 'self'(;|$)/);
    assert.notEqual(NO_WASM_CSP, CONTENT_SECURITY_POLICY);
  });

  test(
    'same known answers as Node, and each side opens what the other made',
    { skip },
    async (t) => {
      const { page, problems, server } = await open(CONTENT_SECURITY_POLICY);

      const load = await page.evaluate(() => window.katLoad());
      assert.deepEqual(load, { ok: true }, 'libsodium did not load under the app CSP');

      const member = boxKeyPairFromPrivate(fromHex(INPUTS.boxKeys.memberPrivateHex));
      const nodeKeys = boxKeyPairFromPrivate(fromHex(INPUTS.boxKeys.nodePrivateHex));
      const fieldKey = fromHex(INPUTS.field.keyHex);
      const fileKey = fromHex(INPUTS.stream.fileKeyHex);
      const nodeMade: NodeMade = {
        sealedHex: toHex(sealTo(member.publicKey, INPUTS.sealedMessage)),
        keyGrantHex: toHex(createKeyGrant(fromHex(INPUTS.boxKeys.orgPrivateHex), member.publicKey)),
        fieldHex: toHex(encryptField(fieldKey, INPUTS.field.plaintext, INPUTS.field.context)),
        streams: INPUTS.stream.sizes.map((size) => ({
          size,
          hex: toHex(encryptBytes(fileKey, streamPlaintext(size))),
        })),
      };

      const result = await page.evaluate((input) => window.runKat(input), nodeMade);

      // 1. Deterministic vectors: the browser gives the literals Node gives.
      assert.deepEqual(result.deterministic, EXPECTED);

      // 2. The browser opened what Node made.
      assert.equal(result.opened.sealedText, INPUTS.sealedMessage);
      assert.equal(result.opened.keyGrantOrgPrivateHex, INPUTS.boxKeys.orgPrivateHex);
      assert.equal(result.opened.keyGrantOrgPublicHex, EXPECTED.boxPublicKeys.orgHex);
      assert.equal(result.opened.fieldText, INPUTS.field.plaintext);
      assert.deepEqual(
        result.opened.streams,
        INPUTS.stream.sizes.map((size) => ({
          size,
          plaintextSha256: sha256(streamPlaintext(size)),
        })),
      );

      // 3. Node opens what the browser made.
      const made = result.made;
      for (const [hex, alg] of [
        [made.sealedHex, ALG_SEALED],
        [made.keyGrantHex, ALG_SEALED],
        [made.fieldHex, ALG_FIELD],
        ...made.streams.map((s) => [s.hex, ALG_STREAM] as const),
      ] as const) {
        assert.deepEqual([...fromHex(hex).subarray(0, 2)], [FORMAT_VERSION, alg]);
      }
      assert.equal(openSealedText(nodeKeys, fromHex(made.sealedHex)), INPUTS.sealedMessage);
      const grant = openKeyGrant(fromHex(made.keyGrantHex), nodeKeys);
      assert.equal(toHex(grant.privateKey), INPUTS.boxKeys.orgPrivateHex);
      assert.equal(toHex(grant.publicKey), EXPECTED.boxPublicKeys.orgHex);
      assert.equal(
        decryptFieldText(fieldKey, fromHex(made.fieldHex), INPUTS.field.context),
        INPUTS.field.plaintext,
      );
      assert.deepEqual(
        made.streams.map((s) => s.size),
        [...INPUTS.stream.sizes],
      );
      for (const s of made.streams) {
        assert.deepEqual(
          decryptBytes(fileKey, fromHex(s.hex)),
          streamPlaintext(s.size),
          `stream ${s.size}`,
        );
      }
      // Randomised on both sides: the browser's random source works (not all-equal output).
      assert.notEqual(made.sealedHex, nodeMade.sealedHex);
      assert.notEqual(made.fieldHex, nodeMade.fieldHex);

      // 4. Under the CSP: no violation, no error, WebAssembly compiled, nothing fetched elsewhere.
      const seen = await problems();
      assert.deepEqual(seen.cspViolations, []);
      assert.deepEqual(seen.errors, []);
      assert.deepEqual(seen.foreignRequests, []);
      assert.deepEqual(seen.wasm.failures, []);
      assert.ok(seen.wasm.succeeded >= 1, 'libsodium did not compile WebAssembly');
      const files = new Set(['/' + need(built, 'the page build').html, '/favicon.ico']);
      for (const path of server.requested) {
        assert.ok(files.has(path) || path.startsWith('/assets/'), `unexpected request ${path}`);
      }
      t.diagnostic(
        `Argon2id 8 MiB / 2 passes in Chromium (WebAssembly): ${result.argon2SmallMs.toFixed(1)} ms`,
      );
    },
  );

  test(
    "without 'wasm-unsafe-eval' libsodium cannot load (there is no asm.js fallback)",
    { skip },
    async () => {
      const { page, problems } = await open(NO_WASM_CSP);
      const load = await page.evaluate(() => window.katLoad());
      assert.equal(load.ok, false, 'libsodium loaded without wasm-unsafe-eval: revisit the CSP');
      if (!load.ok) assert.match(load.error, /WebAssembly|Content Security Policy/);
      const seen = await problems();
      assert.equal(seen.wasm.succeeded, 0);
      assert.ok(
        seen.cspViolations.some((v) => v.includes('wasm-eval')),
        `expected a wasm-eval CSP violation, saw ${JSON.stringify(seen.cspViolations)}`,
      );
      assert.deepEqual(seen.foreignRequests, []);
    },
  );
});
