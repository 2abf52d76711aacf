// Allow-lists what leaves the server about reports and notifications. A new column is not
// exposed until a line here names it; the response schemas in src/common/api/intake.ts
// check the rest. Sealed values leave only as base64url envelopes.
import type { z } from 'zod';
import type {
  notification,
  ReportDetailDto,
  reportFile,
  ReportMessageDto,
  ReportSummaryDto,
} from '../../../../common/api/intake.ts';
import { toB64 } from '../../../../common/crypto/encoding.ts';
import type { NotificationRow } from './notifications.repository.ts';
import type { ReportFileRow, ReportMessageRow, ReportSummaryRow } from './triage.repository.ts';

// The database's check constraints hold these columns to the contract's codes; the
// response schema is the second guard.
type S = ReportSummaryDto;

export function presentReportSummary(row: ReportSummaryRow): ReportSummaryDto {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as S['status'],
    locale: row.locale as S['locale'],
    encryptedBy: row.encrypted_by as S['encryptedBy'],
    reporterRole: row.reporter_role as S['reporterRole'],
    incidentTypes: row.incident_types as S['incidentTypes'],
    datePrecision: row.date_precision as S['datePrecision'],
    incidentDate: row.incident_date,
    oblast: row.oblast as S['oblast'],
    city: row.city,
    placeType: row.place_type as S['placeType'],
    onlinePlatform: row.online_platform as S['onlinePlatform'],
    perpetratorTypes: row.perpetrator_types as S['perpetratorTypes'],
    biasIndicators: row.bias_indicators as S['biasIndicators'],
    reportedToPolice: row.reported_to_police as S['reportedToPolice'],
    policeResponse: row.police_response as S['policeResponse'],
    notReportedReasons: row.not_reported_reasons as S['notReportedReasons'],
    wishes: row.wishes as S['wishes'],
    assignedMemberId: row.assigned_member_id,
    duplicateOf: row.duplicate_of,
    receivedAt: row.received_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    fileCount: Number(row.file_count ?? 0),
    messageCount: Number(row.message_count ?? 0),
    awaitingReply: Boolean(row.awaiting_reply),
  };
}

export function presentReportFile(row: ReportFileRow): z.infer<typeof reportFile> {
  return {
    id: row.id,
    role: row.role as 'working' | 'original',
    originalOf: row.original_of,
    messageId: row.message_id,
    sealedFileKey: toB64(row.sealed_file_key),
    sealedMeta: toB64(row.sealed_meta),
    ciphertextBytes: Number(row.ciphertext_bytes),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentReportMessage(row: ReportMessageRow): ReportMessageDto {
  return {
    id: row.id,
    author: row.author as ReportMessageDto['author'],
    authorMemberId: row.author_member_id,
    // Only the copy sealed to the organisation: the reporter's copy is for /return.
    sealedForOrg: toB64(row.sealed_for_org),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentReportDetail(detail: {
  summary: ReportSummaryRow;
  sealed: {
    sealed_record_key: Uint8Array;
    sealed_details: Uint8Array | null;
    reporter_public_key: Uint8Array;
  };
  files: ReportFileRow[];
  messages: ReportMessageRow[];
}): ReportDetailDto {
  return {
    report: presentReportSummary(detail.summary),
    sealedRecordKey: toB64(detail.sealed.sealed_record_key),
    sealedDetails: detail.sealed.sealed_details ? toB64(detail.sealed.sealed_details) : null,
    reporterPublicKey: toB64(detail.sealed.reporter_public_key),
    files: detail.files.map(presentReportFile),
    messages: detail.messages.map(presentReportMessage),
  };
}

export function presentNotification(row: NotificationRow): z.infer<typeof notification> {
  return {
    id: row.id,
    kind: row.kind as z.infer<typeof notification>['kind'],
    reportId: row.report_id,
    reportReference: row.report_reference,
    caseId: row.case_id,
    caseReference: row.case_reference,
    taskId: row.task_id,
    referralId: row.referral_id,
    evidenceItemId: row.evidence_item_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
