// Allow-listed shapes of what the evidence API sends. Sealed values go out as base64url
// envelopes, hashes as lowercase hex; nothing else of a row leaves.
import type { z } from 'zod';
import type {
  CustodyEntry,
  EvidenceFile,
  EvidenceItem,
  EvidenceTimestamp,
  upload as uploadSchema,
} from '../../../common/api/evidence.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import type {
  EvidenceFileRole,
  EvidenceKind,
  IntegrityStatus,
} from '../../../common/evidence/vocabulary.ts';
import { EVIDENCE_FILE_ROLES } from '../../../common/evidence/vocabulary.ts';
import type { AuditRow } from '../audit/audit.repository.ts';
import type { FileRow, ItemRow, TimestampRow } from './items.repository.ts';
import type { UploadRow } from './uploads.repository.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export function presentUpload(
  row: UploadRow,
  offset: number,
  maxSegmentBytes: number,
): z.infer<typeof uploadSchema> {
  return {
    id: row.id,
    offset,
    length: row.length,
    maxSegmentBytes,
    expiresAt: row.expires_at.toISOString(),
  };
}

export function presentFile(row: FileRow): EvidenceFile {
  return {
    id: row.id,
    role: row.role as EvidenceFileRole,
    sealedFileKey: toB64(row.sealed_file_key),
    ciphertextBytes: Number(row.ciphertext_bytes),
    ciphertextSha256: hex(row.ciphertext_sha256),
  };
}

export function presentTimestamp(row: TimestampRow, verified: boolean): EvidenceTimestamp {
  return {
    id: row.id,
    digest: hex(row.digest),
    tsaUrl: row.tsa_url,
    token: toB64(row.token),
    genTime: row.gen_time.toISOString(),
    serialNumber: row.serial_number,
    verified,
  };
}

export function presentItem(view: {
  item: ItemRow;
  sealedRecordKey: Uint8Array;
  files: readonly FileRow[];
  timestamps: readonly { row: TimestampRow; verified: boolean }[];
}): EvidenceItem {
  const { item } = view;
  return {
    id: item.id,
    kind: item.kind as EvidenceKind,
    incidentId: item.incident_id,
    caseId: item.case_id,
    sealedRecordKey: toB64(view.sealedRecordKey),
    sealedItemKey: toB64(item.sealed_item_key),
    sealedMeta: toB64(item.sealed_meta),
    manifestDigest: item.manifest_digest ? hex(item.manifest_digest) : null,
    collectedBy: item.collected_by,
    // Member names are sealed; the browser names the member from the members list.
    collectedByName: null,
    collectedAt: item.collected_at.toISOString(),
    integrityStatus: item.integrity_status as IntegrityStatus,
    integrityCheckedAt: item.integrity_checked_at?.toISOString() ?? null,
    files: view.files.map(presentFile),
    timestamps: view.timestamps.map((t) => presentTimestamp(t.row, t.verified)),
  };
}

const HEX64 = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One audit event about an item, as the custody report lists it. */
export function presentCustodyEntry(row: AuditRow): CustodyEntry {
  const fields: Record<string, unknown> =
    row.fields !== null && typeof row.fields === 'object' && !Array.isArray(row.fields)
      ? { ...row.fields }
      : {};
  const fileId =
    typeof fields.fileId === 'string' && UUID.test(fields.fileId) ? fields.fileId : null;
  const role =
    typeof fields.role === 'string' &&
    (EVIDENCE_FILE_ROLES as readonly string[]).includes(fields.role)
      ? (fields.role as EvidenceFileRole)
      : null;
  const sha =
    typeof fields.ciphertextSha256 === 'string' && HEX64.test(fields.ciphertextSha256)
      ? fields.ciphertextSha256
      : null;
  delete fields.fileId;
  delete fields.role;
  delete fields.ciphertextSha256;
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    action: row.action,
    actorMemberId: row.actor_member_id,
    actorName: null,
    fileId,
    role,
    ciphertextSha256: sha,
    fields,
    hash: hex(row.hash),
    prevHash: hex(row.prev_hash),
  };
}
