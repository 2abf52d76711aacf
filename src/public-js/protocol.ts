// The browser side of the public form protocol (intake brief, "Public form protocol").
// The limits and the details context are copies of src/common/intake/report.ts: importing
// that module would bring zod (about 100 kB) into a script that a reporter on a slow phone
// connection downloads. e2e/public-js.test.ts checks that the copies still match.

/** The AAD context of the sealed report details (DETAILS_CONTEXT). */
export const DETAILS_CONTEXT = 'qorgan:report-details:v1';

/** LIMITS.filesPerSubmission: working copies per form. */
export const FILES_PER_SUBMISSION = 10;
/** LIMITS.fileNameChars */
export const FILE_NAME_CHARS = 255;
/** LIMITS.messageChars */
export const MESSAGE_CHARS = 10_000;
/** LIMITS.cityChars */
export const CITY_CHARS = 80;

/**
 * The sealed text fields of the report form: form name → key in the sealed details JSON
 * (reportDetails), with its limit in characters. The order is the order of reportDetails.
 */
export const SEALED_REPORT_FIELDS = [
  { name: 'narrative', key: 'narrative', max: 20_000 },
  { name: 'contact', key: 'contact', max: 1_000 },
  { name: 'exact_place', key: 'exactPlace', max: 2_000 },
  { name: 'bias_details', key: 'biasDetails', max: 2_000 },
  { name: 'police_details', key: 'policeDetails', max: 2_000 },
] as const;

/** Fields that never leave the browser in plaintext when it encrypts. */
export const REPORT_PLAINTEXT_ONLY = new Set([
  ...SEALED_REPORT_FIELDS.map((f) => f.name),
  'keep_metadata',
  'files',
]);
export const MESSAGE_PLAINTEXT_ONLY = new Set(['body', 'keep_metadata', 'files']);

/** The names the browser-encrypted variant adds; a page must not already use them. */
export const ENCRYPTED_FIELD_NAMES = new Set([
  'encrypted_by',
  'sealed_record_key',
  'sealed_details',
  'sealed_for_org',
  'sealed_for_reporter',
  'file_key',
  'file_meta',
  'file_role',
  'file_original_of',
  'encrypted_file',
]);

/** What a form is: the report form, or the reporter's message form on /return/report. */
export type FormKind = 'report' | 'message';
