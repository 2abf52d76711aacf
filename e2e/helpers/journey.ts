// Helpers of the records-and-cases journey: a browser context that collects what must never
// happen (a request to another origin, a console or page error), a per-screen check
// (language of the page, no sideways scroll, no English label of the records and cases
// screens left on a ru or kk page), and moving through the app's menu as a member does.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Locale } from '../../src/common/api/accounts.ts';
import { casesEn } from '../../src/common/i18n/cases/en.ts';
import { catalogues, translate, type TranslationKey } from '../../src/common/i18n/index.ts';
import { recordsEn } from '../../src/common/i18n/records/en.ts';

export const PHONE = { width: 360, height: 740 };

/**
 * The English labels of the records and cases screens that ru or kk translate differently:
 * the literal parts of each message (placeholders cut out), long enough to mean something.
 */
export function englishPhrases(locale: Exclude<Locale, 'en'>): string[] {
  const en = catalogues.en as Record<string, string>;
  const local = catalogues[locale] as Record<string, string>;
  const phrases = new Set<string>();
  for (const key of [...Object.keys(recordsEn), ...Object.keys(casesEn)]) {
    const english = en[key];
    const translated = local[key];
    if (!english || english === translated) continue;
    for (const part of english.split(/\{[^}]*\}/)) {
      const phrase = part.trim().replace(/[.:,;…]+$/, '');
      // One short word ("Day", "OK") is too weak a sign; a shared word ("ODIHR") is not English.
      if (phrase.length < 4 || !/[A-Za-z]{3}/.test(phrase)) continue;
      if (translated?.includes(phrase)) continue;
      phrases.add(phrase);
    }
  }
  return [...phrases];
}

/** The phrases of `phrases` that appear in `text` as whole words. */
export function englishIn(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((phrase) => {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u').test(text);
  });
}

/** Everything wrong seen in a context's pages; the test asserts the list empty at the end. */
export class JourneyWatch {
  readonly problems: string[] = [];
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }

  async context(browser: Browser): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    context.on('request', (r) => {
      if (!r.url().startsWith(`${this.origin}/`)) {
        this.problems.push(`request to another origin: ${r.url()}`);
      }
    });
    context.on('console', (m) => {
      // A 4xx the page handles (a 404 lookup, a 409 conflict) is still logged by Chromium.
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

  /** Checks the screen now shown in `locale`; problems are collected, not thrown. */
  async screen(page: Page, locale: Exclude<Locale, 'en'>, name: string): Promise<void> {
    const facts = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      lang: document.documentElement.lang,
      text: document.body.innerText,
    }));
    if (facts.scrollWidth > PHONE.width) {
      this.problems.push(`${name}: scrolls sideways (${facts.scrollWidth}px)`);
    }
    if (facts.lang !== locale) this.problems.push(`${name}: <html lang="${facts.lang}">`);
    for (const phrase of englishIn(facts.text, englishPhrases(locale))) {
      this.problems.push(`${name}: English text in ${locale}: "${phrase}"`);
    }
  }
}

/** Opens a screen from the app's navigation (through the menu button on a phone). */
export async function openFromMenu(page: Page, locale: Locale, key: TranslationKey): Promise<void> {
  const menu = page.getByRole('button', { name: translate(locale, 'nav.menu') });
  if (await menu.isVisible()) await menu.click();
  await page
    .getByRole('navigation')
    .getByRole('link', { name: translate(locale, key), exact: true })
    .click();
}
