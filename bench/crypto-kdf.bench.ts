// Login key derivation cost: deriveLoginKeys with DEFAULT_KDF (Argon2id, 64 MiB, 3 passes)
// in Node and in the browser build (Vite bundle, headless Chromium, WebAssembly under the
// app's CSP). Results go to docs/benchmarks.md with the machine they were measured on.
//
//   node_modules/.bin/node bench/crypto-kdf.bench.ts      table, then JSON on the last line
//   import { run } from './crypto-kdf.bench.ts'           for a bench runner
//
// p95 is the nearest-rank percentile: with 10 or 5 runs it is the slowest run. Each side
// does one warm-up derivation first (it grows the WebAssembly memory to 64 MiB).
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_KDF,
  deriveLoginKeys,
  generateSalt,
  loadSodium,
} from '../src/common/crypto/index.ts';
import { CONTENT_SECURITY_POLICY } from '../src/server/http/security-headers.ts';
import {
  REPO_ROOT,
  browserAvailability,
  buildPage,
  launchBrowser,
  openWatchedPage,
  serveStatic,
} from '../e2e/helpers/browser.ts';

const NODE_RUNS = 10;
const BROWSER_RUNS = 5;
const PASSWORD = 'correct horse battery staple';

export interface BenchResult {
  name: string;
  results: Record<string, number | string>[];
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summarise(environment: string, times: number[]): Record<string, number | string> {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    environment,
    runs: times.length,
    median_ms: round(percentile(sorted, 0.5)),
    p95_ms: round(percentile(sorted, 0.95)),
    min_ms: round(sorted[0] ?? Number.NaN),
    max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
    opslimit: DEFAULT_KDF.opslimit,
    memlimit_mib: DEFAULT_KDF.memlimit / (1024 * 1024),
  };
}

async function benchNode(): Promise<Record<string, number | string>> {
  await loadSodium();
  deriveLoginKeys(PASSWORD, generateSalt(), DEFAULT_KDF); // warm-up: grows the WASM memory
  const times: number[] = [];
  for (let i = 0; i < NODE_RUNS; i++) {
    const salt = generateSalt();
    const start = performance.now();
    deriveLoginKeys(PASSWORD, salt, DEFAULT_KDF);
    times.push(performance.now() - start);
  }
  return summarise(`Node ${process.version}`, times);
}

async function benchChromium(): Promise<Record<string, number | string>> {
  const availability = browserAvailability();
  if (!availability.ok) return { environment: 'Chromium', skipped: availability.reason };
  const built = await buildPage(`${REPO_ROOT}e2e/fixtures/crypto-kat.html`);
  const server = await serveStatic(built.dir, CONTENT_SECURITY_POLICY);
  const browser = await launchBrowser();
  try {
    const { page, problems } = await openWatchedPage(browser, `${server.origin}/${built.html}`);
    const load = await page.evaluate(() => window.katLoad());
    if (!load.ok) throw new Error(`libsodium did not load in Chromium: ${load.error}`);
    await page.evaluate(() => window.benchKdf(1)); // warm-up
    const times = await page.evaluate((runs) => window.benchKdf(runs), BROWSER_RUNS);
    const seen = await problems();
    if (seen.wasm.succeeded < 1 || seen.cspViolations.length > 0 || seen.errors.length > 0) {
      throw new Error(`the benchmark page misbehaved: ${JSON.stringify(seen)}`);
    }
    return summarise(`Chromium ${browser.version()} (WebAssembly)`, times);
  } finally {
    await browser.close();
    await server.close();
    await built.remove();
  }
}

export async function run(): Promise<BenchResult> {
  const results = [await benchNode(), await benchChromium()];
  return { name: 'crypto-kdf: deriveLoginKeys, Argon2id 64 MiB / 3 passes', results };
}

function printTable(result: BenchResult): void {
  const columns = [
    'environment',
    'runs',
    'median_ms',
    'p95_ms',
    'min_ms',
    'max_ms',
    'skipped',
  ].filter((c) => result.results.some((r) => c in r));
  const cell = (r: Record<string, number | string>, c: string) => String(r[c] ?? '');
  const widths = columns.map((c) =>
    Math.max(c.length, ...result.results.map((r) => cell(r, c).length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(result.name);
  console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`);
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of result.results) console.log(line(columns.map((c) => cell(r, c))));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run();
  printTable(result);
  console.log(JSON.stringify(result));
}
