// The shape of a report, shared by the public form (server-rendered and browser-encrypted),
// the staff API and the web app. Coded answers are plaintext vocabulary codes; details are
// a JSON object sealed under the record key; file metadata and messages are sealed to the
// organisation key (and messages also to the reporter key).
import { z } from 'zod';
import {
  BIAS_INDICATORS,
  codesOf,
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
} from './vocabulary.ts';

/** Envelope contexts (AAD) of the sealed parts of a report. */
export const DETAILS_CONTEXT = 'qorgan:report-details:v1';

/** Limits a person can act on; the form says them up front. */
export const LIMITS = {
  narrativeChars: 20_000,
  detailChars: 2_000,
  contactChars: 1_000,
  cityChars: 80,
  messageChars: 10_000,
  filesPerSubmission: 10,
  fileNameChars: 255,
  /** Default size limit of one file; AppConfig.intake.maxFileBytes overrides it. */
  defaultMaxFileBytes: 100 * 1024 * 1024,
} as const;

export const reporterRole = z.enum(codesOf(REPORTER_ROLES));
export const incidentType = z.enum(codesOf(INCIDENT_TYPES));
export const datePrecision = z.enum(codesOf(DATE_PRECISIONS));
export const oblast = z.enum(codesOf(OBLASTS));
export const placeType = z.enum(codesOf(PLACE_TYPES));
export const onlinePlatform = z.enum(codesOf(ONLINE_PLATFORMS));
export const perpetratorType = z.enum(codesOf(PERPETRATOR_TYPES));
export const biasIndicator = z.enum(codesOf(BIAS_INDICATORS));
export const policeReported = z.enum(codesOf(POLICE_REPORTED));
export const policeResponse = z.enum(codesOf(POLICE_RESPONSES));
export const notReportedReason = z.enum(codesOf(NOT_REPORTED_REASONS));
export const wish = z.enum(codesOf(WISHES));

const unique = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .transform((items) => [...new Set(items)]);

/**
 * The coded answers, after the form has been parsed. Only `incidentTypes` is required.
 * `incidentDate` is an ISO date (YYYY-MM-DD) whose meaningful part is given by
 * `datePrecision`: a month is stored as its first day, a year as 1 January.
 */
export const reportAnswers = z.strictObject({
  reporterRole: reporterRole.nullable(),
  incidentTypes: unique(incidentType, INCIDENT_TYPES.length).pipe(z.array(incidentType).min(1)),
  datePrecision,
  incidentDate: z.iso.date().nullable(),
  oblast: oblast.nullable(),
  city: z.string().trim().max(LIMITS.cityChars).nullable(),
  placeType: placeType.nullable(),
  onlinePlatform: onlinePlatform.nullable(),
  perpetratorTypes: unique(perpetratorType, PERPETRATOR_TYPES.length),
  biasIndicators: unique(biasIndicator, BIAS_INDICATORS.length),
  reportedToPolice: policeReported.nullable(),
  policeResponse: policeResponse.nullable(),
  notReportedReasons: unique(notReportedReason, NOT_REPORTED_REASONS.length),
  wishes: unique(wish, WISHES.length),
});
export type ReportAnswers = z.infer<typeof reportAnswers>;

/** What the reporter wrote in their own words; sealed as one JSON object. */
export const reportDetails = z.strictObject({
  narrative: z.string().max(LIMITS.narrativeChars).optional(),
  /** How to reach the reporter, in their words (a channel and a handle, safe times). */
  contact: z.string().max(LIMITS.contactChars).optional(),
  exactPlace: z.string().max(LIMITS.detailChars).optional(),
  biasDetails: z.string().max(LIMITS.detailChars).optional(),
  policeDetails: z.string().max(LIMITS.detailChars).optional(),
});
export type ReportDetails = z.infer<typeof reportDetails>;

/** Sealed to the organisation key beside each stored file. */
export const fileMeta = z.strictObject({
  name: z.string().max(LIMITS.fileNameChars),
  /** Detected from the content, not from the name. */
  type: z.string().max(120),
  /** Plaintext size in bytes. */
  size: z.number().int().min(0),
  /** SHA-256 of the plaintext, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** True when GPS and device metadata were removed from this copy. */
  metadataRemoved: z.boolean(),
});
export type FileMeta = z.infer<typeof fileMeta>;

/** Staff-side status of a report. */
export const REPORT_STATUSES = [
  'new',
  'in_progress',
  'accepted',
  'duplicate',
  'not_actionable',
  'spam',
  'closed',
] as const;
export const reportStatus = z.enum(REPORT_STATUSES);
export type ReportStatus = z.infer<typeof reportStatus>;

/** What the reporter is told, in plain words: spam and duplicates just read "closed". */
export type ReporterStatus = 'received' | 'in_progress' | 'closed';
export function reporterStatusOf(status: ReportStatus): ReporterStatus {
  if (status === 'new') return 'received';
  if (status === 'in_progress' || status === 'accepted') return 'in_progress';
  return 'closed';
}

/**
 * Turns the date parts of the form into a stored date. Returns an error code the form
 * translates: 'date_incomplete' when a part the precision needs is missing or impossible,
 * 'date_in_future' when the date is after `today` (a UTC date, YYYY-MM-DD).
 */
export function incidentDateFrom(
  precision: z.infer<typeof datePrecision>,
  parts: { year?: number; month?: number; day?: number },
  today: string,
): { date: string | null } | { error: 'date_incomplete' | 'date_in_future' } {
  if (precision === 'unknown') return { date: null };
  const { year, month, day } = parts;
  if (!year || year < 1950 || year > 9999) return { error: 'date_incomplete' };
  const m = precision === 'year' ? 1 : month;
  const d = precision === 'day' ? day : 1;
  if (!m || m < 1 || m > 12 || !d || d < 1) return { error: 'date_incomplete' };
  const daysInMonth = new Date(Date.UTC(year, m, 0)).getUTCDate();
  if (d > daysInMonth) return { error: 'date_incomplete' };
  const date = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  // Compare only the part the reporter gave: "this month" is not in the future.
  const cut = precision === 'year' ? 4 : precision === 'month' ? 7 : 10;
  if (date.slice(0, cut) > today.slice(0, cut)) return { error: 'date_in_future' };
  return { date };
}
