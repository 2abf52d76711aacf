// /return: the codename sign-in, the reporter's page (status, thread, reply), the reply
// itself and sign-out. A right and a wrong codename get the same answer (303 to the same
// place, a cookie of the same shape); only the next page says whether a report was found.
// No cookie is set before the sign-in, and none on a GET.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../../common/api/accounts.ts';
import { isLocale } from '../../../../common/i18n/index.ts';
import { LIMITS } from '../../../../common/intake/report.ts';
import { maxEnvelopeBytes } from '../../../files/store-encrypted-upload.ts';
import { getReporterView } from '../get-reporter-view.ts';
import {
  findMessageTarget,
  ReportGoneError,
  sendReporterMessage,
  type MessageContent,
} from '../send-reporter-message.ts';
import {
  CodenameFormatError,
  codenameFormatProblem,
  signInWithCodename,
} from '../sign-in-with-codename.ts';
import { sealedValue } from './browser-sealed.ts';
import { checkFormToken } from './form-token.ts';
import { chooseLocale, queryLocale } from './locale.ts';
import type { Translate } from './messages/index.ts';
import { FormFields, readMultipartForm } from './multipart-form.ts';
import { noReportPage, reporterReportPage, returnPage } from './pages/return-pages.ts';
import { formToken, pageContext, seeOther, sendPage, type PublicState } from './public-context.ts';
import { fileErrorText } from './report.routes.ts';
import {
  clearReporterCookie,
  readReporterToken,
  setReporterCookie,
  type ReporterSession,
} from './reporter-sessions.ts';
import { FileRefused, FormUploads } from './uploads.ts';

const NOTICES = { ended: 'return.ended', signed_out: 'return.signedOut' } as const;

export function registerReturnRoutes(app: FastifyInstance, state: PublicState): void {
  const { deps } = state;

  app.get('/return', { schema: { hide: true } }, async (request, reply) => {
    const locale = chooseLocale({ explicit: queryLocale(request), request });
    const ctx = pageContext(state, locale, '/return');
    const which = (request.query as { session?: unknown }).session;
    const noticeKey = which === 'ended' || which === 'signed_out' ? NOTICES[which] : undefined;
    return sendPage(
      reply,
      200,
      returnPage(ctx, {
        formToken: formToken(state, 'return'),
        codename: '',
        notice: noticeKey ? ctx.t(noticeKey) : undefined,
      }),
    );
  });

  app.post('/return', { schema: { hide: true } }, async (request, reply) => {
    const fields = plainFields(request.body);
    const locale = chooseLocale({ explicit: fields.get('lang'), request });
    const ctx = pageContext(state, locale, null);
    const { t } = ctx;
    const typed = fields.get('codename').slice(0, 200);
    const again = (status: number, o: { error?: string; formError?: string }) =>
      sendPage(
        reply,
        status,
        returnPage(ctx, { formToken: formToken(state, 'return'), codename: typed, ...o }),
      );

    const rate = state.signIns.hit(request.ip);
    if (!rate.allowed) {
      return again(429, {
        formError:
          rate.reason === 'global'
            ? t('error.busy')
            : t('return.rateLimited', { minutes: rate.retryMinutes }),
      });
    }
    const token = checkFormToken({
      key: deps.secrets.formTokenKey,
      purpose: 'return',
      token: fields.get('form_token'),
      now: deps.now(),
      validHours: deps.config.intake.formTokenHours,
    });
    if (token !== 'valid') {
      return again(422, {
        formError: t(token === 'expired' ? 'error.form_expired' : 'error.form_invalid'),
      });
    }
    let signIn;
    try {
      signIn = await signInWithCodename({ deps, codename: typed });
    } catch (error) {
      if (!(error instanceof CodenameFormatError)) throw error;
      const problem = codenameFormatProblem(typed);
      return again(422, {
        error: problem.unknownWord
          ? t('return.unknownWord')
          : t('return.formatError', { count: problem.words }),
      });
    }
    state.sessions.end(readReporterToken(request));
    setReporterCookie(reply, state.sessions.create(signIn.reportId, signIn.keyPair, locale));
    return seeOther(reply, `/return/report?lang=${locale}`);
  });

  app.get('/return/report', { schema: { hide: true } }, async (request, reply) => {
    const session = state.sessions.get(readReporterToken(request));
    const asked = queryLocale(request);
    const locale = chooseLocale({ explicit: isLocale(asked) ? asked : session?.locale, request });
    if (!session) return seeOther(reply, `/return?session=ended&lang=${locale}`);
    session.locale = locale;
    const sent = (request.query as { sent?: unknown }).sent === '1';
    return sendReporterPage(state, reply, {
      session,
      locale,
      switchPath: '/return/report',
      status: 200,
      sent,
    });
  });

  app.post('/return/messages', { schema: { hide: true } }, async (request, reply) => {
    const session = state.sessions.get(readReporterToken(request));
    let locale = chooseLocale({ explicit: session?.locale, request });
    if (!session || session.reportId === null) {
      return sendSessionEnded(state, request, reply);
    }
    const reportId = session.reportId;
    let t = pageContext(state, locale, null).t;
    const refusal = {
      status: 422,
      formErrors: [] as string[],
      fieldErrors: {} as { body?: string; files?: string },
    };
    if (!request.isMultipart()) {
      refusal.status = 400;
      refusal.formErrors.push(t('error.bad_form'));
      return sendReporterPage(state, reply, {
        session,
        locale,
        switchPath: null,
        status: 400,
        refusal,
      });
    }
    const target = await findMessageTarget({ deps, reportId });
    if (!target) return sendSessionEnded(state, request, reply);

    const { maxFileBytes } = deps.config.intake;
    const uploads = new FormUploads({
      blobs: deps.blobs,
      organisationPublicKey: target.organisationPublicKey,
      maxBytes: maxFileBytes,
    });
    const form: {
      body: string;
      keepMetadata: boolean;
      browser: boolean;
      content: MessageContent | null;
      fileName: string;
    } = { body: '', keepMetadata: false, browser: false, content: null, fileName: '' };

    try {
      const read = await readMultipartForm(
        request,
        { fileBytes: maxEnvelopeBytes(maxFileBytes) },
        {
          checkpoint: async (fields) => {
            locale = chooseLocale({ explicit: fields.get('lang') || session.locale, request });
            t = pageContext(state, locale, null).t;
            form.body = fields.get('body').replace(/\r\n/g, '\n');
            form.keepMetadata = fields.get('keep_metadata') === '1';
            form.browser = fields.get('encrypted_by') === 'browser';
            const rate = state.submissions.hit(request.ip);
            if (!rate.allowed) {
              refusal.status = 429;
              refusal.formErrors.push(
                rate.reason === 'global'
                  ? t('error.busy')
                  : t('error.rate_limited', { minutes: rate.retryMinutes }),
              );
              return false;
            }
            const token = checkFormToken({
              key: deps.secrets.formTokenKey,
              purpose: 'message',
              token: fields.get('form_token'),
              now: deps.now(),
              validHours: deps.config.intake.formTokenHours,
            });
            if (token !== 'valid') {
              refusal.formErrors.push(
                t(token === 'expired' ? 'error.form_expired' : 'error.form_invalid'),
              );
            }
            form.content = messageContent(fields, form.body, form.browser, refusal, t);
            return refusal.formErrors.length === 0 && !refusal.fieldErrors.body;
          },
          onFileField: (name, value, truncated) => {
            if (form.browser) uploads.describeNext(name, value, truncated);
          },
          onFile: async (part) => {
            form.fileName = part.fileName;
            if (form.browser) await uploads.addEncrypted(part);
            else await uploads.addPlain(part, form.keepMetadata);
          },
        },
      );
      if (read.problem === 'bad_form') {
        refusal.status = 400;
        refusal.formErrors.push(t('error.bad_form'));
      } else if (read.problem) {
        refusal.status = read.problem === 'file_too_large' ? 413 : 422;
        refusal.fieldErrors.files = fileErrorText(t, {
          code: read.problem,
          name: form.fileName,
          limitBytes: maxFileBytes,
        });
      }
    } catch (error) {
      if (error instanceof FileRefused) {
        if (error.problem.code === 'file_too_large') refusal.status = 413;
        refusal.fieldErrors.files = fileErrorText(t, error.problem);
      } else {
        // A failure on our side: the reporter keeps what they wrote.
        request.log.error({ err: error }, 'a reporter message could not be read or stored');
        refusal.status = 500;
        refusal.formErrors.push(t('error.save_failed'));
      }
    }

    const { content } = form;
    const refused =
      refusal.formErrors.length > 0 || refusal.fieldErrors.body || refusal.fieldErrors.files;
    const empty =
      content?.encryptedBy === 'server' && content.text.trim() === '' && uploads.count === 0;
    if (!refused && empty) refusal.fieldErrors.body = t('error.message_empty');
    if (refused || empty || !content) {
      await uploads.discard();
      if (!refused && !empty) refusal.formErrors.push(t('error.bad_form'));
      return sendReporterPage(state, reply, {
        session,
        locale,
        switchPath: null,
        status: refusal.status,
        refusal,
        typed: { body: form.body, keepMetadata: form.keepMetadata },
      });
    }

    try {
      await sendReporterMessage({ deps, reportId, content, files: uploads.files });
    } catch (error) {
      await uploads.discard();
      if (error instanceof ReportGoneError) return sendSessionEnded(state, request, reply);
      request.log.error({ err: error }, 'a reporter message could not be saved');
      return sendReporterPage(state, reply, {
        session,
        locale,
        switchPath: null,
        status: 500,
        refusal: { formErrors: [t('error.save_failed')], fieldErrors: {} },
        typed: { body: form.body, keepMetadata: form.keepMetadata },
      });
    }
    return seeOther(reply, `/return/report?sent=1&lang=${locale}`);
  });

  app.post('/return/sign-out', { schema: { hide: true } }, async (request, reply) => {
    const fields = plainFields(request.body);
    const locale = chooseLocale({ explicit: fields.get('lang'), request });
    state.sessions.end(readReporterToken(request));
    clearReporterCookie(reply);
    return seeOther(reply, `/return?session=signed_out&lang=${locale}`);
  });
}

/** A urlencoded form body (or anything else a client sent) as fields. */
function plainFields(body: unknown): FormFields {
  return typeof body === 'object' && body !== null
    ? FormFields.from(body as Record<string, unknown>)
    : new FormFields();
}

function messageContent(
  fields: FormFields,
  body: string,
  browser: boolean,
  refusal: { status: number; formErrors: string[]; fieldErrors: { body?: string } },
  t: Translate,
): MessageContent | null {
  if (!browser) {
    if (fields.truncated.has('body') || body.length > LIMITS.messageChars) {
      refusal.fieldErrors.body = t('error.too_long', { max: LIMITS.messageChars });
      return null;
    }
    return { encryptedBy: 'server', text: body };
  }
  const sealedForOrg = sealedValue(fields.get('sealed_for_org'), 'message');
  const sealedForReporter = sealedValue(fields.get('sealed_for_reporter'), 'message');
  if (!sealedForOrg || !sealedForReporter || body !== '') {
    refusal.status = 400;
    refusal.formErrors.push(t('error.bad_form'));
    return null;
  }
  return { encryptedBy: 'browser', sealedForOrg, sealedForReporter };
}

async function sendReporterPage(
  state: PublicState,
  reply: FastifyReply,
  o: {
    session: ReporterSession;
    locale: Locale;
    switchPath: string | null;
    status: number;
    sent?: boolean;
    refusal?: { formErrors: string[]; fieldErrors: { body?: string; files?: string } };
    typed?: { body: string; keepMetadata: boolean };
  },
): Promise<FastifyReply> {
  const ctx = pageContext(state, o.locale, o.switchPath);
  const view =
    o.session.reportId === null
      ? null
      : await getReporterView({
          deps: state.deps,
          reportId: o.session.reportId,
          keyPair: o.session.keyPair,
        });
  if (!view) {
    return sendPage(reply, 200, noReportPage(ctx, { formToken: formToken(state, 'return') }));
  }
  return sendPage(
    reply,
    o.status,
    reporterReportPage(ctx, {
      view,
      messageToken: formToken(state, 'message'),
      body: o.typed?.body ?? '',
      keepMetadata: o.typed?.keepMetadata ?? false,
      fieldErrors: o.refusal?.fieldErrors ?? {},
      formErrors: o.refusal?.formErrors ?? [],
      filesAgain: o.refusal !== undefined,
      sent: o.sent ?? false,
      maxFileBytes: state.deps.config.intake.maxFileBytes,
    }),
  );
}

/**
 * The session ended while a reply was being written: show the codename form, and the
 * reply as typed so it is not lost. Only the plain fields are read; files are skipped.
 */
async function sendSessionEnded(
  state: PublicState,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  let fields = new FormFields();
  if (request.isMultipart()) {
    const read = await readMultipartForm(
      request,
      { fileBytes: 0 },
      {
        checkpoint: async (complete) => {
          fields = complete;
          return false;
        },
        onFileField: () => {},
        onFile: async () => {},
      },
    ).catch(() => null);
    if (read) fields = read.fields;
  }
  const locale = chooseLocale({ explicit: fields.get('lang'), request });
  const ctx = pageContext(state, locale, null);
  return sendPage(
    reply,
    401,
    returnPage(ctx, {
      formToken: formToken(state, 'return'),
      codename: '',
      notice: ctx.t('return.ended'),
      unsent: fields.get('body').trim() === '' ? undefined : fields.get('body'),
    }),
  );
}
