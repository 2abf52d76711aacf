// The report form's fields (names of the public form protocol, intake brief) and how
// they become coded answers and sealed details. What the reporter typed is kept as
// `ReportFormValues`, so that a form with errors comes back exactly as it was sent.
import type { z } from 'zod';
import {
  datePrecision,
  incidentDateFrom,
  LIMITS,
  reportAnswers,
  type ReportAnswers,
  type ReportDetails,
} from '../../../../common/intake/report.ts';
import type { FormFields } from './multipart-form.ts';

/** Every field of the report form, as the page shows it. */
export interface ReportFormValues {
  reporterRole: string;
  incidentTypes: string[];
  datePrecision: string;
  dateYear: string;
  dateMonth: string;
  dateDay: string;
  oblast: string;
  city: string;
  placeType: string;
  onlinePlatform: string;
  exactPlace: string;
  perpetratorTypes: string[];
  biasIndicators: string[];
  biasDetails: string;
  reportedToPolice: string;
  policeResponse: string;
  policeDetails: string;
  notReportedReasons: string[];
  wishes: string[];
  contact: string;
  narrative: string;
  keepMetadata: boolean;
}

export const EMPTY_REPORT_VALUES: ReportFormValues = {
  reporterRole: '',
  incidentTypes: [],
  datePrecision: '',
  dateYear: '',
  dateMonth: '',
  dateDay: '',
  oblast: '',
  city: '',
  placeType: '',
  onlinePlatform: '',
  exactPlace: '',
  perpetratorTypes: [],
  biasIndicators: [],
  biasDetails: '',
  reportedToPolice: '',
  policeResponse: '',
  policeDetails: '',
  notReportedReasons: [],
  wishes: [],
  contact: '',
  narrative: '',
  keepMetadata: false,
};

/** Field names of the form protocol that an error can point at. */
export type ReportFieldName =
  | 'reporter_role'
  | 'incident_types'
  | 'date_precision'
  | 'oblast'
  | 'city'
  | 'place_type'
  | 'online_platform'
  | 'exact_place'
  | 'perpetrator_types'
  | 'bias_indicators'
  | 'bias_details'
  | 'reported_to_police'
  | 'police_response'
  | 'police_details'
  | 'not_reported_reasons'
  | 'wishes'
  | 'contact'
  | 'narrative'
  | 'files';

export type FieldErrorCode =
  'incident_types_required' | 'invalid_choice' | 'date_incomplete' | 'date_in_future' | 'too_long';

export interface FieldError {
  field: ReportFieldName;
  code: FieldErrorCode;
  max?: number;
}

/** Sealed text fields with their limits (characters). */
export const SEALED_TEXT_FIELDS = {
  exact_place: LIMITS.detailChars,
  bias_details: LIMITS.detailChars,
  police_details: LIMITS.detailChars,
  contact: LIMITS.contactChars,
  narrative: LIMITS.narrativeChars,
} as const satisfies Partial<Record<ReportFieldName, number>>;

/** Line breaks arrive as CRLF from every browser; a limit counts what the person typed. */
const typed = (value: string) => value.replace(/\r\n/g, '\n');

export function reportValuesFrom(fields: FormFields): ReportFormValues {
  return {
    reporterRole: fields.get('reporter_role'),
    incidentTypes: fields.all('incident_types'),
    datePrecision: fields.get('date_precision'),
    dateYear: fields.get('date_year').trim(),
    dateMonth: fields.get('date_month').trim(),
    dateDay: fields.get('date_day').trim(),
    oblast: fields.get('oblast'),
    city: fields.get('city'),
    placeType: fields.get('place_type'),
    onlinePlatform: fields.get('online_platform'),
    exactPlace: typed(fields.get('exact_place')),
    perpetratorTypes: fields.all('perpetrator_types'),
    biasIndicators: fields.all('bias_indicators'),
    biasDetails: typed(fields.get('bias_details')),
    reportedToPolice: fields.get('reported_to_police'),
    policeResponse: fields.get('police_response'),
    policeDetails: typed(fields.get('police_details')),
    notReportedReasons: fields.all('not_reported_reasons'),
    wishes: fields.all('wishes'),
    contact: typed(fields.get('contact')),
    narrative: typed(fields.get('narrative')),
    keepMetadata: fields.get('keep_metadata') === '1',
  };
}

const ANSWER_FIELDS: Record<keyof ReportAnswers, ReportFieldName> = {
  reporterRole: 'reporter_role',
  incidentTypes: 'incident_types',
  datePrecision: 'date_precision',
  incidentDate: 'date_precision',
  oblast: 'oblast',
  city: 'city',
  placeType: 'place_type',
  onlinePlatform: 'online_platform',
  perpetratorTypes: 'perpetrator_types',
  biasIndicators: 'bias_indicators',
  reportedToPolice: 'reported_to_police',
  policeResponse: 'police_response',
  notReportedReasons: 'not_reported_reasons',
  wishes: 'wishes',
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
const part = (value: string) => (/^\d{1,4}$/.test(value) ? Number(value) : undefined);

/**
 * The day to compare incident dates with. The server cannot know the reporter's time
 * zone, so it takes the date in the easternmost one (UTC+14): "today" somewhere on Earth
 * is never refused as a date in the future.
 */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** The precision the reporter meant when they filled in date parts but chose no radio. */
function impliedPrecision(values: ReportFormValues): string {
  if (values.datePrecision !== '') return values.datePrecision;
  if (values.dateYear === '') return 'unknown';
  if (values.dateMonth === '') return 'year';
  return values.dateDay === '' ? 'month' : 'day';
}

/** Checks the coded answers; errors name the form field they belong to. */
export function validateAnswers(
  values: ReportFormValues,
  now: Date,
): { answers: ReportAnswers } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (values.city.trim().length > LIMITS.cityChars) {
    errors.push({ field: 'city', code: 'too_long', max: LIMITS.cityChars });
  }
  const parsed = reportAnswers.safeParse({
    reporterRole: orNull(values.reporterRole),
    incidentTypes: values.incidentTypes,
    datePrecision: impliedPrecision(values),
    incidentDate: null,
    oblast: orNull(values.oblast),
    city: values.city.trim().length > LIMITS.cityChars ? null : orNull(values.city),
    placeType: orNull(values.placeType),
    onlinePlatform: orNull(values.onlinePlatform),
    perpetratorTypes: values.perpetratorTypes,
    biasIndicators: values.biasIndicators,
    reportedToPolice: orNull(values.reportedToPolice),
    policeResponse: orNull(values.policeResponse),
    notReportedReasons: values.notReportedReasons,
    wishes: values.wishes,
  });
  if (!parsed.success) errors.push(...issuesToErrors(parsed.error.issues));

  // The date is checked even when other answers are refused, so a reporter sees every
  // problem at once instead of fixing one only to be sent back for the next.
  let incidentDate: string | null = null;
  const precision = datePrecision.safeParse(impliedPrecision(values));
  if (precision.success) {
    const date = incidentDateFrom(
      precision.data,
      { year: part(values.dateYear), month: part(values.dateMonth), day: part(values.dateDay) },
      latestToday(now),
    );
    if ('error' in date) errors.push({ field: 'date_precision', code: date.error });
    else incidentDate = date.date;
  }
  if (errors.length > 0 || !parsed.success) return { errors };
  return { answers: { ...parsed.data, incidentDate } };
}

function issuesToErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const key = issue.path[0] as keyof ReportAnswers | undefined;
    const field = key ? ANSWER_FIELDS[key] : undefined;
    if (!field || errors.some((e) => e.field === field)) continue;
    const required = field === 'incident_types' && issue.code === 'too_small';
    errors.push({ field, code: required ? 'incident_types_required' : 'invalid_choice' });
  }
  return errors;
}

/** The sealed details of the no-JavaScript form, or the fields that are too long. */
export function detailsFrom(
  values: ReportFormValues,
  truncated: ReadonlySet<string>,
): { details: ReportDetails } | { errors: FieldError[] } {
  const texts: Record<keyof typeof SEALED_TEXT_FIELDS, string> = {
    exact_place: values.exactPlace,
    bias_details: values.biasDetails,
    police_details: values.policeDetails,
    contact: values.contact,
    narrative: values.narrative,
  };
  const errors: FieldError[] = [];
  for (const [field, max] of Object.entries(SEALED_TEXT_FIELDS) as [
    keyof typeof SEALED_TEXT_FIELDS,
    number,
  ][]) {
    if (truncated.has(field) || texts[field].length > max) {
      errors.push({ field, code: 'too_long', max });
    }
  }
  if (errors.length > 0) return { errors };
  const kept = (text: string) => (text.trim() === '' ? undefined : text);
  const details: ReportDetails = {};
  const narrative = kept(texts.narrative);
  const contact = kept(texts.contact);
  const exactPlace = kept(texts.exact_place);
  const biasDetails = kept(texts.bias_details);
  const policeDetails = kept(texts.police_details);
  if (narrative !== undefined) details.narrative = narrative;
  if (contact !== undefined) details.contact = contact;
  if (exactPlace !== undefined) details.exactPlace = exactPlace;
  if (biasDetails !== undefined) details.biasDetails = biasDetails;
  if (policeDetails !== undefined) details.policeDetails = policeDetails;
  return { details };
}
