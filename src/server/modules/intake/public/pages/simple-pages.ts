// The small public pages: the list of organisations, not found, and the receipt.
import { html, type Html } from '../html.ts';
import { layout, type PageContext } from './layout.ts';

export function organisationsPage(
  ctx: PageContext,
  organisations: readonly { slug: string; name: string }[],
): Html {
  const { t } = ctx;
  const lang = `?lang=${ctx.locale}`;
  const body = html`<h1>${t('orgs.title')}</h1>
    <p class="lead">${t('orgs.intro')}</p>
    ${
      organisations.length === 0
        ? html`<p>${t('orgs.none')}</p>`
        : html`<ul class="organisations" aria-label="${t('orgs.listLabel')}">
            ${organisations.map(
              (org) =>
                html`<li>
                  <a class="card-link" href="/report/${org.slug}${lang}">${org.name}</a>
                </li>`,
            )}
          </ul>`
    }
    <h2>${t('orgs.returnTitle')}</h2>
    <p><a href="/return${lang}">${t('orgs.returnLink')}</a></p>`;
  return layout(ctx, { title: t('orgs.title'), body });
}

export function notFoundPage(ctx: PageContext): Html {
  const { t } = ctx;
  const body = html`<h1>${t('notFound.title')}</h1>
    <p>${t('notFound.body')}</p>
    <p><a href="/report?lang=${ctx.locale}">${t('notFound.back')}</a></p>`;
  return layout(ctx, { title: t('notFound.title'), body });
}

export function receiptPage(
  ctx: PageContext,
  o: { organisationName: string; codename: string; returnUrl: string },
): Html {
  const { t } = ctx;
  const body = html`<h1>${t('receipt.title')}</h1>
    <p class="lead">${t('receipt.lead', { organisation: o.organisationName })}</p>
    <div class="codename-box">
      <p class="codename-label" id="codename-label">${t('receipt.codenameLabel')}</p>
      <p class="codename" aria-labelledby="codename-label" lang="en" translate="no">
        ${o.codename}
      </p>
    </div>
    <p class="warning">${t('receipt.onlyOnce')}</p>
    <h2>${t('receipt.keep.title')}</h2>
    <ul>
      <li>${t('receipt.keep.paper')}</li>
      <li>${t('receipt.keep.phone')}</li>
      <li>${t('receipt.keep.anyone')}</li>
    </ul>
    <h2>${t('receipt.back.title')}</h2>
    <p>${t('receipt.back.body')}</p>
    <p class="return-url"><a href="/return?lang=${ctx.locale}" translate="no">${o.returnUrl}</a></p>
    <p>${t('receipt.close')}</p>`;
  return layout(ctx, { title: t('receipt.title'), body });
}

/** A form that could not be read or was refused outright, or a failure on our side. */
export function problemPage(ctx: PageContext, serverSide: boolean): Html {
  const { t } = ctx;
  const body = html`<h1>${t('problem.title')}</h1>
    <p>${serverSide ? t('problem.serverBody') : t('problem.body')}</p>
    <p><a href="/report?lang=${ctx.locale}">${t('problem.back')}</a></p>`;
  return layout(ctx, { title: t('problem.title'), body });
}
