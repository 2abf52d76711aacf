// Browser-side decrypt-and-search over 10,000 incidents, in headless Chromium: the time
// to open every record key and decrypt every title and description into the in-memory
// index (what a member waits for once, after unlocking), then the latency of single
// searches over it. The page is bundled by Vite from the staff app's own search module.
import { fileURLToPath } from 'node:url';
import {
  browserAvailability,
  buildPage,
  launchBrowser,
  serveStatic,
} from '../e2e/helpers/browser.ts';
import { CONTENT_SECURITY_POLICY } from '../src/server/http/security-headers.ts';

const COUNTS = [1_000, 10_000];

type Row = Record<string, number | string>;

export async function run(): Promise<{ name: string; results: Row[] }> {
  const name = 'browser-side decrypt-and-search of sealed incident titles and descriptions';
  const availability = browserAvailability();
  if (!availability.ok) return { name, results: [{ note: `not run: ${availability.reason}` }] };
  const page = await buildPage(
    fileURLToPath(new URL('./fixtures/search-bench.html', import.meta.url)),
  );
  const server = await serveStatic(page.dir, CONTENT_SECURITY_POLICY);
  const browser = await launchBrowser();
  const results: Row[] = [];
  try {
    const tab = await browser.newPage();
    await tab.goto(`${server.origin}/${page.html}`);
    await tab.waitForFunction(() => 'qorganSearchBench' in window);
    for (const count of COUNTS) {
      const figures = await tab.evaluate(
        (n) =>
          (
            window as unknown as {
              qorganSearchBench(n: number): Promise<Record<string, number>>;
            }
          ).qorganSearchBench(n),
        count,
      );
      results.push({
        records: count,
        'open + decrypt + index (ms)': figures.buildMs ?? NaN,
        'search p50 (ms)': figures.searchP50Ms ?? NaN,
        'search p95 (ms)': figures.searchP95Ms ?? NaN,
      });
    }
  } finally {
    await browser.close();
    await server.close();
    await page.remove();
  }
  return { name, results };
}
