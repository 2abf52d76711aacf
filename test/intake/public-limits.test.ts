// The small parts of the public forms' protection, on their own: form tokens (expiry,
// tampering, one form's token on another), the in-memory rate limiter (windows, the
// instance budget, the memory bound, no address kept) and the limits read from the
// environment.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import { generateBoxKeyPair } from '../../src/common/crypto/envelope.ts';
import {
  checkFormToken,
  issueFormToken,
} from '../../src/server/modules/intake/public/form-token.ts';
import { RateLimiter } from '../../src/server/modules/intake/public/rate-limiter.ts';
import { ReporterSessions } from '../../src/server/modules/intake/public/reporter-sessions.ts';
import { rateLimitsFromEnvironment } from '../../src/server/runtime.ts';
import { testClock } from '../helpers/test-app.ts';

describe('form tokens', () => {
  const key = new Uint8Array(randomBytes(32));
  const check = (token: string, now: Date, purpose: 'return' | 'message' = 'return') =>
    checkFormToken({ key, purpose, token, now, validHours: 6 });

  test('valid for the configured hours after the page was served, then expired', () => {
    const served = new Date('2026-03-01T09:00:00Z');
    const token = issueFormToken(key, 'return', served);
    assert.equal(check(token, served), 'valid');
    assert.equal(check(token, new Date(served.getTime() + 6 * 3_600_000 - 1000)), 'valid');
    assert.equal(check(token, new Date(served.getTime() + 6 * 3_600_000 + 1000)), 'expired');
  });

  test('refused when altered, from another form, another key, or far in the future', () => {
    const now = new Date();
    const token = issueFormToken(key, 'return', now);
    const [version, issued, mac] = token.split('.');
    assert.equal(check(`${version}.${Number(issued) + 60}.${mac}`, now), 'invalid');
    assert.equal(check(`${token}x`, now), 'invalid');
    assert.equal(check(token, now, 'message'), 'invalid', 'one form’s token on another');
    assert.equal(
      check(issueFormToken(new Uint8Array(randomBytes(32)), 'return', now), now),
      'invalid',
    );
    assert.equal(
      check(issueFormToken(key, 'return', new Date(now.getTime() + 3_600_000)), now),
      'invalid',
    );
    for (const junk of ['', 'v1', 'v1..', 'v2.1.abc', 'v1.-5.abc'])
      assert.equal(check(junk, now), 'invalid');
  });
});

describe('the in-memory rate limiter', () => {
  test('counts per client within a window, and starts again after it', () => {
    const clock = testClock();
    const limiter = new RateLimiter({
      perClient: 2,
      windowMinutes: 10,
      globalPerMinute: null,
      now: clock.now,
    });
    assert.equal(limiter.hit('203.0.113.1').allowed, true);
    assert.equal(limiter.hit('203.0.113.1').allowed, true);
    const third = limiter.hit('203.0.113.1');
    assert.deepEqual(third, { allowed: false, reason: 'client', retryMinutes: 10 });
    assert.equal(limiter.hit('203.0.113.2').allowed, true, 'another client');
    clock.advance(4 * 60_000);
    assert.deepEqual(limiter.hit('203.0.113.1'), {
      allowed: false,
      reason: 'client',
      retryMinutes: 6,
    });
    clock.advance(6 * 60_000);
    assert.equal(limiter.hit('203.0.113.1').allowed, true);
  });

  test('the instance budget is per minute, across clients', () => {
    const clock = testClock();
    const limiter = new RateLimiter({
      perClient: 100,
      windowMinutes: 10,
      globalPerMinute: 3,
      now: clock.now,
    });
    const results = ['a', 'b', 'c', 'd'].map((ip) => limiter.hit(ip));
    assert.deepEqual(
      results.map((r) => r.allowed),
      [true, true, true, false],
    );
    assert.deepEqual(results[3], { allowed: false, reason: 'global', retryMinutes: 1 });
    clock.advance(60_000);
    assert.equal(limiter.hit('e').allowed, true);
  });

  test('expired counters are dropped, and no address is kept', () => {
    const clock = testClock();
    const limiter = new RateLimiter({
      perClient: 5,
      windowMinutes: 1,
      globalPerMinute: null,
      now: clock.now,
    });
    for (let i = 0; i < 1000; i++) limiter.hit(`198.51.100.${i % 250}.${i}`);
    assert.equal(limiter.trackedClients, 1000);
    clock.advance(61_000);
    limiter.hit('192.0.2.1');
    assert.equal(limiter.trackedClients, 1, 'the old windows were dropped');
    const kept = JSON.stringify([
      ...(limiter as unknown as { clients: Map<string, unknown> }).clients.keys(),
    ]);
    assert.ok(!kept.includes('192.0.2.1'), 'the key is an HMAC, not the address');
  });
});

describe('reporter sessions', () => {
  test('end after the idle time, on request, and forget the private key', async () => {
    await loadSodium();
    const clock = testClock();
    const sessions = new ReporterSessions({ idleMinutes: 30, now: clock.now });
    const keyPair = generateBoxKeyPair();
    const token = sessions.create('report-id', keyPair, 'kk');
    clock.advance(29 * 60_000);
    assert.equal(sessions.get(token)?.reportId, 'report-id', 'a request keeps it alive');
    clock.advance(29 * 60_000);
    assert.equal(sessions.get(token)?.locale, 'kk');
    clock.advance(31 * 60_000);
    assert.equal(sessions.get(token), undefined);
    assert.ok(
      keyPair.privateKey.every((b) => b === 0),
      'the private key was wiped',
    );
    const other = sessions.create(null, generateBoxKeyPair(), 'ru');
    sessions.end(other);
    assert.equal(sessions.get(other), undefined);
    assert.equal(sessions.get('not-a-token'), undefined);
    assert.equal(sessions.size, 0);
  });
});

test('the limits can be set from the environment, and a mistake names the variable', () => {
  assert.deepEqual(rateLimitsFromEnvironment({}), {});
  assert.deepEqual(
    rateLimitsFromEnvironment({
      QORGAN_REPORTS_PER_CLIENT: '200',
      QORGAN_REPORTS_PER_MINUTE: '600',
      QORGAN_RETURN_ATTEMPTS_PER_CLIENT: '400',
    }),
    { perClientSubmissions: 200, globalSubmissionsPerMinute: 600, perClientReturnAttempts: 400 },
  );
  for (const bad of ['0', '-1', '2.5', 'many']) {
    assert.throws(
      () => rateLimitsFromEnvironment({ QORGAN_REPORTS_PER_CLIENT: bad }),
      /QORGAN_REPORTS_PER_CLIENT/,
    );
  }
});
