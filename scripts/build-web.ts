// Builds the staff web app with Vite into dist/web.
//   node scripts/build-web.ts             always build
//   node scripts/build-web.ts --if-stale  build only when a source is newer than the last build
// `--if-stale` is what npm's `prepare` and the test runner call, so a fresh checkout gets a
// built app without rebuilding on every test run.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = path.join(repoRoot, 'dist/web/index.html');
const sources = [
  path.join(repoRoot, 'src/web'),
  path.join(repoRoot, 'src/common'),
  path.join(repoRoot, 'vite.config.ts'),
];

async function mtimeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The newest modification time of any file under `entry` (a file or a folder). */
async function newestMtime(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const child of await readdir(entry, { withFileTypes: true })) {
    newest = Math.max(newest, await newestMtime(path.join(entry, child.name)));
  }
  return newest;
}

async function isStale(): Promise<boolean> {
  const built = await mtimeOf(builtIndex);
  if (built === undefined) return true;
  for (const source of sources) {
    if ((await newestMtime(source)) > built) return true;
  }
  return false;
}

async function main(): Promise<void> {
  if (process.argv.includes('--if-stale') && !(await isStale())) {
    console.log('web app is up to date (dist/web)');
    return;
  }
  // Imported here, not at the top: an `--if-stale` run with a fresh build needs no Vite.
  const { build } = await import('vite');
  const { default: config } = await import('../vite.config.ts');
  await build({ ...config, configFile: false, logLevel: 'warn' });
  console.log(
    `web app built into ${path.relative(process.cwd(), path.dirname(builtIndex)) || '.'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
