// Request and response schemas of the staff side of intake: the triage inbox, replies to
// reporters, notifications. Sealed values travel as base64url envelopes and are opened in
// the browser with the organisation key; the server never sees them in plaintext.
import { z } from 'zod';
import { b64, key32, uuid } from './accounts.ts';
import {
  biasIndicator,
  datePrecision,
  incidentType,
  LIMITS,
  notReportedReason,
  oblast,
  onlinePlatform,
  perpetratorType,
  placeType,
  policeReported,
  policeResponse,
  reporterRole,
  reportStatus,
  REPORT_STATUSES,
  wish,
} from '../intake/report.ts';

/** A sealed message: a little larger than its text limit (UTF-8 is up to 4 bytes a char). */
const sealedMessage = b64(LIMITS.messageChars * 4 + 128).min(4);

/**
 * The coded answers as stored: the fields and types of `reportAnswers`, without its parsing
 * steps (de-duplication), because a response schema must be encodable and zod cannot run
 * a one-way transform backwards.
 */
export const storedAnswers = z.strictObject({
  reporterRole: reporterRole.nullable(),
  incidentTypes: z.array(incidentType),
  datePrecision,
  incidentDate: z.iso.date().nullable(),
  oblast: oblast.nullable(),
  city: z.string().nullable(),
  placeType: placeType.nullable(),
  onlinePlatform: onlinePlatform.nullable(),
  perpetratorTypes: z.array(perpetratorType),
  biasIndicators: z.array(biasIndicator),
  reportedToPolice: policeReported.nullable(),
  policeResponse: policeResponse.nullable(),
  notReportedReasons: z.array(notReportedReason),
  wishes: z.array(wish),
});

export const reportSummary = storedAnswers.extend({
  id: uuid,
  reference: z.string(),
  status: reportStatus,
  locale: z.enum(['ru', 'kk', 'en']),
  encryptedBy: z.enum(['server', 'browser']),
  assignedMemberId: uuid.nullable(),
  duplicateOf: uuid.nullable(),
  receivedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  fileCount: z.number().int(),
  messageCount: z.number().int(),
  /** Messages from the reporter newer than the last staff reply. */
  awaitingReply: z.boolean(),
});
export type ReportSummaryDto = z.infer<typeof reportSummary>;

export const reportListQuery = z.strictObject({
  status: z
    .union([reportStatus, z.literal('open')])
    .optional()
    .describe("'open' means new or in progress"),
  incidentType: incidentType.optional(),
  oblast: oblast.optional(),
  assigned: z
    .union([uuid, z.enum(['me', 'none'])])
    .optional()
    .describe('a member id, me, or none'),
  /** Received on or after this UTC date (YYYY-MM-DD). */
  from: z.iso.date().optional(),
  /** Received on or before this UTC date (YYYY-MM-DD). */
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** The receivedAt of the last report of the previous page. */
  before: z.iso.datetime().optional(),
});
export type ReportListQuery = z.input<typeof reportListQuery>;

export const reportList = z.strictObject({
  reports: z.array(reportSummary),
  /** Pass as `before` to get the next page; null on the last page. */
  next: z.iso.datetime().nullable(),
});

export const reportFile = z.strictObject({
  id: uuid,
  role: z.enum(['working', 'original']),
  originalOf: uuid.nullable(),
  messageId: uuid.nullable(),
  sealedFileKey: b64(256),
  sealedMeta: b64(2048),
  ciphertextBytes: z.number().int(),
  createdAt: z.iso.datetime(),
});

export const reportMessage = z.strictObject({
  id: uuid,
  author: z.enum(['reporter', 'staff']),
  authorMemberId: uuid.nullable(),
  sealedForOrg: sealedMessage,
  createdAt: z.iso.datetime(),
});
export type ReportMessageDto = z.infer<typeof reportMessage>;

export const reportDetail = z.strictObject({
  report: reportSummary,
  /** The record key sealed to the organisation key. */
  sealedRecordKey: b64(256),
  /** Details under the record key (DETAILS_CONTEXT); null when the reporter wrote none. */
  sealedDetails: b64(LIMITS.narrativeChars * 4 + 4 * LIMITS.detailChars * 4 + 1024).nullable(),
  /** Replies are sealed to this key as well as to the organisation. */
  reporterPublicKey: key32,
  files: z.array(reportFile),
  messages: z.array(reportMessage),
});
export type ReportDetailDto = z.infer<typeof reportDetail>;

export const reportIdParams = z.strictObject({ id: uuid });
export const reportFileParams = z.strictObject({ id: uuid, fileId: uuid });

export const TRIAGE_STATUSES = REPORT_STATUSES.filter((s) => s !== 'new');
export const changeReportStatus = z.strictObject({
  status: z.enum(['in_progress', 'accepted', 'duplicate', 'not_actionable', 'spam', 'closed']),
  /** Required when marking a duplicate: the report this one repeats. */
  duplicateOf: uuid.optional(),
});

export const assignReport = z.strictObject({
  /** The member to assign, or null to unassign. */
  memberId: uuid.nullable(),
});

export const replyToReporter = z.strictObject({
  /** The reply sealed to the organisation public key. */
  sealedForOrg: sealedMessage,
  /** The same reply sealed to the reporter public key. */
  sealedForReporter: sealedMessage,
});

export const NOTIFICATION_KINDS = [
  'report_received',
  'reporter_message',
  // Cases (src/common/api/cases.ts): they name a case, a task or a referral instead.
  'case_assigned',
  'task_due',
  'contact_overdue',
  'referral_received',
  'referral_decided',
  // Evidence (src/common/api/evidence.ts): stored ciphertext failed its integrity check.
  'evidence_integrity',
] as const;
export const notification = z.strictObject({
  id: uuid,
  kind: z.enum(NOTIFICATION_KINDS),
  reportId: uuid.nullable(),
  reportReference: z.string().nullable(),
  /** The case of a case, task or referral notification, when it is this organisation's. */
  caseId: uuid.nullable(),
  caseReference: z.string().nullable(),
  taskId: uuid.nullable(),
  referralId: uuid.nullable(),
  /** The evidence item of an `evidence_integrity` notification. */
  evidenceItemId: uuid.nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export const notificationList = z.strictObject({
  notifications: z.array(notification),
  unread: z.number().int(),
});
export const markNotificationsRead = z.strictObject({
  /** Mark these; omit to mark all as read. */
  ids: z.array(uuid).max(500).optional(),
});

export const notificationEmail = z.strictObject({
  /** Where to send a content-free "new report" e-mail; null turns e-mails off. */
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()).nullable(),
});
