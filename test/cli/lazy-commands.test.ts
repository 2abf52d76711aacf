// The CLI loads only the command being run. A running server must not hold the code of
// the other commands (the PDF renderer, the demo seeds and their image library, the
// package verifier) nor of parts it has not used yet (the embedded database when it runs
// on PostgreSQL, the mail library before the first message): together these cost the
// server tens of MB of memory (docs/benchmarks.md, "Evidence upload").
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const HOOK = new URL('../helpers/loaded-modules-hook.ts', import.meta.url).pathname;

async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'qorgan-lazy-'));
  const file = path.join(dir, 'loaded.txt');
  try {
    await run(process.execPath, ['--import', HOOK, MAIN, ...args], {
      env: { ...process.env, QORGAN_LOADED_MODULES_FILE: file },
    });
    return (await readFile(file, 'utf8')).split('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const packageOf = (url: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];

test('`qorgan serve` loads the server but not the other commands or unused libraries', async () => {
  const loaded = await modulesLoadedBy(['serve', '--help']);
  const packages = new Set(loaded.map(packageOf));
  const own = loaded.filter((url) => url.includes('/src/'));
  // It did load the server: the check below is not vacuous.
  assert.ok(own.some((url) => url.endsWith('/src/server/app.ts')));
  assert.ok(packages.has('fastify'));
  for (const heavy of ['pdf-lib', 'sharp', 'nodemailer', '@electric-sql/pglite', 'playwright-core'])
    assert.ok(!packages.has(heavy), `serve loaded ${heavy}`);
  for (const other of [
    '/src/cli/commands/case-pdf.ts',
    '/src/cli/commands/demo.ts',
    '/src/server/demo/',
  ])
    assert.ok(!own.some((url) => url.includes(other)), `serve loaded ${other}`);
});

test('`qorgan --help` still lists every command, loading them all', async () => {
  const loaded = await modulesLoadedBy(['--help']);
  assert.ok(loaded.some((url) => url.endsWith('/src/cli/commands/case-pdf.ts')));
  assert.ok(loaded.some((url) => url.endsWith('/src/cli/commands/evidence.ts')));
});
