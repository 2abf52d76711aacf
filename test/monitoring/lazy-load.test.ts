// A server that never touches monitoring must stay small: the classifier (its lexicon and
// model) and the importers are loaded by the first use case that needs them, not when the
// app is built or when campaigns are listed.
import assert from 'node:assert/strict';
import { registerHooks } from 'node:module';
import { test } from 'node:test';

const loaded: string[] = [];
registerHooks({
  load(url, context, next) {
    loaded.push(url);
    return next(url, context);
  },
});
const heavy = () => loaded.filter((u) => /\/modules\/monitoring\/(classifier|import)\//.test(u));

test('the classifier and the importers load on the first import, not before', async () => {
  // Imported after the hook, so every module the app loads goes through it.
  const { openDatabase } = await import('../../src/server/db/client.ts');
  const { migrate } = await import('../../src/server/db/migrate.ts');
  const { createTestApp } = await import('../helpers/test-app.ts');
  const { createOrganisation } = await import('../helpers/factories.ts');
  const { createTestItem, importLines } = await import('../helpers/monitoring.ts');
  const { call } = await import('../helpers/http.ts');
  const database = await openDatabase({});
  await migrate(database);
  const t = await createTestApp(database);
  try {
    const org = await createOrganisation(t);
    const item = await createTestItem(t, org);
    const list = await call(t, 'GET', '/api/monitoring/campaigns', { cookie: org.admin.cookie });
    assert.equal(list.statusCode, 200);
    assert.ok(
      loaded.some((u) => u.includes('/modules/monitoring/routes.ts')),
      'the hook sees the app',
    );
    assert.deepEqual(heavy(), [], 'nothing of the classifier or the importers yet');

    await importLines(t, org, item.id, ['an invented comment']);
    assert.ok(heavy().some((u) => u.includes('/classifier/index.ts')));
    assert.ok(heavy().some((u) => u.includes('/import/index.ts')));
  } finally {
    await t.close();
    await database.close();
  }
});
