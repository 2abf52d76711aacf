// Builds the JavaScript that `npm start` and `npm run demo` run: every TypeScript file of
// src/server, src/common and src/cli with its types stripped, into build/ (the same
// folder layout one level under the repository, so paths a module finds from its own
// place — migrations, static files, ../../dist/web — still hold), plus the other files
// of those folders (SQL migrations, CSS, the shipped classifier model).
//
//   node scripts/build-server.ts
//
// Why: Node can run the TypeScript directly (tests and the CLI do), but its type
// stripper then lives in the server process for good, with about 20–30 MB of its own;
// the server's memory target (docs/benchmarks.md, "Evidence upload") needs it gone.
// Types are replaced by spaces (Node's own stripper, in its "strip" mode) and `.ts`
// becomes `.js` in relative imports, so every line and column is where it is in the
// source: stack traces point at the right place in src/ without source maps.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { stripTypeScriptTypes } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['server', 'common', 'cli'];
export const BUILD_DIR = path.join(repoRoot, 'build');

/** `'./x.ts'` → `'./x.js'` in relative module specifiers (same length: columns hold). */
export function rewriteImportExtensions(code: string): string {
  return code.replace(/(['"])(\.{1,2}\/[^'"\n]*?)\.ts\1/g, '$1$2.js$1');
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

export async function buildServer(): Promise<{ scripts: number; assets: number }> {
  // A fresh folder each time: a file deleted from src/ must not linger in build/.
  await rm(BUILD_DIR, { recursive: true, force: true });
  let scripts = 0;
  let assets = 0;
  for (const folder of FOLDERS) {
    for await (const file of filesUnder(path.join(repoRoot, 'src', folder))) {
      const relative = path.relative(path.join(repoRoot, 'src'), file);
      const target = path.join(BUILD_DIR, relative);
      await mkdir(path.dirname(target), { recursive: true });
      if (file.endsWith('.ts') && !file.endsWith('.d.ts')) {
        const source = await readFile(file, 'utf8');
        let code: string;
        try {
          code = stripTypeScriptTypes(source, { mode: 'strip' });
        } catch (error) {
          throw new Error(`${relative}: ${(error as Error).message}`, { cause: error });
        }
        await writeFile(target.replace(/\.ts$/, '.js'), rewriteImportExtensions(code));
        scripts += 1;
      } else {
        await copyFile(file, target);
        assets += 1;
      }
    }
  }
  // build/ holds ES modules, as src/ does under the repository's package.json.
  await writeFile(path.join(BUILD_DIR, 'package.json'), '{ "type": "module" }\n');
  return { scripts, assets };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.removeAllListeners('warning'); // stripTypeScriptTypes is marked experimental
  const started = Date.now();
  const { scripts, assets } = await buildServer();
  console.log(
    `Built the server into build/: ${scripts} modules, ${assets} other files (${Date.now() - started} ms).`,
  );
}
