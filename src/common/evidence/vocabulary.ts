// The fixed words of the evidence vault, shared by the server, the browser and the CLI.

/** What an item is: an uploaded file (with its derived copies) or a web capture. */
export const EVIDENCE_KINDS = ['file', 'capture'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * The files an item is made of.
 * - `original`: the evidentiary file exactly as collected; never altered.
 * - `working`: an image re-encoded without metadata, for viewing and sharing.
 * - `thumbnail`: a small copy of the working copy (or of a capture's screenshot).
 * - `screenshot`, `html`, `mhtml`, `capture_metadata`: the parts of a web capture.
 */
export const EVIDENCE_FILE_ROLES = [
  'original',
  'working',
  'thumbnail',
  'screenshot',
  'html',
  'mhtml',
  'capture_metadata',
] as const;
export type EvidenceFileRole = (typeof EVIDENCE_FILE_ROLES)[number];

/** Roles an uploaded file item may have (a capture's roles come from the server). */
export const UPLOAD_FILE_ROLES = ['original', 'working', 'thumbnail'] as const;
export type UploadFileRole = (typeof UPLOAD_FILE_ROLES)[number];

/** What the parent of an item is. */
export const EVIDENCE_PARENT_TYPES = ['incident', 'case'] as const;
export type EvidenceParentType = (typeof EVIDENCE_PARENT_TYPES)[number];

/** Why a file's ciphertext is fetched; each is a custody-log entry of its own. */
export const ACCESS_PURPOSES = ['view', 'download', 'export', 'verify'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

/** Outcome of the server's periodic re-check of the stored ciphertext. */
export const INTEGRITY_STATUSES = ['unchecked', 'intact', 'corrupt', 'missing'] as const;
export type IntegrityStatus = (typeof INTEGRITY_STATUSES)[number];

/**
 * The audit actions that make up an item's chain of custody. Every one names the item
 * (object type `evidence_item`, object id = item id) and, where a file is involved, the
 * file id, its role and the SHA-256 of its stored ciphertext (`fields`).
 */
export const CUSTODY_ACTIONS = [
  'evidence.uploaded',
  'evidence.captured',
  'evidence.viewed',
  'evidence.downloaded',
  'evidence.exported',
  'evidence.verified',
  'evidence.timestamped',
  'evidence.integrity_checked',
  'evidence.deleted',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** The audit action written when a file's ciphertext is fetched for a purpose. */
export const ACCESS_ACTION: Record<AccessPurpose, CustodyAction> = {
  view: 'evidence.viewed',
  download: 'evidence.downloaded',
  export: 'evidence.exported',
  verify: 'evidence.verified',
};
