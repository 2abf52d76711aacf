// /report (the organisations that accept reports), /report/:slug (explanation and form)
// and the submission. A submission streams: fields first, then the checkpoint (rate limit,
// form token, answers) before anything is stored, then each file straight into the upload
// pipeline. Any refusal discards what was stored and shows the form again, as it was sent.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../../common/api/accounts.ts';
import { LIMITS, type ReportAnswers } from '../../../../common/intake/report.ts';
import { maxEnvelopeBytes } from '../../../files/store-encrypted-upload.ts';
import {
  findReportingOrganisation,
  type ReportingOrganisation,
} from '../find-reporting-organisation.ts';
import { listReportingOrganisations } from '../list-reporting-organisations.ts';
import { submitReport, type ReportContent } from '../submit-report.ts';
import { sealedValue } from './browser-sealed.ts';
import { checkFormToken } from './form-token.ts';
import { chooseLocale, queryLocale } from './locale.ts';
import type { Translate } from './messages/index.ts';
import { readMultipartForm, type FormFields } from './multipart-form.ts';
import { notFoundPage, organisationsPage, receiptPage } from './pages/simple-pages.ts';
import { megabytes } from './pages/layout.ts';
import { reportPage } from './pages/report-page.ts';
import { formToken, pageContext, sendPage, type PublicState } from './public-context.ts';
import {
  detailsFrom,
  EMPTY_REPORT_VALUES,
  reportValuesFrom,
  SEALED_TEXT_FIELDS,
  validateAnswers,
  type FieldError,
  type ReportFieldName,
  type ReportFormValues,
} from './report-form.ts';
import { FileRefused, FormUploads, type FileProblem } from './uploads.ts';

/** Why a form came back: errors by field, about the whole form, and the status to send. */
export interface Refusal {
  status: number;
  fieldErrors: Map<ReportFieldName, string>;
  formErrors: string[];
}

export function registerReportRoutes(app: FastifyInstance, state: PublicState): void {
  const { deps } = state;

  app.get('/report', { schema: { hide: true } }, async (request, reply) => {
    const locale = chooseLocale({ explicit: queryLocale(request), request });
    const organisations = await listReportingOrganisations({ deps });
    return sendPage(
      reply,
      200,
      organisationsPage(pageContext(state, locale, '/report'), organisations),
    );
  });

  app.get('/report/:slug', { schema: { hide: true } }, async (request, reply) => {
    const organisation = await findReportingOrganisation({ deps, slug: slugOf(request) });
    if (!organisation) return sendNotFound(state, request, reply);
    const locale = chooseLocale({
      explicit: queryLocale(request),
      request,
      fallback: organisation.defaultLocale,
    });
    return sendForm(state, reply, {
      organisation,
      locale,
      values: EMPTY_REPORT_VALUES,
      refusal: { status: 200, fieldErrors: new Map(), formErrors: [] },
      filesAgain: false,
      switchPath: `/report/${organisation.slug}`,
    });
  });

  app.post('/report/:slug', { schema: { hide: true } }, async (request, reply) => {
    const organisation = await findReportingOrganisation({ deps, slug: slugOf(request) });
    if (!organisation) return sendNotFound(state, request, reply);
    let locale = chooseLocale({
      explicit: undefined,
      request,
      fallback: organisation.defaultLocale,
    });
    let t = pageContext(state, locale, null).t;
    const refusal: Refusal = { status: 422, fieldErrors: new Map(), formErrors: [] };
    const refuse = (status: number, message: string) => {
      refusal.status = status;
      refusal.formErrors.push(message);
    };

    if (!request.isMultipart()) {
      refuse(400, t('error.bad_form'));
      return sendRefused(state, reply, organisation, locale, EMPTY_REPORT_VALUES, refusal);
    }

    const { maxFileBytes } = deps.config.intake;
    const uploads = new FormUploads({
      blobs: deps.blobs,
      organisationPublicKey: organisation.publicKey,
      maxBytes: maxFileBytes,
    });
    // Filled in by the checkpoint and the file handler as the body streams in.
    const form: {
      values: ReportFormValues;
      browser: boolean;
      answers: ReportAnswers | null;
      content: ReportContent | null;
      /** The file being read, for a message about it. */
      fileName: string;
    } = {
      values: EMPTY_REPORT_VALUES,
      browser: false,
      answers: null,
      content: null,
      fileName: '',
    };

    try {
      const read = await readMultipartForm(
        request,
        { fileBytes: maxEnvelopeBytes(maxFileBytes) },
        {
          checkpoint: async (fields) => {
            locale = chooseLocale({
              explicit: fields.get('lang'),
              request,
              fallback: organisation.defaultLocale,
            });
            t = pageContext(state, locale, null).t;
            form.values = reportValuesFrom(fields);
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
              purpose: `report:${organisation.slug}`,
              token: fields.get('form_token'),
              now: deps.now(),
              validHours: deps.config.intake.formTokenHours,
            });
            if (token !== 'valid') {
              refusal.formErrors.push(
                t(token === 'expired' ? 'error.form_expired' : 'error.form_invalid'),
              );
            }
            const checked = validateAnswers(form.values, deps.now());
            if ('errors' in checked) addFieldErrors(refusal, t, checked.errors);
            else form.answers = checked.answers;
            form.content = form.browser
              ? browserContent(fields, refusal, t)
              : serverContent(form.values, fields, refusal, t);
            return refusal.formErrors.length === 0 && refusal.fieldErrors.size === 0;
          },
          onFileField: (name, value, truncated) => {
            // The plain form has no such fields; only the browser variant describes files.
            if (form.browser) uploads.describeNext(name, value, truncated);
          },
          onFile: async (part) => {
            form.fileName = part.fileName;
            if (form.browser) await uploads.addEncrypted(part);
            else await uploads.addPlain(part, form.values.keepMetadata);
          },
        },
      );
      if (read.problem === 'bad_form') refuse(400, t('error.bad_form'));
      else if (read.problem) {
        addFileError(refusal, t, {
          code: read.problem,
          name: form.fileName,
          limitBytes: maxFileBytes,
        });
      }
    } catch (error) {
      if (error instanceof FileRefused) addFileError(refusal, t, error.problem);
      else {
        // A failure on our side (a full disk, a lost database): the reporter keeps the form.
        request.log.error({ err: error }, 'a report could not be read or stored');
        refuse(500, t('error.save_failed'));
      }
    }

    const { answers, content, values } = form;
    const refused = refusal.formErrors.length > 0 || refusal.fieldErrors.size > 0;
    if (refused || !answers || !content) {
      await uploads.discard();
      if (!refused) refuse(400, t('error.bad_form'));
      return sendRefused(state, reply, organisation, locale, values, refusal, form.browser);
    }

    let submitted;
    try {
      submitted = await submitReport({
        deps,
        organisation,
        locale,
        answers,
        content,
        files: uploads.files,
      });
    } catch (error) {
      await uploads.discard();
      request.log.error({ err: error }, 'a report could not be saved');
      refuse(500, t('error.save_failed'));
      return sendRefused(state, reply, organisation, locale, values, refusal, form.browser);
    }
    const ctx = pageContext(state, locale, null);
    return sendPage(
      reply,
      200,
      receiptPage(ctx, {
        organisationName: organisation.name,
        codename: submitted.codename,
        returnUrl: `${deps.config.publicOrigin}/return`,
      }),
    );
  });
}

function slugOf(request: FastifyRequest): string {
  return (request.params as { slug: string }).slug;
}

export function sendNotFound(
  state: PublicState,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const locale = chooseLocale({ explicit: queryLocale(request), request });
  return sendPage(reply, 404, notFoundPage(pageContext(state, locale, null)));
}

function sendForm(
  state: PublicState,
  reply: FastifyReply,
  o: {
    organisation: ReportingOrganisation;
    locale: Locale;
    values: ReportFormValues;
    refusal: Refusal;
    filesAgain: boolean;
    typedAgain?: boolean;
    switchPath: string | null;
  },
): FastifyReply {
  const ctx = pageContext(state, o.locale, o.switchPath);
  return sendPage(
    reply,
    o.refusal.status,
    reportPage(ctx, {
      organisation: o.organisation,
      values: o.values,
      fieldErrors: o.refusal.fieldErrors,
      formErrors: o.refusal.formErrors,
      filesAgain: o.filesAgain,
      typedAgain: o.typedAgain ?? false,
      formToken: formToken(state, `report:${o.organisation.slug}`),
      maxFileBytes: state.deps.config.intake.maxFileBytes,
    }),
  );
}

/**
 * The form again, with what was typed and why it came back. Files are never kept from a
 * refused form (nothing half-stored), and a browser cannot put them back in a file input,
 * so the page always says to choose them again.
 */
function sendRefused(
  state: PublicState,
  reply: FastifyReply,
  organisation: ReportingOrganisation,
  locale: Locale,
  values: ReportFormValues,
  refusal: Refusal,
  /** The form was encrypted in the browser, so its written answers cannot come back. */
  browser = false,
): FastifyReply {
  return sendForm(state, reply, {
    organisation,
    locale,
    values,
    refusal,
    filesAgain: true,
    typedAgain: browser,
    switchPath: null,
  });
}

export function fieldErrorText(t: Translate, error: FieldError): string {
  switch (error.code) {
    case 'incident_types_required':
      return t('error.incident_types_required');
    case 'invalid_choice':
      return t('error.invalid_choice');
    case 'date_incomplete':
      return t('error.date_incomplete');
    case 'date_in_future':
      return t('error.date_in_future');
    case 'too_long':
      return t('error.too_long', { max: error.max ?? 0 });
  }
}

function addFieldErrors(refusal: Refusal, t: Translate, errors: readonly FieldError[]): void {
  for (const error of errors) {
    if (!refusal.fieldErrors.has(error.field)) {
      refusal.fieldErrors.set(error.field, fieldErrorText(t, error));
    }
  }
}

export function fileErrorText(t: Translate, problem: FileProblem): string {
  const name = problem.name;
  switch (problem.code) {
    case 'too_many_files':
      return t('error.too_many_files', { count: LIMITS.filesPerSubmission });
    case 'file_too_large':
      return t('error.file_too_large', { name, size: megabytes(t, problem.limitBytes ?? 0) });
    case 'file_empty':
      return t('error.file_empty', { name });
    case 'file_type_mismatch':
      return t('error.file_type_mismatch', { name });
    case 'file_type_not_allowed':
      return t('error.file_type_not_allowed', { name });
    case 'file_not_encrypted':
      return t('error.file_not_encrypted', { name });
    case 'image_unreadable':
      return t('error.image_unreadable', { name });
  }
}

function addFileError(refusal: Refusal, t: Translate, problem: FileProblem): void {
  refusal.fieldErrors.set('files', fileErrorText(t, problem));
  if (problem.code === 'file_too_large') refusal.status = 413;
}

/** The no-JavaScript form: what the reporter wrote, to be sealed by the server. */
function serverContent(
  values: ReportFormValues,
  fields: FormFields,
  refusal: Refusal,
  t: Translate,
): ReportContent | null {
  const details = detailsFrom(values, fields.truncated);
  if ('errors' in details) {
    addFieldErrors(refusal, t, details.errors);
    return null;
  }
  return { encryptedBy: 'server', details: details.details };
}

/**
 * The browser-encrypted form: the sealed record key and details, checked for shape only.
 * Plaintext in a sealed field means the page's script did not run as it should: refuse
 * rather than let it through unsealed.
 */
function browserContent(fields: FormFields, refusal: Refusal, t: Translate): ReportContent | null {
  const sealedRecordKey = sealedValue(fields.get('sealed_record_key'), 'sealedKey');
  const detailsText = fields.get('sealed_details');
  const sealedDetails = detailsText === '' ? null : sealedValue(detailsText, 'details');
  const plaintextSent = Object.keys(SEALED_TEXT_FIELDS).some((name) => fields.get(name) !== '');
  if (!sealedRecordKey || (detailsText !== '' && !sealedDetails) || plaintextSent) {
    refusal.status = 400;
    refusal.formErrors.push(t('error.bad_form'));
    return null;
  }
  return { encryptedBy: 'browser', sealedRecordKey, sealedDetails };
}
