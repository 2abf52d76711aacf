// The server starts on a fresh data folder, prints a one-time setup link, answers
// /healthz, shuts down cleanly (port released, embedded database closed so it reopens),
// and a second start keeps the same instance secret and data.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { openRuntime } from '../../src/server/runtime.ts';
import { startServer } from '../../src/server/server.ts';

// The server's own request log is not under test here; keep it out of the test output.
process.env.QORGAN_LOG_LEVEL ??= 'silent';

test('start, health, setup link, graceful stop and restart on the same data folder', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'qorgan-life-'));
  try {
    let printed: string[] = [];
    const runtime = await openRuntime({ dataDir, config: { kdf: TEST_KDF, authHash: TEST_KDF } });
    const server = await startServer(runtime, {
      host: '127.0.0.1',
      port: 0,
      announce: (l) => (printed = l),
    });
    const health = await fetch(`${server.url}/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), {
      status: 'ok',
      version: runtime.config.version,
      engine: 'pglite',
    });
    const link = printed.find((l) => l.includes('/app/setup#'));
    assert.ok(link, `a setup link is printed: ${printed.join('\n')}`);
    const secretStat = await stat(path.join(dataDir, 'instance-secret'));
    assert.equal(secretStat.mode & 0o077, 0, 'the instance secret is readable by its owner only');
    const secret = await readFile(path.join(dataDir, 'instance-secret'), 'utf8');
    await server.stop();
    await assert.rejects(fetch(`${server.url}/healthz`), 'the port is released after stop');

    const again = await openRuntime({ dataDir, config: { kdf: TEST_KDF, authHash: TEST_KDF } });
    assert.deepEqual(again.migration.applied, [], 'migrations are not applied twice');
    assert.equal(
      await readFile(path.join(dataDir, 'instance-secret'), 'utf8'),
      secret,
      'the instance secret is kept',
    );
    await again.close();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('an edited migration stops the start with a clear message', async () => {
  const { loadMigrations } = await import('../../src/server/db/migrate.ts');
  const migrations = await loadMigrations();
  assert.ok(migrations.length >= 1);
  assert.ok(
    migrations.every((m, i) => i === 0 || migrations[i - 1]!.name < m.name),
    'applied in name order',
  );
  const dataDir = await mkdtemp(path.join(tmpdir(), 'qorgan-mig-'));
  try {
    const runtime = await openRuntime({ dataDir });
    await runtime.database.db
      .updateTable('schema_migrations')
      .set({ checksum: 'edited' })
      .execute();
    await runtime.close();
    await assert.rejects(openRuntime({ dataDir }), /was changed after it was applied/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
