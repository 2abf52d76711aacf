// What `npm test` runs: checks that the generated database types match the migrations,
// builds the web app when its sources changed, says which test groups will not run and
// why, then hands over to the Node test runner — whose summary is the last thing printed.
//
//   npm test                          every test and browser test
//   npm test -- test/jobs/            only these files, folders or globs (any non-flag argument)
//   npm test -- --test-only           extra flags go to `node --test`
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// As under npm: paths given on the command line are relative to the repository root.
process.chdir(repoRoot);
const node = process.execPath;
const DEFAULT_FILES = ['test/**/*.test.ts', 'e2e/**/*.test.ts'];

function fail(message: string): never {
  console.error(`\nnpm test: ${message}`);
  process.exit(1);
}

/** Runs a step with its output shown; stops the run when it fails. */
function step(what: string, args: string[]): void {
  const result = spawnSync(node, args, { stdio: 'inherit' });
  if (result.error) fail(`${what} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal})`);
}

const major = Number(process.versions.node.split('.')[0]);
if (major < 24)
  fail(
    `Node ${process.version} is too old: run through npm (npm test) or node_modules/.bin/node, which is Node 24`,
  );

// Said first: a developer skimming the top of the output must not miss it.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI) {
    console.log(`Chromium not found at ${chromium}: the browser tests will fail (CI is set).`);
  } else {
    console.log(
      `Browser tests did NOT run: Chromium not found at ${chromium}. Install it: sudo apt-get install chromium`,
    );
  }
}

step('the database type check (scripts/gen-db-types.ts --check)', [
  'scripts/gen-db-types.ts',
  '--check',
]);

step('the OpenAPI document check (scripts/gen-openapi.ts --check)', [
  'scripts/gen-openapi.ts',
  '--check',
]);

if (!existsSync(new URL('./build-web.ts', import.meta.url))) {
  fail('scripts/build-web.ts is missing, so the web app cannot be built for the browser tests');
}
step('the web app build (scripts/build-web.ts --if-stale)', ['scripts/build-web.ts', '--if-stale']);

if (process.env.QORGAN_TEST_DATABASE_URL) {
  console.log('PostgreSQL tests: run (QORGAN_TEST_DATABASE_URL is set)');
} else {
  console.log('PostgreSQL tests: not run (QORGAN_TEST_DATABASE_URL is not set)');
}

// `node --test` takes files and globs but not folders: a folder means the tests in it.
const extra = process.argv
  .slice(2)
  .map((arg) =>
    !arg.startsWith('-') && statSync(arg, { throwIfNoEntry: false })?.isDirectory()
      ? `${arg.replace(/\/+$/, '')}/**/*.test.ts`
      : arg,
  );
const files = extra.some((a) => !a.startsWith('-')) ? [] : DEFAULT_FILES;
const child = spawn(
  node,
  ['--test', '--test-concurrency=2', '--test-reporter=spec', ...extra, ...files],
  { stdio: 'inherit', env: process.env },
);
// Ctrl+C reaches the whole process group, so the child has it already: wait for its
// verdict. A SIGTERM is sent to this process alone: pass it on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
