// `npm start` runs the server from build/: src/ with its types stripped
// (scripts/build-server.ts). The built server must be the same program: it starts on a
// fresh data folder, finds its migrations, static files, public pages and the staff app
// from its own place, and its lines are where they are in src/ (so a stack trace from
// production points at the right line of the source).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rewriteImportExtensions } from '../../scripts/build-server.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

async function sourceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
      found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

test('relative .ts imports become .js, with the same length; other strings are left alone', () => {
  const code = [
    "import { a } from './a.ts';",
    "export { b } from '../b/b.ts';",
    "const c = await import('./c.ts');",
    "const name = 'notes.ts'; const pkg = 'some-package.ts';",
  ].join('\n');
  const rewritten = rewriteImportExtensions(code);
  assert.equal(
    rewritten,
    [
      "import { a } from './a.js';",
      "export { b } from '../b/b.js';",
      "const c = await import('./c.js');",
      "const name = 'notes.ts'; const pkg = 'some-package.ts';",
    ].join('\n'),
  );
  assert.equal(rewritten.length, code.length);
});

test('the built server runs like the source: pages, static files, the app, migrations', async () => {
  const built = spawnSync(process.execPath, ['scripts/build-server.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stderr);

  // Every module is built, line for line.
  for (const folder of ['server', 'common', 'cli']) {
    for (const source of await sourceFiles(path.join(repoRoot, 'src', folder))) {
      const target = path
        .join(repoRoot, 'build', path.relative(path.join(repoRoot, 'src'), source))
        .replace(/\.ts$/, '.js');
      const [from, to] = await Promise.all([readFile(source, 'utf8'), readFile(target, 'utf8')]);
      assert.equal(to.split('\n').length, from.split('\n').length, `${target} keeps the lines`);
      assert.doesNotMatch(to, /from '\.{1,2}\/[^']*\.ts'/, `${target} imports no .ts file`);
    }
  }

  const dataDir = await mkdtemp(path.join(tmpdir(), 'qorgan-built-'));
  const port = await freePort();
  const server = spawn(
    process.execPath,
    ['build/cli/main.js', 'serve', '--data', dataDir, '--port', String(port)],
    {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: '', QORGAN_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let printed = '';
  server.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  try {
    for (let tries = 0; ; tries++) {
      const up = await fetch(`${origin}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      assert.ok(
        tries < 600 && server.exitCode === null,
        `the built server did not start:\n${printed}`,
      );
      await new Promise((wait) => setTimeout(wait, 100));
    }
    assert.match(printed, /\/app\/setup#/, 'the first-run setup link is printed');
    const report = await fetch(`${origin}/report?lang=kk`);
    assert.equal(report.status, 200);
    assert.match(await report.text(), /lang="kk"/);
    const css = await fetch(`${origin}/public/style.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    const app = await fetch(`${origin}/app/`);
    assert.equal(app.status, 200, 'the staff app (dist/web) is found from build/');
    assert.match(await app.text(), /<div id="root">/);
  } finally {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
    await rm(dataDir, { recursive: true, force: true });
  }
});
