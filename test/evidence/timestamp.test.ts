// RFC 3161 tokens from a real openssl timestamp authority: our request is one openssl
// answers, our verification accepts the token it gives and names what is wrong when the
// digest, the token bytes, the nonce or the trusted CA do not fit; and openssl itself
// verifies the token our request produced.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  buildTimestampRequest,
  parsePemCertificates,
  parseTimestampResponse,
  randomNonce,
  TIMESTAMP_STATUS,
  tokenInfo,
  verifyTimestampToken,
} from '../../src/common/evidence/timestamp.ts';
import { makeTestCa, startTestTsa, type TestTsa } from '../helpers/test-tsa.ts';

const run = promisify(execFile);

async function stamp(tsa: TestTsa, digest: Uint8Array, nonce: bigint): Promise<Uint8Array> {
  const response = await fetch(tsa.url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: buildTimestampRequest(digest, nonce),
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/timestamp-reply');
  const parsed = parseTimestampResponse(new Uint8Array(await response.arrayBuffer()));
  assert.equal(parsed.status, TIMESTAMP_STATUS.granted);
  assert.ok(parsed.token, 'a granted response carries a token');
  return parsed.token;
}

function sha256(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text).digest());
}

describe('RFC 3161 timestamp tokens', () => {
  let tsa: TestTsa;
  let work: string;
  const digest = sha256('a hash manifest');
  const nonce = randomNonce();
  let token: Uint8Array;

  before(async () => {
    tsa = await startTestTsa();
    work = await mkdtemp(join(tmpdir(), 'qorgan-ts-test-'));
    token = await stamp(tsa, digest, nonce);
  });
  after(async () => {
    await tsa.close();
    await rm(work, { recursive: true, force: true });
  });

  test('a token from the openssl TSA verifies against its CA, with its time, serial and signer', async () => {
    const before = Date.now();
    const result = await verifyTimestampToken(token, { digest, trustedCaPem: [tsa.caPem], nonce });
    assert.deepEqual(result.failures, []);
    assert.equal(result.ok, true);
    assert.ok(result.genTime instanceof Date);
    // openssl stamps whole seconds; the token was made in before().
    assert.ok(Math.abs(result.genTime.getTime() - before) < 5 * 60_000);
    assert.match(result.serialNumber ?? '', /^[0-9a-f]+$/);
    assert.equal(result.tsaSubject, 'CN=Qorgan Test TSA, O=Qorgan Tests');
  });

  test('the request asks for SHA-256 of the digest, the nonce and the certificate', async () => {
    const queryPath = join(work, 'request.tsq');
    await writeFile(queryPath, buildTimestampRequest(digest, 4242n));
    const { stdout } = await run('openssl', ['ts', '-query', '-in', queryPath, '-text']);
    assert.match(stdout, /Hash Algorithm: sha256/);
    assert.match(stdout, /Nonce: 0x1092/);
    assert.match(stdout, /Certificate required: yes/);
    const hexDump = [...stdout.matchAll(/- ([0-9a-f -]+) {2}/g)]
      .map((m) => (m[1] ?? '').replace(/[ -]/g, ''))
      .join('');
    assert.equal(hexDump, Buffer.from(digest).toString('hex'));
  });

  test('a digest held in a view of a larger buffer (a Node Buffer) is stamped as itself', async () => {
    const pooled = Buffer.from(Buffer.from(digest).toString('hex'), 'hex');
    assert.notEqual(pooled.buffer.byteLength, 32, 'the Buffer is a view into a pool');
    const pooledToken = await stamp(tsa, pooled, 99n);
    const result = await verifyTimestampToken(pooledToken, {
      digest: pooled,
      trustedCaPem: [tsa.caPem],
      nonce: 99n,
    });
    assert.deepEqual(result.failures, []);
    assert.equal(tokenInfo(pooledToken).digest, Buffer.from(digest).toString('hex'));
  });

  test('a trusted CA file may hold several certificates, the right one among them', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'qorgan-ts-other-'));
    try {
      const other = await makeTestCa(otherDir, 'Unrelated CA');
      const result = await verifyTimestampToken(token, {
        digest,
        trustedCaPem: [other.certPem + tsa.caPem],
      });
      assert.deepEqual(result.failures, []);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  test('another digest fails as imprint_mismatch and nothing else', async () => {
    const result = await verifyTimestampToken(token, {
      digest: sha256('another manifest'),
      trustedCaPem: [tsa.caPem],
    });
    assert.equal(result.ok, false);
    assert.deepEqual(result.failures, ['imprint_mismatch']);
  });

  test('a wrong nonce fails as nonce_mismatch', async () => {
    const result = await verifyTimestampToken(token, {
      digest,
      trustedCaPem: [tsa.caPem],
      nonce: nonce + 1n,
    });
    assert.deepEqual(result.failures, ['nonce_mismatch']);
  });

  test('one flipped byte of the signature fails as signature_invalid', async () => {
    const tampered = token.slice();
    const last = tampered.length - 1;
    tampered[last] = (tampered[last] ?? 0) ^ 0x01;
    const result = await verifyTimestampToken(tampered, { digest, trustedCaPem: [tsa.caPem] });
    assert.equal(result.ok, false);
    assert.ok(result.failures.includes('signature_invalid'), result.failures.join());
  });

  test('one flipped byte of the stamped content fails the signature (and the imprint)', async () => {
    const at = Buffer.from(token).indexOf(Buffer.from(digest));
    assert.ok(at > 0, 'the digest is inside the token');
    const tampered = token.slice();
    tampered[at + 5] = (tampered[at + 5] ?? 0) ^ 0x80;
    const result = await verifyTimestampToken(tampered, { digest, trustedCaPem: [tsa.caPem] });
    assert.equal(result.ok, false);
    assert.deepEqual(result.failures, ['imprint_mismatch', 'signature_invalid']);
  });

  test('one flipped byte of the TSA certificate inside the token breaks its chain and its pin', async () => {
    const certDer = parsePemCertificates(tsa.tsaCertPem)[0]?.toSchema().toBER(false);
    assert.ok(certDer);
    const at = Buffer.from(token).indexOf(Buffer.from(certDer));
    assert.ok(at > 0, 'the TSA certificate is inside the token');
    const tampered = token.slice();
    const last = at + certDer.byteLength - 1;
    tampered[last] = (tampered[last] ?? 0) ^ 0x01;
    const result = await verifyTimestampToken(tampered, { digest, trustedCaPem: [tsa.caPem] });
    assert.deepEqual(result.failures, ['signing_certificate_mismatch', 'certificate_untrusted']);
  });

  test('a CA that did not issue the TSA certificate fails as certificate_untrusted', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'qorgan-ts-untrusted-'));
    try {
      const other = await makeTestCa(otherDir, 'Qorgan Test Root CA');
      const result = await verifyTimestampToken(token, { digest, trustedCaPem: [other.certPem] });
      assert.equal(result.ok, false);
      assert.deepEqual(result.failures, ['certificate_untrusted']);
      const none = await verifyTimestampToken(token, { digest, trustedCaPem: [] });
      assert.deepEqual(none.failures, ['certificate_untrusted']);
    } finally {
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  test('trusting the TSA certificate itself is not trusting a CA: it is not self-issued', async () => {
    const result = await verifyTimestampToken(token, { digest, trustedCaPem: [tsa.tsaCertPem] });
    assert.equal(result.ok, false);
    assert.ok(result.failures.includes('certificate_untrusted'));
  });

  test('an unreadable trusted CA text is named', async () => {
    const result = await verifyTimestampToken(token, {
      digest,
      trustedCaPem: ['-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n'],
    });
    assert.ok(result.failures.includes('trusted_ca_unreadable'));
    assert.ok(result.failures.includes('certificate_untrusted'));
  });

  test('bytes that are not a token fail as token_malformed', async () => {
    for (const bytes of [
      new Uint8Array(0),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
      digest,
    ]) {
      const result = await verifyTimestampToken(bytes, { digest, trustedCaPem: [tsa.caPem] });
      assert.deepEqual(result.failures, ['token_malformed']);
    }
    assert.throws(() => tokenInfo(digest));
    assert.throws(() => parseTimestampResponse(new Uint8Array([1, 2, 3])));
  });

  test('tokenInfo reads what the token says for display', () => {
    const info = tokenInfo(token);
    assert.equal(info.digest, Buffer.from(digest).toString('hex'));
    assert.equal(info.digestAlgorithm, '2.16.840.1.101.3.4.2.1');
    assert.equal(info.nonce, nonce.toString());
    assert.equal(info.policy, '1.3.6.1.4.1.99999.1');
    assert.equal(info.tsaSubject, 'CN=Qorgan Test TSA, O=Qorgan Tests');
    assert.equal(info.tsaIssuer, 'CN=Qorgan Test Root CA, O=Qorgan Tests');
    assert.equal(info.accuracyMs, 1000);
  });

  test('openssl ts -verify accepts the token our request produced', async () => {
    const queryPath = join(work, 'verify.tsq');
    const tokenPath = join(work, 'verify.tok');
    const request = buildTimestampRequest(digest, 777n);
    await writeFile(queryPath, request);
    const parsed = parseTimestampResponse(await tsa.reply(request));
    assert.ok(parsed.token);
    await writeFile(tokenPath, parsed.token);
    const { stdout } = await run('openssl', [
      'ts',
      '-verify',
      '-queryfile',
      queryPath,
      '-in',
      tokenPath,
      '-token_in',
      '-CAfile',
      tsa.caCertPath,
      '-untrusted',
      tsa.tsaCertPath,
    ]);
    assert.match(stdout, /Verification: OK/);
    // The same, by digest alone (how a package verifier outside Qorgan would do it).
    const byDigest = await run('openssl', [
      'ts',
      '-verify',
      '-digest',
      Buffer.from(digest).toString('hex'),
      '-in',
      tokenPath,
      '-token_in',
      '-CAfile',
      tsa.caCertPath,
    ]);
    assert.match(byDigest.stdout, /Verification: OK/);
    // And openssl refuses it for another digest, as we do.
    await assert.rejects(
      run('openssl', [
        'ts',
        '-verify',
        '-digest',
        Buffer.from(sha256('x')).toString('hex'),
        '-in',
        tokenPath,
        '-token_in',
        '-CAfile',
        tsa.caCertPath,
      ]),
    );
  });

  test('a rejection is read with its status and reason, and has no token', async () => {
    tsa.mode = 'reject';
    try {
      const response = await fetch(tsa.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: buildTimestampRequest(digest),
      });
      const parsed = parseTimestampResponse(new Uint8Array(await response.arrayBuffer()));
      assert.equal(parsed.status, TIMESTAMP_STATUS.rejection);
      assert.equal(parsed.statusText, 'failInfo: badAlg');
      assert.equal(parsed.token, undefined);
    } finally {
      tsa.mode = 'ok';
    }
  });

  test('PEM parsing reads every certificate of a bundle', async () => {
    assert.equal(parsePemCertificates(tsa.caPem + '\n' + tsa.tsaCertPem).length, 2);
    assert.throws(() => parsePemCertificates('no pem here'));
  });

  test('the module runs in browsers too: no node: imports', async () => {
    const source = await readFile(
      new URL('../../src/common/evidence/timestamp.ts', import.meta.url),
      'utf8',
    );
    assert.doesNotMatch(source, /from ['"]node:/);
    assert.doesNotMatch(source, /\bBuffer\b|\bprocess\./);
  });
});
