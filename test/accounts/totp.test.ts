// Two-factor sign-in: enrolment, the second step, single-use codes (even inside their
// 30-second window), single-use recovery codes, and turning it off with a fresh code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { currentTotpCode } from '../../src/server/modules/accounts/totp.ts';
import { codeNow, enrolTotp, me, passwordStep, totpChallenge } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

const STEP_MS = 30_000;

for (const engine of engines()) {
  describe(`two-factor sign-in (${engine.engine})`, { skip: engine.skip }, () => {
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

    const secondStep = (challenge: string, factor: { code: string } | { recoveryCode: string }) =>
      call(t, 'POST', '/api/auth/totp', { payload: { challenge, ...factor } });

    test('enrolment needs a correct code and returns single-use recovery codes', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'lawyer');
      const setup = await call(t, 'POST', '/api/me/totp/setup', {
        cookie: member.cookie,
        payload: {},
      });
      assert.equal(setup.statusCode, 200, setup.body);
      const { uri } = setup.json<{ uri: string; secret: string }>();
      assert.match(uri, /^otpauth:\/\/totp\//);
      assert.ok(
        !uri.includes(member.email) && !uri.toLowerCase().includes('test organisation'),
        'the label names neither person nor organisation',
      );

      const wrong = await call(t, 'POST', '/api/me/totp/enable', {
        cookie: member.cookie,
        payload: { code: '000000' },
      });
      assert.equal(wrong.statusCode, 400);
      assert.equal((await me(t, member.cookie)).member.totpEnabled, false);

      // A new setup replaces the unconfirmed secret; enrolTotp confirms it.
      const enrolment = await enrolTotp(t, member.cookie);
      assert.equal(enrolment.recoveryCodes.length, 10);
      assert.equal(new Set(enrolment.recoveryCodes).size, 10);
      for (const code of enrolment.recoveryCodes) assert.match(code, /^[a-z0-9]{5}-[a-z0-9]{5}$/);
      assert.equal((await me(t, member.cookie)).member.totpEnabled, true);
      const again = await call(t, 'POST', '/api/me/totp/setup', {
        cookie: member.cookie,
        payload: {},
      });
      assert.equal(again.statusCode, 409, 'no silent replacement of an active secret');
    });

    test('sign-in needs the second step; wrong and reused codes fail, the next step’s code works', async () => {
      const org = await createOrganisation(t);
      const { secret } = await enrolTotp(t, org.admin.cookie);

      const first = await passwordStep(t, org.admin.email, org.admin.password);
      assert.equal(first.statusCode, 200);
      assert.equal(first.json<{ next: string }>().next, 'totp');
      assert.equal(first.cookies.length, 0, 'no session before the second factor');
      const challenge = first.json<{ challenge: string }>().challenge;

      const wrongCode = String((Number(codeNow(t, secret)) + 500_000) % 1_000_000).padStart(6, '0');
      const wrong = await secondStep(challenge, { code: wrongCode });
      assert.equal(wrong.statusCode, 401);
      assert.equal(errorOf(wrong).code, 'wrong_code');
      assert.match(errorOf(wrong).message, /not right/);

      // The code that enabled TOTP was used for this step already: refused, in its own window.
      const reused = await secondStep(challenge, { code: codeNow(t, secret) });
      assert.equal(reused.statusCode, 401);
      assert.equal(errorOf(reused).code, 'code_reused');
      assert.match(errorOf(reused).message, /already used/);
      assert.equal(reused.cookies.length, 0);

      t.clock.advance(STEP_MS);
      const next = await secondStep(challenge, { code: codeNow(t, secret) });
      assert.equal(next.statusCode, 200, next.body);
      assert.equal((await me(t, sessionCookieOf(next))).member.id, org.admin.id);

      // The same code once more, on a new challenge within the same 30 s: refused.
      const replay = await secondStep(await totpChallenge(t, org.admin.email, org.admin.password), {
        code: codeNow(t, secret),
      });
      assert.equal(replay.statusCode, 401);
      assert.match(errorOf(replay).message, /already used/);
    });

    test('a used challenge cannot be replayed', async () => {
      const org = await createOrganisation(t);
      const { secret } = await enrolTotp(t, org.admin.cookie);
      const challenge = await totpChallenge(t, org.admin.email, org.admin.password);
      t.clock.advance(STEP_MS);
      assert.equal((await secondStep(challenge, { code: codeNow(t, secret) })).statusCode, 200);
      t.clock.advance(STEP_MS);
      const replay = await secondStep(challenge, { code: codeNow(t, secret) });
      assert.equal(replay.statusCode, 401);
    });

    test('a recovery code signs in once', async () => {
      const org = await createOrganisation(t);
      const { recoveryCodes } = await enrolTotp(t, org.admin.cookie);
      const code = recoveryCodes[3] ?? '';
      const ok = await secondStep(await totpChallenge(t, org.admin.email, org.admin.password), {
        recoveryCode: code.toUpperCase(),
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const again = await secondStep(await totpChallenge(t, org.admin.email, org.admin.password), {
        recoveryCode: code,
      });
      assert.equal(again.statusCode, 401);
      assert.equal(errorOf(again).code, 'recovery_code_invalid');
      assert.match(errorOf(again).message, /recovery code/);
      const other = await secondStep(await totpChallenge(t, org.admin.email, org.admin.password), {
        recoveryCode: recoveryCodes[4] ?? '',
      });
      assert.equal(other.statusCode, 200, 'the other codes still work');
    });

    test('turning 2FA off needs a fresh code, and then the password alone signs in', async () => {
      const org = await createOrganisation(t);
      const { secret, recoveryCodes } = await enrolTotp(t, org.admin.cookie);
      const stale = await call(t, 'POST', '/api/me/totp/disable', {
        cookie: org.admin.cookie,
        payload: { code: codeNow(t, secret) },
      });
      assert.equal(stale.statusCode, 400, 'the code that enabled it is used up');
      assert.equal((await me(t, org.admin.cookie)).member.totpEnabled, true);

      t.clock.advance(STEP_MS);
      const off = await call(t, 'POST', '/api/me/totp/disable', {
        cookie: org.admin.cookie,
        payload: { code: codeNow(t, secret) },
      });
      assert.equal(off.statusCode, 204, off.body);
      assert.equal((await me(t, org.admin.cookie)).member.totpEnabled, false);
      const login = await passwordStep(t, org.admin.email, org.admin.password);
      assert.deepEqual(login.json(), { next: 'done' });
      const rows = await t.database.db
        .selectFrom('recovery_codes')
        .select('id')
        .where('member_id', '=', org.admin.id)
        .execute();
      assert.equal(rows.length, 0, `the ${recoveryCodes.length} recovery codes are gone`);
      const twice = await call(t, 'POST', '/api/me/totp/disable', {
        cookie: org.admin.cookie,
        payload: { code: codeNow(t, secret) },
      });
      assert.equal(twice.statusCode, 409);
    });

    test('wrong codes count as failed logins and lock the account like wrong passwords', async () => {
      const org = await createOrganisation(t);
      const { secret } = await enrolTotp(t, org.admin.cookie);
      const challenge = await totpChallenge(t, org.admin.email, org.admin.password);
      for (let i = 0; i <= t.config.loginFreeAttempts; i += 1) {
        assert.equal(
          (
            await secondStep(challenge, {
              code: '000000' === codeNow(t, secret) ? '111111' : '000000',
            })
          ).statusCode,
          401,
        );
      }
      // The next step's code is unused and within the accepted drift window.
      const nextCode = currentTotpCode(secret, new Date(t.clock.now().getTime() + STEP_MS));
      const locked = await secondStep(challenge, { code: nextCode });
      assert.equal(locked.statusCode, 429, 'even the right code waits');
      t.clock.advance(STEP_MS);
      assert.equal(
        (await secondStep(challenge, { code: codeNow(t, secret) })).statusCode,
        200,
        'and works once the wait is over',
      );
    });
  });
}
