// Every command answers --help with its usage, through the real executable.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = new URL('../../bin/qorgan.js', import.meta.url).pathname;

const COMMANDS = [
  [],
  ['serve'],
  ['demo'],
  ['migrate'],
  ['org'],
  ['org', 'create'],
  ['audit'],
  ['audit', 'verify'],
  ['case-pdf'],
  ['evidence'],
  ['evidence', 'verify'],
  ['monitor'],
  ['monitor', 'classify'],
  ['monitor', 'import'],
];

for (const words of COMMANDS) {
  test(`qorgan ${words.join(' ')} --help prints its usage`, async () => {
    const { stdout } = await run(process.execPath, [BIN, ...words, '--help']);
    assert.match(stdout, new RegExp(`Usage: qorgan${words.length ? ' ' + words.join(' ') : ''}`));
    assert.match(stdout, /Options:/);
  });
}

test('the top-level help lists every command', async () => {
  const { stdout } = await run(process.execPath, [BIN, '--help']);
  for (const name of [
    'serve',
    'demo',
    'migrate',
    'org',
    'audit',
    'case-pdf',
    'evidence',
    'monitor',
  ])
    assert.match(stdout, new RegExp(`\\n  ${name}\\b`));
});

test('a bad port is refused with a clear message and exit code 1', async () => {
  await assert.rejects(
    run(process.execPath, [BIN, 'serve', '--port', 'eighty']),
    (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /port is a whole number/);
      return true;
    },
  );
});

test('npx qorgan runs the project CLI on the pinned Node', async () => {
  const root = new URL('../..', import.meta.url).pathname;
  const { stdout } = await run('npm', ['exec', '--yes', '--', 'qorgan', '--help'], {
    cwd: root,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  assert.match(stdout, /Usage: qorgan/);
});
