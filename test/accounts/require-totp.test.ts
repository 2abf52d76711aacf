// An organisation that requires two-factor sign-in: members without it may manage only
// their own account until they turn it on; an admin cannot require it without using it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enrolTotp, me } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`required two-factor sign-in (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('an admin without two-factor cannot require it', async () => {
      const org = await createOrganisation(t);
      const res = await call(t, 'PATCH', '/api/organisation', {
        cookie: org.admin.cookie,
        payload: { requireTotp: true },
      });
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'enable_totp_first');
      assert.equal((await me(t, org.admin.cookie)).organisation.requireTotp, false);
    });

    test('members without two-factor are held to their own account until they turn it on', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'coordinator');
      await enrolTotp(t, org.admin.cookie);
      const required = await call(t, 'PATCH', '/api/organisation', {
        cookie: org.admin.cookie,
        payload: { requireTotp: true },
      });
      assert.equal(required.statusCode, 200, required.body);

      const blocked = await call(t, 'GET', '/api/members', { cookie: member.cookie });
      assert.equal(blocked.statusCode, 403);
      assert.equal(errorOf(blocked).code, 'totp_required');
      assert.equal(
        (await call(t, 'GET', '/api/organisation', { cookie: member.cookie })).statusCode,
        403,
      );
      assert.deepEqual(
        (await me(t, member.cookie)).permissions,
        [],
        'no permissions until two-factor is on',
      );
      assert.equal(
        (await call(t, 'GET', '/api/me/sessions', { cookie: member.cookie })).statusCode,
        200,
        'own account stays open',
      );

      await enrolTotp(t, member.cookie);
      assert.equal(
        (await call(t, 'GET', '/api/members', { cookie: member.cookie })).statusCode,
        200,
      );
      assert.ok((await me(t, member.cookie)).permissions.includes('members.read'));
      // The admin, who has two-factor on, was never held back.
      assert.equal(
        (await call(t, 'GET', '/api/audit', { cookie: org.admin.cookie })).statusCode,
        200,
      );
    });
  });
}
