// The frame of every public page: the language, a quick exit that is always the first
// thing on the page, the language switch, and nothing loaded from another origin.
import type { Locale } from '../../../../../common/api/accounts.ts';
import { html, type Html } from '../html.ts';
import { LOCALE_NAMES, LOCALE_ORDER } from '../locale.ts';
import type { Translate } from '../messages/index.ts';

export interface PageContext {
  locale: Locale;
  t: Translate;
  /**
   * The path the language links lead to (the same page in another language), or null on
   * pages that answer a POST: reloading them as a GET would lose a codename or a form.
   */
  switchPath: string | null;
  /** Where the quick exit goes (config.quickExitUrl). */
  quickExitUrl: string;
}

export function layout(
  ctx: PageContext,
  page: { title: string; body: Html; enhance?: boolean },
): Html {
  const { t } = ctx;
  return html`<html lang="${ctx.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex, nofollow" />
      <meta name="color-scheme" content="light" />
      <title>${page.title}</title>
      <link rel="stylesheet" href="/public/style.css" />
      <script src="/public/quick-exit.js" defer></script>
      ${page.enhance ? html`<script type="module" src="/public/report-form.js"></script>` : ''}
    </head>
    <body>
      <header class="top">
        <a class="quick-exit" href="${ctx.quickExitUrl}" rel="noreferrer" data-quick-exit
          >${t('layout.quickExit')}</a
        >
        <a class="skip-link" href="#main">${t('layout.skip')}</a>
        ${languageSwitch(ctx)}
      </header>
      <main id="main" tabindex="-1">${page.body}</main>
      <footer class="bottom"><p>${t('layout.footer')}</p></footer>
    </body>
  </html>`;
}

function languageSwitch(ctx: PageContext): Html {
  if (ctx.switchPath === null) return html``;
  const path = ctx.switchPath;
  return html`<nav class="languages" aria-label="${ctx.t('layout.languages')}">
    <ul>
      ${LOCALE_ORDER.map((locale) =>
        locale === ctx.locale
          ? html`<li>
              <a
                href="${path}?lang=${locale}"
                lang="${locale}"
                hreflang="${locale}"
                aria-current="page"
                >${LOCALE_NAMES[locale]}</a
              >
            </li>`
          : html`<li>
              <a href="${path}?lang=${locale}" lang="${locale}" hreflang="${locale}"
                >${LOCALE_NAMES[locale]}</a
              >
            </li>`,
      )}
    </ul>
  </nav>`;
}

/** "100 MB" in the page's language. */
export function megabytes(t: Translate, bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return t('unit.megabytes', { n: mb >= 10 ? Math.floor(mb) : Math.round(mb * 10) / 10 });
}
