// Request and response schemas of the evidence API: resumable encrypted uploads, items
// (files and web captures) attached to an incident or a case, their ciphertext, chain of
// custody, trusted timestamps and integrity. docs/evidence.md tells the whole story.
//
// Routes:
//   POST   /api/evidence/uploads                       begin an upload          → 201 upload
//   GET    /api/evidence/uploads/:id                   how much arrived         → upload
//   HEAD   /api/evidence/uploads/:id                   the same, tus headers (Upload-Offset, Upload-Length)
//   PATCH  /api/evidence/uploads/:id                   append ciphertext        → 204, header Upload-Offset
//          Content-Type: application/offset+octet-stream; header Upload-Offset = current offset
//          (else 409 `upload_offset_mismatch` with the real offset); at most `maxSegmentBytes`.
//   DELETE /api/evidence/uploads/:id                   abandon                  → 204
//   POST   /api/evidence/items                         commit uploads as an item → 201 evidenceItem
//   GET    /api/evidence/items?incidentId=|caseId=     the items of a record    → evidenceList
//   GET    /api/evidence/items/:id                     one item                 → evidenceItem
//   DELETE /api/evidence/items/:id                     delete (admin)           → 204
//   GET    /api/evidence/files/:fileId/content?purpose=view|download|export|verify
//                                                      the stored ciphertext (application/octet-stream),
//                                                      one custody entry per fetch
//   POST   /api/evidence/items/:id/verifications       the browser's re-check   → 201 custodyEntry
//   POST   /api/evidence/exports                       an evidence package made → 201 { entries }
//   GET    /api/evidence/items/:id/custody             custody report           → custodyReport
//   POST   /api/evidence/items/:id/timestamps          stamp the manifest digest → 201 evidenceTimestamp,
//                                                      or 202 timestampPending when the authority failed
//                                                      (a background job keeps trying)
//   GET    /api/evidence/timestamp-authority           the configured TSA       → timestampAuthority
//   POST   /api/evidence/captures                      capture a public URL     → 201 evidenceItem
//
// Upload flow (browser or CLI): choose an item id and an item key; for each file (the
// original, and for an image a working copy and a thumbnail) choose a file id and a file
// key, stream-encrypt it (src/common/crypto/stream.ts) while hashing the plaintext, and send
// the ciphertext through an upload (src/common/evidence/upload-client.ts resumes after a
// broken connection). Then commit: the item key sealed under the parent's record key, each
// file key sealed under the item key, the sealed meta (names, types, plaintext hashes, the
// hash manifest) and the manifest digest. The server checks every upload is complete, that
// the SHA-256 of the ciphertext it received equals the one the browser computed, and that
// the bytes are shaped like a stream envelope; then it moves them into the blob store and
// writes the item in one transaction, or writes nothing.
import { z } from 'zod';
import { b64, uuid } from './accounts.ts';
import {
  ACCESS_PURPOSES,
  EVIDENCE_FILE_ROLES,
  EVIDENCE_KINDS,
  INTEGRITY_STATUSES,
  UPLOAD_FILE_ROLES,
} from '../evidence/vocabulary.ts';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const sealedKey = b64(256).min(4);
/** The sealed meta: names, plaintext hashes, capture metadata and the hash manifest text. */
const sealedMeta = b64(200_000).min(4);

/** Exactly one of incidentId and caseId. */
export const evidenceParent = z
  .strictObject({ incidentId: uuid.optional(), caseId: uuid.optional() })
  .refine((p) => (p.incidentId === undefined) !== (p.caseId === undefined), {
    message: 'name exactly one of incidentId and caseId',
  });
export type EvidenceParent = z.infer<typeof evidenceParent>;

/** An item, an upload or a capture named in the path. */
export const evidenceIdParams = z.strictObject({ id: uuid });
/** A file of an item named in the path. */
export const evidenceFileParams = z.strictObject({ fileId: uuid });

// ---- uploads --------------------------------------------------------------------------

export const beginUpload = z.strictObject({
  parent: evidenceParent,
  /** Total ciphertext bytes that will be sent (header + encrypted chunks). */
  length: z.number().int().positive(),
});

export const upload = z.strictObject({
  id: uuid,
  /** Bytes received and flushed to disk so far: the next PATCH starts here. */
  offset: z.number().int().nonnegative(),
  length: z.number().int().positive(),
  /** The largest body one PATCH may carry. */
  maxSegmentBytes: z.number().int().positive(),
  expiresAt: z.iso.datetime(),
});
export type Upload = z.infer<typeof upload>;

// ---- items ----------------------------------------------------------------------------

export const commitItem = z.strictObject({
  /** Chosen by the browser: the sealed values' contexts name it. */
  id: uuid,
  parent: evidenceParent,
  /** The item key sealed under the parent's record key (item-crypto.ts sealItemKey). */
  sealedItemKey: sealedKey,
  sealedMeta,
  /** SHA-256 of the hash manifest bytes (hash-manifest.ts), hex. */
  manifestDigest: hex64,
  files: z
    .array(
      z.strictObject({
        /** Chosen by the browser: the file key's context names it. */
        id: uuid,
        uploadId: uuid,
        role: z.enum(UPLOAD_FILE_ROLES),
        sealedFileKey: sealedKey,
        /** SHA-256 of the ciphertext as sent; the server compares it with what it received. */
        ciphertextSha256: hex64,
      }),
    )
    .min(1)
    .max(3)
    .refine((files) => files.some((f) => f.role === 'original'), {
      message: 'an item needs its original file',
    })
    .refine((files) => new Set(files.map((f) => f.role)).size === files.length, {
      message: 'each role at most once',
    }),
});
export type CommitItemRequest = z.input<typeof commitItem>;

export const evidenceFile = z.strictObject({
  id: uuid,
  role: z.enum(EVIDENCE_FILE_ROLES),
  sealedFileKey: sealedKey,
  ciphertextBytes: z.number().int().nonnegative(),
  ciphertextSha256: hex64,
});
export type EvidenceFile = z.infer<typeof evidenceFile>;

export const evidenceTimestamp = z.strictObject({
  id: uuid,
  /** The stamped digest, hex (the item's manifest digest). */
  digest: hex64,
  tsaUrl: z.string(),
  /** The DER TimeStampToken, base64url. */
  token: b64(64 * 1024),
  genTime: z.iso.datetime(),
  serialNumber: z.string(),
  /** The server's check of the token against the configured TSA certificates. */
  verified: z.boolean(),
});
export type EvidenceTimestamp = z.infer<typeof evidenceTimestamp>;

export const evidenceItem = z.strictObject({
  id: uuid,
  kind: z.enum(EVIDENCE_KINDS),
  incidentId: uuid.nullable(),
  caseId: uuid.nullable(),
  /** The parent's record key sealed to the organisation public key. */
  sealedRecordKey: sealedKey,
  sealedItemKey: sealedKey,
  sealedMeta,
  manifestDigest: hex64.nullable(),
  collectedBy: uuid.nullable(),
  collectedByName: z.string().nullable(),
  collectedAt: z.iso.datetime(),
  integrityStatus: z.enum(INTEGRITY_STATUSES),
  integrityCheckedAt: z.iso.datetime().nullable(),
  files: z.array(evidenceFile),
  timestamps: z.array(evidenceTimestamp),
});
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const evidenceListQuery = z
  .strictObject({ incidentId: uuid.optional(), caseId: uuid.optional() })
  .refine((p) => (p.incidentId === undefined) !== (p.caseId === undefined), {
    message: 'name exactly one of incidentId and caseId',
  });

export const evidenceList = z.strictObject({
  /** The parent's record key sealed to the organisation public key. */
  sealedRecordKey: sealedKey,
  items: z.array(evidenceItem),
});

export const fileContentQuery = z.strictObject({
  purpose: z.enum(ACCESS_PURPOSES),
});

// ---- custody --------------------------------------------------------------------------

/** One audit-chain event about an item. */
export const custodyEntry = z.strictObject({
  seq: z.number().int(),
  at: z.iso.datetime(),
  action: z.string(),
  actorMemberId: uuid.nullable(),
  actorName: z.string().nullable(),
  fileId: uuid.nullable(),
  role: z.enum(EVIDENCE_FILE_ROLES).nullable(),
  /** SHA-256 of the stored ciphertext the event concerned, hex. */
  ciphertextSha256: hex64.nullable(),
  /** Other recorded fields (purpose, result, package digest…). */
  fields: z.record(z.string(), z.unknown()),
  /** This event's link in the audit hash chain, hex. */
  hash: hex64,
  prevHash: hex64,
});
export type CustodyEntry = z.infer<typeof custodyEntry>;

export const custodyReport = z.strictObject({
  itemId: uuid,
  entries: z.array(custodyEntry),
  /** Whether the whole audit chain verified when the report was made. */
  chainIntact: z.boolean(),
  generatedAt: z.iso.datetime(),
});
export type CustodyReport = z.infer<typeof custodyReport>;

/** The browser decrypted every file, recomputed the hashes and checked the timestamps. */
export const recordVerification = z.strictObject({
  result: z.enum(['pass', 'fail']),
  /** Short machine codes of what failed, e.g. `original_hash_mismatch`. */
  failures: z.array(z.string().max(100)).max(50).default([]),
});

/** An evidence package was assembled in the browser (or by the CLI) from these items. */
export const recordExport = z.strictObject({
  caseId: uuid.nullable().default(null),
  itemIds: z.array(uuid).min(1).max(1000),
  /** SHA-256 of the package's manifest.json, hex. */
  packageManifestSha256: hex64,
});

/** What recording an export gives back: the custody entry written for each item. */
export const recordExportResult = z.strictObject({
  entries: z.array(custodyEntry),
});

// ---- trusted time ---------------------------------------------------------------------

export const requestTimestamp = z.strictObject({
  /** Must equal the item's manifest digest. */
  digest: hex64,
});

/** 202: the authority did not give a good token now; a background job keeps trying. */
export const timestampPending = z.strictObject({
  pending: z.literal(true),
  /** Why the attempt failed: tsa_unreachable, tsa_timeout, tsa_http_error, tsa_bad_response,
   * tsa_rejected or tsa_token_invalid. */
  reason: z.string(),
});
export type TimestampPending = z.infer<typeof timestampPending>;

export const timestampAuthority = z.strictObject({
  configured: z.boolean(),
  url: z.string().nullable(),
  /** The certificates a token is checked against (the TSA's CA), PEM. */
  caCertificatesPem: z.array(z.string()),
});

// ---- web capture ----------------------------------------------------------------------

export const createCapture = z.strictObject({
  /** Chosen by the browser: the sealed values' contexts name it. */
  id: uuid,
  parent: evidenceParent,
  url: z
    .string()
    .trim()
    .max(8192)
    .refine((u) => /^https?:\/\//i.test(u), { message: 'enter an http:// or https:// address' }),
  /** A short label for the item. */
  title: z.string().max(500).default(''),
  /**
   * The item key, raw, base64url. The server needs it only while it encrypts what it
   * captured (it sees the public page anyway) and keeps no copy; the browser keeps the
   * sealed copy below.
   */
  itemKey: b64(32).length(43, 'must be a 32-byte key in base64url'),
  /** The same item key sealed under the parent's record key. */
  sealedItemKey: sealedKey,
});
