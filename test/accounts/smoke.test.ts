import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`smoke (${engine.engine})`, { skip: engine.skip }, () => {
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

    test('an admin invites and approves a member who then sees the organisation', async () => {
      const org = await createOrganisation(t);
      const member = await addMember(t, org, 'case_worker');
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { cookie: member.cookie },
      });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().organisation.id, org.id);
      assert.equal(me.json().member.status, 'active');
      assert.ok(me.json().keyGrant);
    });
  });
}
