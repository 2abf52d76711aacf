// /report/:slug — the calm explanation, then the form (every field of issue 3, in the
// order of the form protocol: plain fields first, the file input last).
import { toB64 } from '../../../../../common/crypto/encoding.ts';
import { LIMITS } from '../../../../../common/intake/report.ts';
import {
  BIAS_INDICATORS,
  DATE_PRECISIONS,
  INCIDENT_TYPES,
  NOT_REPORTED_REASONS,
  OBLASTS,
  ONLINE_PLATFORMS,
  PERPETRATOR_TYPES,
  PLACE_TYPES,
  POLICE_REPORTED,
  POLICE_RESPONSES,
  REPORTER_ROLES,
  WISHES,
} from '../../../../../common/intake/vocabulary.ts';
import { flag, html, type Html } from '../html.ts';
import type { PublicMessageKey } from '../messages/index.ts';
import type { ReportFieldName, ReportFormValues } from '../report-form.ts';
import {
  choiceGroup,
  controlId,
  errorSummary,
  formBasics,
  select,
  textField,
  type PageError,
} from './fields.ts';
import { layout, megabytes, type PageContext } from './layout.ts';

export interface ReportPageOptions {
  organisation: { slug: string; name: string; publicKey: Uint8Array };
  values: ReportFormValues;
  /** Errors by field; an error without a field is about the whole form. */
  fieldErrors: ReadonlyMap<ReportFieldName, string>;
  formErrors: readonly string[];
  /** Tell the reporter to choose their files again (the form came back with errors). */
  filesAgain: boolean;
  /** The refused form was encrypted in the browser: what was typed cannot be shown again. */
  typedAgain?: boolean;
  formToken: string;
  maxFileBytes: number;
}

/** Where an error about a field links to: its control, or the first option of its group. */
const TARGETS: Record<ReportFieldName, string> = {
  reporter_role: controlId('reporter_role', REPORTER_ROLES[0].code),
  incident_types: controlId('incident_types', INCIDENT_TYPES[0].code),
  date_precision: controlId('date_precision', DATE_PRECISIONS[0].code),
  oblast: controlId('oblast'),
  city: controlId('city'),
  place_type: controlId('place_type'),
  online_platform: controlId('online_platform'),
  exact_place: controlId('exact_place'),
  perpetrator_types: controlId('perpetrator_types', PERPETRATOR_TYPES[0].code),
  bias_indicators: controlId('bias_indicators', BIAS_INDICATORS[0].code),
  bias_details: controlId('bias_details'),
  reported_to_police: controlId('reported_to_police', POLICE_REPORTED[0].code),
  police_response: controlId('police_response'),
  police_details: controlId('police_details'),
  not_reported_reasons: controlId('not_reported_reasons', NOT_REPORTED_REASONS[0].code),
  wishes: controlId('wishes', WISHES[0].code),
  contact: controlId('contact'),
  narrative: controlId('narrative'),
  files: controlId('files'),
};

const FIELD_ORDER = Object.keys(TARGETS) as ReportFieldName[];

export function reportPage(ctx: PageContext, o: ReportPageOptions): Html {
  const { t, locale } = ctx;
  const v = o.values;
  const err = (field: ReportFieldName) => o.fieldErrors.get(field);
  const errors: PageError[] = [
    ...o.formErrors.map((text) => ({ target: null, text })),
    ...FIELD_ORDER.flatMap((field) => {
      const text = o.fieldErrors.get(field);
      return text ? [{ target: TARGETS[field], text }] : [];
    }),
  ];
  const sealedHint = (key?: PublicMessageKey) =>
    key ? `${t(key)} ${t('field.sealed')}` : t('field.sealed');
  const name = o.organisation.name;

  const body = html`<h1>${t('report.title', { organisation: name })}</h1>
    ${errorSummary(
      t,
      errors,
      o.typedAgain ? t('errors.typedAgain') : o.filesAgain ? t('errors.filesAgain') : undefined,
    )}
    <p class="lead">${t('report.lead')}</p>
    <section class="explain" aria-label="${t('report.whoReads.title')}">
      <h2>${t('report.whoReads.title')}</h2>
      <p>${t('report.whoReads.body', { organisation: name })}</p>
      <h2>${t('report.whatDone.title')}</h2>
      <p>${t('report.whatDone.consent')}</p>
      <p>${t('report.whatDone.statistics')}</p>
      <h2>${t('report.safety.title')}</h2>
      <ul>
        <li>${t('report.safety.private')}</li>
        <li>${t('report.safety.codename')}</li>
        <li>${t('report.safety.exit')}</li>
      </ul>
    </section>
    <form
      class="report-form"
      method="post"
      action="/report/${o.organisation.slug}"
      enctype="multipart/form-data"
      accept-charset="utf-8"
      data-org-public-key="${toB64(o.organisation.publicKey)}"
      data-max-file-bytes="${o.maxFileBytes}"
    >
      ${formBasics(o.formToken, locale)}
      <h2>${t('report.formTitle')}</h2>
      <p>${t('report.formNote')}</p>
      ${choiceGroup({ t, locale, name: 'reporter_role', legend: t('form.reporterRole'), terms: REPORTER_ROLES, checked: [v.reporterRole], multiple: false, error: err('reporter_role') })}
      ${choiceGroup({ t, locale, name: 'incident_types', legend: t('form.incidentTypes'), hint: t('form.incidentTypes.hint'), terms: INCIDENT_TYPES, checked: v.incidentTypes, multiple: true, required: true, error: err('incident_types') })}
      <fieldset class="section">
        <legend>${t('form.when')}</legend>
        ${choiceGroup({ t, locale, name: 'date_precision', legend: t('form.when'), hint: t('form.when.hint'), terms: DATE_PRECISIONS, checked: [v.datePrecision], multiple: false, sub: true, hideLegend: true, error: err('date_precision') })}
        <div class="date-parts">
          ${textField({ name: 'date_year', label: t('form.dateYear'), hint: t('form.dateYear.hint'), value: v.dateYear, maxLength: 4, inputMode: 'numeric', size: 'short' })}
          ${monthSelect(ctx, v.dateMonth)}
          ${textField({ name: 'date_day', label: t('form.dateDay'), value: v.dateDay, maxLength: 2, inputMode: 'numeric', size: 'short' })}
        </div>
      </fieldset>
      <fieldset class="section">
        <legend>${t('form.where')}</legend>
        ${select({ t, locale, name: 'oblast', label: t('form.oblast'), terms: OBLASTS, value: v.oblast, error: err('oblast') })}
        ${textField({ name: 'city', label: t('form.city'), hint: t('form.city.hint'), value: v.city, maxLength: LIMITS.cityChars, error: err('city') })}
        ${select({ t, locale, name: 'place_type', label: t('form.placeType'), terms: PLACE_TYPES, value: v.placeType, error: err('place_type') })}
        ${select({ t, locale, name: 'online_platform', label: t('form.onlinePlatform'), terms: ONLINE_PLATFORMS, value: v.onlinePlatform, error: err('online_platform') })}
        ${textField({ name: 'exact_place', label: t('form.exactPlace'), hint: sealedHint('form.exactPlace.hint'), value: v.exactPlace, maxLength: LIMITS.detailChars, rows: 2, error: err('exact_place') })}
      </fieldset>
      ${choiceGroup({ t, locale, name: 'perpetrator_types', legend: t('form.perpetrators'), hint: t('form.perpetrators.hint'), terms: PERPETRATOR_TYPES, checked: v.perpetratorTypes, multiple: true, error: err('perpetrator_types') })}
      <fieldset class="section">
        <legend>${t('form.bias')}</legend>
        ${choiceGroup({ t, locale, name: 'bias_indicators', legend: t('form.bias'), hint: t('form.bias.hint'), terms: BIAS_INDICATORS, checked: v.biasIndicators, multiple: true, sub: true, hideLegend: true, error: err('bias_indicators') })}
        ${textField({ name: 'bias_details', label: t('form.biasDetails'), hint: sealedHint(), value: v.biasDetails, maxLength: LIMITS.detailChars, rows: 3, error: err('bias_details') })}
      </fieldset>
      <fieldset class="section">
        <legend>${t('form.police')}</legend>
        ${choiceGroup({ t, locale, name: 'reported_to_police', legend: t('form.reportedToPolice'), terms: POLICE_REPORTED, checked: [v.reportedToPolice], multiple: false, sub: true, error: err('reported_to_police') })}
        ${select({ t, locale, name: 'police_response', label: t('form.policeResponse'), terms: POLICE_RESPONSES, value: v.policeResponse, error: err('police_response') })}
        ${textField({ name: 'police_details', label: t('form.policeDetails'), hint: sealedHint(), value: v.policeDetails, maxLength: LIMITS.detailChars, rows: 3, error: err('police_details') })}
        ${choiceGroup({ t, locale, name: 'not_reported_reasons', legend: t('form.notReported'), terms: NOT_REPORTED_REASONS, checked: v.notReportedReasons, multiple: true, sub: true, error: err('not_reported_reasons') })}
      </fieldset>
      ${choiceGroup({ t, locale, name: 'wishes', legend: t('form.wishes'), hint: t('form.wishes.hint'), terms: WISHES, checked: v.wishes, multiple: true, error: err('wishes') })}
      ${textField({ name: 'contact', label: t('form.contact'), hint: sealedHint('form.contact.hint'), value: v.contact, maxLength: LIMITS.contactChars, rows: 3, error: err('contact') })}
      ${textField({ name: 'narrative', label: t('form.narrative'), hint: sealedHint('form.narrative.hint'), value: v.narrative, maxLength: LIMITS.narrativeChars, rows: 10, error: err('narrative') })}
      ${filesSection(ctx, { keepMetadata: v.keepMetadata, maxFileBytes: o.maxFileBytes, error: err('files'), purpose: 'report' })}
      <div class="submit">
        <button type="submit">${t('report.submit')}</button>
        <p class="hint">${t('report.submitNote')}</p>
      </div>
    </form>`;
  return layout(ctx, { title: t('report.title', { organisation: name }), body, enhance: true });
}

function monthSelect(ctx: PageContext, value: string): Html {
  const { t } = ctx;
  const id = controlId('date_month');
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1));
  return html`<div class="field">
    <label for="${id}">${t('form.dateMonth')}</label>
    <select id="${id}" name="date_month">
      <option value="">${t('field.choose')}</option>
      ${months.map((m) => html`<option value="${m}" ${flag('selected', value === m)}>${t(`month.${m}` as PublicMessageKey)}</option>`)}
    </select>
  </div>`;
}

/** The file input (last in the form, so fields arrive first) and the metadata choice. */
export function filesSection(
  ctx: PageContext,
  o: {
    keepMetadata: boolean;
    maxFileBytes: number;
    error?: string | undefined;
    purpose: 'report' | 'message';
  },
): Html {
  const { t } = ctx;
  const id = controlId('files');
  const size = megabytes(t, o.maxFileBytes);
  const hint =
    o.purpose === 'report'
      ? t('form.files.hint', { count: LIMITS.filesPerSubmission, size })
      : t('view.reply.files.hint', { count: LIMITS.filesPerSubmission, size });
  const describedBy = [`${id}-hint`, o.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<fieldset class="section files${o.error ? ' has-error' : ''}">
    <legend>${t('form.files')} <span class="optional">(${t('field.optional')})</span></legend>
    <div class="choice">
      <input
        type="checkbox"
        id="${controlId('keep_metadata')}"
        name="keep_metadata"
        value="1"
        aria-describedby="${controlId('keep_metadata')}-hint"
        ${flag('checked', o.keepMetadata)}
      /><label for="${controlId('keep_metadata')}">${t('form.keepMetadata')}</label>
    </div>
    <p class="hint" id="${controlId('keep_metadata')}-hint">${t('form.keepMetadata.hint')}</p>
    <div class="field">
      <label for="${id}">${t('form.files.label')}</label>
      <p class="hint" id="${id}-hint">${hint}</p>
      ${o.error ? html`<p class="field-error" id="${id}-error">${o.error}</p>` : ''}
      <input
        type="file"
        id="${id}"
        name="files"
        multiple
        aria-describedby="${describedBy}"
        ${o.error ? html` aria-invalid="true"` : ''}
      />
    </div>
  </fieldset>`;
}
