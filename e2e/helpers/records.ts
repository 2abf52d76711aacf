// What the records browser tests check on every screen: no request to another origin, no
// console or page error, no sideways scrolling on a 360 px phone, no inline style, and
// no serious accessibility violation (axe-core); collected and asserted empty at the end.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const PHONE = { width: 360, height: 740 };

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

export class ScreenWatch {
  readonly problems: string[] = [];
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }

  async context(browser: Browser): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    context.on('request', (r) => {
      if (!r.url().startsWith(this.origin)) this.problems.push(`request to ${r.url()}`);
    });
    context.on('console', (m) => {
      // A 409 conflict and a 404 are answers the page handles; Chromium still logs them.
      if (
        m.type() === 'error' &&
        !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
      ) {
        this.problems.push(`console error: ${m.text()}`);
      }
    });
    context.on('weberror', (e) => this.problems.push(`page error: ${e.error().message}`));
    return context;
  }

  async screen(page: Page, name: string): Promise<void> {
    const facts = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      styled: [...document.querySelectorAll('[style]:not([style=""])')].length,
    }));
    if (facts.scrollWidth > PHONE.width) {
      this.problems.push(`${name}: scrolls sideways (${facts.scrollWidth}px)`);
    }
    if (facts.styled > 0) this.problems.push(`${name}: ${facts.styled} inline styles`);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(d: Document, o: object): Promise<AxeResult> } }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    for (const v of violations) this.problems.push(`${name}: accessibility: ${v}`);
  }
}
