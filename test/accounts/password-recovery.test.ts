// Changing a password (the member key is re-wrapped, every session ends) and resetting an
// admin with the organisation recovery key (24 words, a signed one-time challenge).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fromB64 } from '../../src/common/crypto/encoding.ts';
import { openSealed, unwrapKey } from '../../src/common/crypto/envelope.ts';
import { deriveLoginKeys, openKeyGrant } from '../../src/common/crypto/keys.ts';
import {
  deriveRecoveryKeys,
  generateRecoverySecret,
  recoverySecretToWords,
  recoveryWordsToSecret,
} from '../../src/common/crypto/recovery.ts';
import {
  enrolTotp,
  me,
  passwordChangeFor,
  passwordStep,
  recoveryResetFor,
  type RecoveryStart,
} from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import {
  addMember,
  createOrganisation,
  loginCookie,
  type TestOrganisation,
} from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`password change and recovery (${engine.engine})`, { skip: engine.skip }, () => {
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

    const status = async (cookie: string) =>
      (await call(t, 'GET', '/api/me', { cookie })).statusCode;
    const startRecovery = async (org: TestOrganisation) => {
      const res = await call(t, 'POST', '/api/recovery/start', {
        payload: { organisationSlug: org.slug },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<RecoveryStart>();
    };
    const complete = (body: Record<string, unknown>) =>
      call(t, 'POST', '/api/recovery/complete', { payload: body });

    test('a password change re-wraps the same key, ends every session and returns a fresh one', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'lawyer');
      const otherDevice = await loginCookie(t, member.email, member.password);
      const change = await passwordChangeFor(t, member);
      const res = await call(t, 'POST', '/api/me/password', {
        cookie: member.cookie,
        payload: change.body,
      });
      assert.equal(res.statusCode, 200, res.body);
      const fresh = sessionCookieOf(res);

      assert.equal(await status(member.cookie), 401, 'the session that asked ended');
      assert.equal(await status(otherDevice), 401, 'every other session ended');
      assert.equal(await status(fresh), 200, 'the returned session works');
      assert.equal(
        (await passwordStep(t, member.email, member.password)).statusCode,
        401,
        'the old password no longer signs in',
      );
      assert.ok(await loginCookie(t, member.email, change.newPassword), 'the new one does');

      const mine = await me(t, fresh);
      const keys = deriveLoginKeys(
        change.newPassword,
        fromB64(mine.member.kdf.salt),
        mine.member.kdf,
      );
      assert.deepEqual(
        unwrapKey(keys.wrapKey, fromB64(mine.member.wrappedPrivateKey)),
        member.keyPair.privateKey,
      );
      assert.ok(mine.keyGrant, 'the key grant still opens: the key pair did not change');
      assert.deepEqual(
        openKeyGrant(fromB64(mine.keyGrant), member.keyPair).privateKey,
        org.orgKeyPair.privateKey,
      );
    });

    test('a wrong current password changes nothing', async () => {
      const org = await createOrganisation(t);
      const change = await passwordChangeFor(t, { ...org.admin, password: 'not the password' });
      const res = await call(t, 'POST', '/api/me/password', {
        cookie: org.admin.cookie,
        payload: change.body,
      });
      // 403 with its own code: a 401 would tell the web app the session had ended.
      assert.equal(res.statusCode, 403);
      assert.equal(errorOf(res).code, 'wrong_password');
      assert.equal(await status(org.admin.cookie), 200, 'the session is untouched');
      assert.ok(await loginCookie(t, org.admin.email, org.admin.password));
      assert.equal((await passwordStep(t, org.admin.email, change.newPassword)).statusCode, 401);
    });

    test('recovery start gives the organisation key sealed to the recovery key, and the admins', async () => {
      const org = await createOrganisation(t);
      await addMember(t, org, 'case_worker');
      const start = await startRecovery(org);
      assert.equal(start.organisationId, org.id);
      assert.deepEqual(fromB64(start.organisationPublicKey), org.orgKeyPair.publicKey);
      assert.deepEqual(
        start.admins.map((a) => a.id),
        [org.admin.id],
        'only admins can be reset',
      );
      const recovery = deriveRecoveryKeys(recoveryWordsToSecret(org.recoveryWords));
      assert.deepEqual(
        openSealed(recovery.box, fromB64(start.recoverySealedKey)),
        org.orgKeyPair.privateKey,
      );
      const unknown = await call(t, 'POST', '/api/recovery/start', {
        payload: { organisationSlug: 'no-such-org-here' },
      });
      assert.equal(unknown.statusCode, 404);
    });

    test('recovery with a valid signature resets the admin: new password and key, 2FA off, old sessions gone', async () => {
      const org = await createOrganisation(t);
      await enrolTotp(t, org.admin.cookie);
      const start = await startRecovery(org);
      const reset = recoveryResetFor(org, start, org.admin.id);
      const res = await complete(reset.body);
      assert.equal(res.statusCode, 200, res.body);

      assert.equal(await status(org.admin.cookie), 401, 'the old session ended');
      assert.equal(
        (await passwordStep(t, org.admin.email, org.admin.password)).statusCode,
        401,
        'the old password is dead',
      );
      const login = await passwordStep(t, org.admin.email, reset.newPassword);
      assert.deepEqual(
        login.json(),
        { next: 'done' },
        'the new password signs in without the old second factor',
      );
      const mine = await me(t, sessionCookieOf(login));
      assert.equal(mine.member.totpEnabled, false);
      assert.ok(mine.keyGrant);
      assert.deepEqual(
        openKeyGrant(fromB64(mine.keyGrant), reset.keyPair).privateKey,
        org.orgKeyPair.privateKey,
      );

      const reused = await complete(reset.body);
      assert.equal(reused.statusCode, 400, 'a challenge is single-use');
      assert.equal(errorOf(reused).code, 'recovery_expired');
    });

    test('a signed reset whose body was altered is refused: the signature covers the new credentials', async () => {
      const org = await createOrganisation(t);
      const start = await startRecovery(org);
      const genuine = recoveryResetFor(org, start, org.admin.id);
      const attacker = recoveryResetFor(org, start, org.admin.id);
      // The genuine signature with the attacker's auth key and wrapped key swapped in.
      const res = await complete({
        ...genuine.body,
        authKey: attacker.body.authKey,
        wrappedPrivateKey: attacker.body.wrappedPrivateKey,
      });
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'recovery_rejected');
      assert.equal((await passwordStep(t, org.admin.email, attacker.newPassword)).statusCode, 401);
      assert.ok(
        await loginCookie(t, org.admin.email, org.admin.password),
        'the old password still works',
      );
    });

    test('a wrong recovery key is refused and changes nothing', async () => {
      const org = await createOrganisation(t);
      const start = await startRecovery(org);
      const impostor = recoveryResetFor(
        org,
        start,
        org.admin.id,
        recoverySecretToWords(generateRecoverySecret()),
      );
      const res = await complete(impostor.body);
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'recovery_rejected');
      assert.equal(await status(org.admin.cookie), 200, 'the admin is still signed in');
      assert.ok(
        await loginCookie(t, org.admin.email, org.admin.password),
        'with the same password',
      );
      assert.equal((await passwordStep(t, org.admin.email, impostor.newPassword)).statusCode, 401);

      // The failed attempt used the challenge up: the right key needs a new one.
      const late = await complete(recoveryResetFor(org, start, org.admin.id).body);
      assert.equal(late.statusCode, 400);
      assert.equal(
        (await complete(recoveryResetFor(org, await startRecovery(org), org.admin.id).body))
          .statusCode,
        200,
      );
    });

    test('a challenge of one organisation cannot reset another organisation’s admin', async () => {
      const org = await createOrganisation(t);
      const other = await createOrganisation(t);
      const start = await startRecovery(org);
      const res = await complete({
        ...recoveryResetFor(other, start, other.admin.id, other.recoveryWords).body,
        organisationId: other.id,
      });
      assert.equal(res.statusCode, 400);
      assert.equal(await status(other.admin.cookie), 200);
    });

    test('an expired challenge is refused', async () => {
      const org = await createOrganisation(t);
      const start = await startRecovery(org);
      t.clock.advance(16 * 60_000);
      const res = await complete(recoveryResetFor(org, start, org.admin.id).body);
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'recovery_expired');
      assert.ok(await loginCookie(t, org.admin.email, org.admin.password));
    });
  });
}
