// Builds the browser code with Vite: the staff web app into dist/web, and the script of the
// public report pages into dist/public.
//   node scripts/build-web.ts             always build both
//   node scripts/build-web.ts --if-stale  build only what has a source newer than its last build
// `--if-stale` is what npm's `prepare` and the test runner call, so a fresh checkout gets a
// built app without rebuilding on every test run.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const inRepo = (relative: string) => path.join(repoRoot, relative);

interface Target {
  name: string;
  /** A file every build writes; its time is the time of the last build. */
  built: string;
  sources: string[];
  /** Imported here, not at the top: an `--if-stale` run with a fresh build needs no Vite. */
  config(): Promise<InlineConfig>;
}

const TARGETS: Target[] = [
  {
    name: 'web app',
    built: inRepo('dist/web/index.html'),
    sources: [inRepo('src/web'), inRepo('src/common'), inRepo('vite.config.ts')],
    config: async () => (await import('../vite.config.ts')).default,
  },
  {
    name: 'public form script',
    built: inRepo('dist/public/report-form.js'),
    sources: [inRepo('src/public-js'), inRepo('src/common'), inRepo('vite.public.config.ts')],
    config: async () => (await import('../vite.public.config.ts')).default,
  },
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

async function isStale(target: Target): Promise<boolean> {
  const built = await mtimeOf(target.built);
  if (built === undefined) return true;
  for (const source of target.sources) {
    if ((await newestMtime(source)) > built) return true;
  }
  return false;
}

async function main(): Promise<void> {
  const ifStale = process.argv.includes('--if-stale');
  for (const target of TARGETS) {
    const where = path.relative(process.cwd(), path.dirname(target.built)) || '.';
    if (ifStale && !(await isStale(target))) {
      console.log(`${target.name} is up to date (${where})`);
      continue;
    }
    const { build } = await import('vite');
    await build({ ...(await target.config()), configFile: false, logLevel: 'warn' });
    console.log(`${target.name} built into ${where}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
