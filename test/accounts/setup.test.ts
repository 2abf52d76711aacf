// First-run setup through the one-time link. Setup is instance-wide (it works only while
// no organisation exists), so every test here gets its own empty database.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  buildNewOrganisation,
  type NewOrganisation,
} from '../../src/common/accounts/client-ops.ts';
import { fromB64 } from '../../src/common/crypto/encoding.ts';
import { openKeyGrant, TEST_KDF } from '../../src/common/crypto/keys.ts';
import { issueSetupToken } from '../../src/server/modules/accounts/issue-setup-token.ts';
import { me } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { loginCookie } from '../helpers/factories.ts';
import { call, errorOf, randomHex } from '../helpers/http.ts';
import { createTestApp, sessionCookieOf, type TestApp } from '../helpers/test-app.ts';

function newOrganisation(): NewOrganisation & { email: string; password: string } {
  const email = `first-admin-${randomHex()}@example.org`;
  const password = 'first admin password';
  const built = buildNewOrganisation({
    name: 'First organisation',
    slug: `first-${randomHex()}`,
    defaultLocale: 'kk',
    admin: { email, displayName: 'First Admin', password, locale: 'kk', kdf: TEST_KDF },
  });
  return { ...built, email, password };
}

for (const engine of engines()) {
  describe(`first-run setup (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    const issue = async () => {
      const token = await issueSetupToken({
        deps: { db: t.database.db, secrets: t.secrets, config: t.config, now: t.clock.now },
      });
      assert.ok(token, 'a setup token is issued while no organisation exists');
      return token;
    };
    const setup = (token: string, built = newOrganisation()) =>
      call(t, 'POST', '/api/setup', { payload: { token, ...built.body } });
    const organisationCount = async () =>
      (await t.database.db.selectFrom('organisations').select('id').execute()).length;

    beforeEach(async () => {
      database = await engine.open();
      t = await createTestApp(database);
    });
    afterEach(async () => {
      await t.close();
      await database.close();
    });

    test('a setup link creates the organisation and its admin, works once, and ends every other link', async () => {
      assert.equal(
        (await call(t, 'GET', '/api/setup/status')).json<{ needsSetup: boolean }>().needsSetup,
        true,
      );
      // Each server start prints a new link; earlier ones stay valid until one is used.
      const token = await issue();
      const other = await issue();
      const built = newOrganisation();
      const res = await setup(token, built);
      assert.equal(res.statusCode, 201, res.body);
      const cookie = sessionCookieOf(res);
      const mine = await me(t, cookie);
      assert.equal(mine.member.role, 'admin');
      assert.equal(mine.member.status, 'active');
      assert.equal(mine.organisation.defaultLocale, 'kk');
      assert.ok(mine.keyGrant, 'the first admin holds the organisation key');
      const orgKey = openKeyGrant(fromB64(mine.keyGrant), built.adminKeyPair);
      assert.deepEqual(orgKey.privateKey, built.orgKeyPair.privateKey);
      assert.ok(
        await loginCookie(t, built.email, built.password),
        'the admin can sign in with the password',
      );

      const again = await setup(token);
      assert.equal(again.statusCode, 410);
      assert.equal(errorOf(again).code, 'setup_link_invalid');
      assert.equal(await organisationCount(), 1);
      assert.equal(
        (await call(t, 'GET', '/api/setup/status')).json<{ needsSetup: boolean }>().needsSetup,
        false,
      );

      // Any other, still valid link now answers 410, and no new link is issued.
      const late = await setup(other);
      assert.equal(late.statusCode, 410);
      assert.equal(errorOf(late).code, 'already_set_up');
      assert.equal(await organisationCount(), 1);
      const deps = { db: t.database.db, secrets: t.secrets, config: t.config, now: t.clock.now };
      assert.equal(await issueSetupToken({ deps }), null);
    });

    test('an unknown or expired setup link answers 410 and creates nothing', async () => {
      const token = await issue();
      const unknown = await setup(`not-a-real-token-${randomHex(16)}`);
      assert.equal(unknown.statusCode, 410);
      assert.equal(errorOf(unknown).code, 'setup_link_invalid');
      t.clock.advance(24 * 3_600_000 + 1_000);
      const expired = await setup(token);
      assert.equal(expired.statusCode, 410);
      assert.equal(errorOf(expired).code, 'setup_link_invalid');
      assert.equal(await organisationCount(), 0);
    });

    test('two links used at the same moment set up exactly one organisation', async () => {
      const tokens = [await issue(), await issue()];
      const results = await Promise.all(tokens.map((token) => setup(token)));
      assert.deepEqual(
        results.map((r) => r.statusCode).sort(),
        [201, 410],
        results.map((r) => r.body).join('\n'),
      );
      assert.equal(await organisationCount(), 1);
    });
  });
}
