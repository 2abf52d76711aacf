// /return (the codename form) and /return/report (status, thread, reply, sign-out).
import { toB64 } from '../../../../../common/crypto/encoding.ts';
import { formatDateTime } from '../../../../../common/i18n/index.ts';
import { LIMITS } from '../../../../../common/intake/report.ts';
import type { ReporterView } from '../../get-reporter-view.ts';
import { html, type Html } from '../html.ts';
import type { PublicMessageKey } from '../messages/index.ts';
import {
  controlId,
  errorSummary,
  formBasics,
  notice,
  textField,
  type PageError,
} from './fields.ts';
import { layout, type PageContext } from './layout.ts';
import { filesSection } from './report-page.ts';

export interface CodenameFormOptions {
  formToken: string;
  /** What the reporter typed, when the form comes back. */
  codename: string;
  error?: string | undefined;
  /** A message about the whole form (rate limit, expired form). */
  formError?: string | undefined;
}

function codenameForm(ctx: PageContext, o: CodenameFormOptions): Html {
  const { t } = ctx;
  const id = controlId('codename');
  const describedBy = [`${id}-hint`, o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<form class="codename-form" method="post" action="/return" accept-charset="utf-8">
    ${formBasics(o.formToken, ctx.locale)}
    <div class="field${o.error ? ' has-error' : ''}">
      <label for="${id}">${t('return.codename')}</label>
      <p class="hint" id="${id}-hint">${t('return.codename.hint')}</p>
      ${o.error ? html`<p class="field-error" id="${id}-error">${o.error}</p>` : ''}
      <input
        type="text"
        id="${id}"
        name="codename"
        value="${o.codename}"
        lang="en"
        autocomplete="off"
        autocapitalize="none"
        autocorrect="off"
        spellcheck="false"
        maxlength="200"
        aria-describedby="${describedBy}"
        ${o.error ? html` aria-invalid="true"` : ''}
      />
    </div>
    <div class="submit">
      <button type="submit">${t('return.submit')}</button>
      <p class="hint">${t('return.cookieNote')}</p>
    </div>
  </form>`;
}

export function returnPage(
  ctx: PageContext,
  o: CodenameFormOptions & {
    notice?: string | undefined;
    /** A reply that could not be sent because the session ended: shown to copy. */
    unsent?: string | undefined;
  },
): Html {
  const { t } = ctx;
  const errors: PageError[] = [
    ...(o.formError ? [{ target: null, text: o.formError }] : []),
    ...(o.error ? [{ target: controlId('codename'), text: o.error }] : []),
  ];
  const body = html`<h1>${t('return.title')}</h1>
    ${errorSummary(t, errors)} ${o.notice ? notice(o.notice) : ''}
    ${
      o.unsent
        ? html`<div class="unsent">
            <label for="unsent">${t('return.unsent')}</label>
            <textarea id="unsent" readonly rows="6">${o.unsent}</textarea>
          </div>`
        : ''
    }
    <p class="lead">${t('return.lead')}</p>
    ${codenameForm(ctx, o)}
    <p><a href="/report?lang=${ctx.locale}">${t('return.newReport')}</a></p>`;
  return layout(ctx, { title: t('return.title'), body });
}

/** Sign-out needs no form token: it only ends a session, and the Origin check applies. */
function signOutForm(ctx: PageContext): Html {
  const { t } = ctx;
  return html`<form class="sign-out" method="post" action="/return/sign-out" accept-charset="utf-8">
    <input type="hidden" name="lang" value="${ctx.locale}" />
    <button type="submit" class="secondary">${t('view.signOut')}</button>
    <p class="hint">${t('view.signOut.hint')}</p>
  </form>`;
}

/** A session whose codename opened no report: say so, and offer the form again. */
export function noReportPage(ctx: PageContext, o: { formToken: string }): Html {
  const { t } = ctx;
  const body = html`<h1>${t('return.notFound.title')}</h1>
    <p class="lead">${t('return.notFound.body')}</p>
    ${codenameForm(ctx, { formToken: o.formToken, codename: '' })} ${signOutForm(ctx)}`;
  return layout(ctx, { title: t('return.notFound.title'), body });
}

export interface ReporterPageOptions {
  view: ReporterView;
  messageToken: string;
  /** The reply as typed, when the form comes back with errors. */
  body: string;
  keepMetadata: boolean;
  fieldErrors: { body?: string | undefined; files?: string | undefined };
  formErrors: readonly string[];
  filesAgain: boolean;
  sent: boolean;
  maxFileBytes: number;
}

export function reporterReportPage(ctx: PageContext, o: ReporterPageOptions): Html {
  const { t, locale } = ctx;
  const { view } = o;
  const errors: PageError[] = [
    ...o.formErrors.map((text) => ({ target: null, text })),
    ...(o.fieldErrors.body ? [{ target: controlId('body'), text: o.fieldErrors.body }] : []),
    ...(o.fieldErrors.files ? [{ target: controlId('files'), text: o.fieldErrors.files }] : []),
  ];
  const statusKey = `view.status.${view.status}` as PublicMessageKey;
  const statusDetail = `view.status.${view.status}.detail` as PublicMessageKey;
  const body = html`<h1>${t('view.title')}</h1>
    ${errorSummary(t, errors, o.filesAgain ? t('errors.filesAgain') : undefined)}
    ${o.sent ? notice(t('view.sent')) : ''}
    <section class="status" aria-labelledby="status-title">
      <h2 id="status-title">${t('view.status')}</h2>
      <p class="status-word status-${view.status}">${t(statusKey)}</p>
      <p>${t(statusDetail)}</p>
      <p class="reference">${t('view.reference', { reference: view.reference })}</p>
      <p class="hint">${t('view.referenceHint')}</p>
    </section>
    <section class="thread" aria-labelledby="thread-title">
      <h2 id="thread-title">${t('view.messages')}</h2>
      ${
        view.messages.length === 0
          ? html`<p>${t('view.messages.none')}</p>`
          : html`<ol class="messages">
              ${view.messages.map(
                (m) =>
                  html`<li class="message from-${m.author}">
                    <p class="meta">
                      <span class="author"
                        >${m.author === 'reporter' ? t('view.message.you') : view.organisationName}</span
                      >
                      ·
                      <time datetime="${m.createdAt.toISOString()}"
                        >${formatDateTime(locale, m.createdAt)}</time
                      >
                    </p>
                    ${m.text === null ? html`<p class="unreadable">${t('view.message.unreadable')}</p>` : m.text.trim() === '' ? '' : html`<div class="text">${m.text}</div>`}
                    ${m.fileCount > 0 ? html`<p class="files">${t('view.message.files', { count: m.fileCount })}</p>` : ''}
                  </li>`,
              )}
            </ol>`
      }
    </section>
    <section class="reply" aria-labelledby="reply-title">
      <h2 id="reply-title">${t('view.reply')}</h2>
      <form
        class="message-form"
        method="post"
        action="/return/messages"
        enctype="multipart/form-data"
        accept-charset="utf-8"
        data-org-public-key="${toB64(view.organisationPublicKey)}"
        data-reporter-public-key="${toB64(view.reporterPublicKey)}"
        data-max-file-bytes="${o.maxFileBytes}"
      >
        ${formBasics(o.messageToken, locale)}
        ${textField({ name: 'body', label: t('view.reply.body'), hint: `${t('view.reply.body.hint')}`, value: o.body, maxLength: LIMITS.messageChars, rows: 6, error: o.fieldErrors.body })}
        ${filesSection(ctx, { keepMetadata: o.keepMetadata, maxFileBytes: o.maxFileBytes, error: o.fieldErrors.files, purpose: 'message' })}
        <div class="submit"><button type="submit">${t('view.reply.submit')}</button></div>
      </form>
    </section>
    ${signOutForm(ctx)}`;
  return layout(ctx, { title: t('view.title'), body, enhance: true });
}
