// Login: prelogin does not tell who has an account, a wrong password and an unknown
// e-mail look the same, and repeated failures slow down one account and no other.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toB64 } from '../../src/common/crypto/encoding.ts';
import { deriveLoginKeys, generateSalt } from '../../src/common/crypto/keys.ts';
import { me, passwordStep } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, authKeyFor, createOrganisation, loginCookie } from '../helpers/factories.ts';
import { call, errorOf, randomHex } from '../helpers/http.ts';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

type Kdf = { salt: string; opslimit: number; memlimit: number };

for (const engine of engines()) {
  describe(`login (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    const prelogin = async (email: string) => {
      const res = await call(t, 'POST', '/api/auth/prelogin', { payload: { email } });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<{ kdf: Kdf }>().kdf;
    };
    /** An auth key for a password nobody has (a wrong guess). */
    const wrongAuthKey = () =>
      toB64(deriveLoginKeys(`wrong ${randomHex()}`, generateSalt(), t.config.kdf).authKey);
    const attempt = (email: string, authKey: string) =>
      call(t, 'POST', '/api/auth/login', { payload: { email, authKey } });
    const lockedUntil = async (memberId: string) =>
      (
        await t.database.db
          .selectFrom('login_throttle')
          .innerJoin('members', 'members.email_index', 'login_throttle.email_index')
          .select('login_throttle.locked_until')
          .where('members.id', '=', memberId)
          .executeTakeFirst()
      )?.locked_until ?? null;

    test('prelogin for an unknown e-mail gives a stable salt unlike a real one, with the default cost', async () => {
      const org = await createOrganisation(t);
      const unknown = `nobody-${randomHex()}@example.org`;
      const first = await prelogin(unknown);
      const second = await prelogin(unknown.toUpperCase());
      assert.deepEqual(first, second, 'the same answer every time, whatever the case');
      assert.deepEqual({ opslimit: first.opslimit, memlimit: first.memlimit }, t.config.kdf);
      assert.match(first.salt, /^[A-Za-z0-9_-]{22}$/, 'looks like a real 16-byte salt');
      const real = await prelogin(org.admin.email);
      assert.equal(real.salt, (await me(t, org.admin.cookie)).member.kdf.salt);
      assert.notEqual(first.salt, real.salt);
      assert.notEqual(
        first.salt,
        (await prelogin(`someone-else-${randomHex()}@example.org`)).salt,
        'each unknown e-mail has its own',
      );
    });

    test('a wrong password and an unknown e-mail get the identical 401', async () => {
      const org = await createOrganisation(t);
      const wrong = await attempt(org.admin.email, wrongAuthKey());
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual(wrong.json(), {
        error: { code: 'wrong_credentials', message: 'Wrong e-mail or password.' },
      });
      const unknown = await attempt(`nobody-${randomHex()}@example.org`, wrongAuthKey());
      assert.equal(unknown.statusCode, 401);
      assert.equal(unknown.body, wrong.body);
      assert.equal(unknown.cookies.length + wrong.cookies.length, 0, 'no cookie on a failure');
    });

    test('a right password signs in and the e-mail is matched case-insensitively', async () => {
      const org = await createOrganisation(t);
      const res = await attempt(
        org.admin.email.toUpperCase(),
        await authKeyFor(t, org.admin.email, org.admin.password),
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { next: 'done' });
      assert.equal((await me(t, sessionCookieOf(res))).member.id, org.admin.id);
    });

    test('an e-mail without an account is throttled exactly like one with an account', async () => {
      const org = await createOrganisation(t);
      const unknown = `nobody-${randomHex()}@example.org`;
      const answers = async (email: string) => {
        const seen: string[] = [];
        for (let i = 0; i <= t.config.loginFreeAttempts + 1; i += 1) {
          const res = await attempt(email, wrongAuthKey());
          seen.push(`${res.statusCode} ${res.body}`);
        }
        return seen;
      };
      const known = await answers(org.admin.email);
      const nobody = await answers(unknown);
      assert.deepEqual(nobody, known, 'the same sequence of answers: a 429 tells nothing');
      assert.match(nobody.at(-1) ?? '', /^429 /);
    });

    test('after the free attempts the account is locked, even for the right password, until the wait is over', async () => {
      const org = await createOrganisation(t);
      const colleague = await addMember(t, org, 'case_worker');
      const rightKey = await authKeyFor(t, org.admin.email, org.admin.password);
      // docs/security.md: "after 5 failures in a row, each further failure makes that account wait".
      for (let i = 1; i <= t.config.loginFreeAttempts; i += 1) {
        assert.equal(
          (await attempt(org.admin.email, wrongAuthKey())).statusCode,
          401,
          `free attempt ${i}`,
        );
      }
      assert.equal(await lockedUntil(org.admin.id), null, 'the free attempts do not lock');
      assert.equal(
        (await attempt(org.admin.email, wrongAuthKey())).statusCode,
        401,
        'one failure past the free attempts',
      );
      const until = await lockedUntil(org.admin.id);
      assert.ok(until && until > t.clock.now(), 'the account now waits');

      const locked = await attempt(org.admin.email, rightKey);
      assert.equal(locked.statusCode, 429, locked.body);
      assert.equal(errorOf(locked).code, 'too_many_attempts');
      assert.equal(locked.cookies.length, 0);

      // An attack on one account never locks out another, even in the same organisation.
      assert.ok(await loginCookie(t, colleague.email, colleague.password));

      t.clock.advance(until.getTime() - t.clock.now().getTime() - 1_000);
      assert.equal(
        (await attempt(org.admin.email, rightKey)).statusCode,
        429,
        'one second before the end of the wait',
      );
      t.clock.advance(2_000);
      const ok = await attempt(org.admin.email, rightKey);
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(await lockedUntil(org.admin.id), null, 'a success clears the counter');
    });

    test('each further failure doubles the wait', async () => {
      const org = await createOrganisation(t);
      for (let i = 0; i <= t.config.loginFreeAttempts; i += 1)
        await attempt(org.admin.email, wrongAuthKey());
      const first = await lockedUntil(org.admin.id);
      assert.ok(first);
      const firstWait = first.getTime() - t.clock.now().getTime();
      t.clock.advance(firstWait + 1);
      const start = t.clock.now().getTime();
      assert.equal((await attempt(org.admin.email, wrongAuthKey())).statusCode, 401);
      const second = await lockedUntil(org.admin.id);
      assert.ok(second);
      assert.equal(second.getTime() - start, 2 * firstWait);
    });

    test('a disabled member gets the same answer as an unknown e-mail', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'viewer');
      await call(t, 'POST', `/api/members/${member.id}/disable`, {
        cookie: org.admin.cookie,
        payload: {},
      });
      const res = await passwordStep(t, member.email, member.password);
      const unknown = await attempt(`nobody-${randomHex()}@example.org`, wrongAuthKey());
      assert.equal(res.statusCode, 401);
      assert.equal(res.body, unknown.body);
    });
  });
}
