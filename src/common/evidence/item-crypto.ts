// Keys and sealed values of evidence items, the same code in the browser, the CLI and the
// server's capture (which holds an item key only for the length of one request).
//
//   record key (incident or case) ──seals──▶ item key ──seals──▶ file key ──stream──▶ blob
//                                              └──seals──▶ item meta (JSON)
//
// Every envelope is bound to its table, column and id (sealedContext), so a database
// insider cannot swap a key or a meta value between items or files.
import { z } from 'zod';
import {
  decryptField,
  decryptFieldText,
  encryptField,
  generateSymmetricKey,
} from '../crypto/envelope.ts';
import { sealedContext } from '../records/contexts.ts';
import { EVIDENCE_FILE_ROLES } from './vocabulary.ts';

export function generateItemKey(): Uint8Array {
  return generateSymmetricKey();
}

export function generateFileKey(): Uint8Array {
  return generateSymmetricKey();
}

export function sealItemKey(recordKey: Uint8Array, itemId: string, itemKey: Uint8Array) {
  return encryptField(
    recordKey,
    itemKey,
    sealedContext('evidence_items', 'sealed_item_key', itemId),
  );
}

export function openItemKey(recordKey: Uint8Array, itemId: string, sealed: Uint8Array) {
  return decryptField(
    recordKey,
    sealed,
    sealedContext('evidence_items', 'sealed_item_key', itemId),
  );
}

export function sealFileKey(itemKey: Uint8Array, fileId: string, fileKey: Uint8Array) {
  return encryptField(itemKey, fileKey, sealedContext('evidence_files', 'sealed_file_key', fileId));
}

export function openFileKey(itemKey: Uint8Array, fileId: string, sealed: Uint8Array) {
  return decryptField(itemKey, sealed, sealedContext('evidence_files', 'sealed_file_key', fileId));
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** One file of an item, as the sealed meta describes it. */
export const sealedFileInfoSchema = z.strictObject({
  fileId: z.uuid(),
  role: z.enum(EVIDENCE_FILE_ROLES),
  /** SHA-256 of the plaintext, lowercase hex. */
  sha256: hex64,
  /** Plaintext size in bytes. */
  size: z.number().int().nonnegative(),
  /** Detected from the content (never from the name); `application/octet-stream` if unknown. */
  mediaType: z.string().max(255),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type SealedFileInfo = z.infer<typeof sealedFileInfoSchema>;

/** What a web capture recorded besides its files (also in its capture_metadata file). */
export const captureInfoSchema = z.strictObject({
  requestedUrl: z.string().max(8192),
  finalUrl: z.string().max(8192),
  /** HTTP status of the final response. */
  status: z.number().int(),
  /** The redirect chain, first request first (the final URL excluded). */
  redirects: z.array(z.strictObject({ url: z.string().max(8192), status: z.number().int() })),
  /** Response headers of the final response, names lower-cased. */
  headers: z.record(z.string(), z.string()),
  /** The server's certificate chain, leaf first, PEM; empty for http:// or when unavailable. */
  tlsChainPem: z.array(z.string()),
  /** Whether the browser accepted the TLS certificate (null for http://). */
  tlsValid: z.boolean().nullable(),
  capturedAt: z.iso.datetime(),
  /** The page's title as rendered. */
  title: z.string().max(2048),
  browserVersion: z.string().max(255),
  userAgent: z.string().max(1024),
  viewport: z.strictObject({ width: z.number().int(), height: z.number().int() }),
});
export type CaptureInfo = z.infer<typeof captureInfoSchema>;

/** Everything about an item that only the organisation may read. */
export const sealedItemMetaSchema = z.strictObject({
  /** A short label staff give the item ("Screenshot of the threat in WhatsApp"). */
  title: z.string().max(500),
  /** Where and how it was obtained, who gave it, what it shows. */
  description: z.string().max(20_000),
  /** The original file name, cleaned (src/common/evidence/file-name.ts); '' for a capture. */
  originalName: z.string().max(255),
  /** The type the browser or the name claimed; compared with the detected one. */
  declaredType: z.string().max(255),
  /** True when the content's type does not match the name's extension or declared type. */
  typeMismatch: z.boolean(),
  /** When the collector says the material was obtained (ISO date or date-time), if known. */
  obtainedAt: z.string().max(40).nullable(),
  files: z.array(sealedFileInfoSchema).min(1),
  capture: captureInfoSchema.optional(),
  /** The exact text of the hash manifest (hash-manifest.ts) whose digest is timestamped. */
  hashManifest: z.string().max(100_000),
});
export type SealedItemMeta = z.infer<typeof sealedItemMetaSchema>;

export function sealItemMeta(itemKey: Uint8Array, itemId: string, meta: SealedItemMeta) {
  const value = sealedItemMetaSchema.parse(meta);
  return encryptField(
    itemKey,
    JSON.stringify(value),
    sealedContext('evidence_items', 'sealed_meta', itemId),
  );
}

export function openItemMeta(itemKey: Uint8Array, itemId: string, sealed: Uint8Array) {
  const text = decryptFieldText(
    itemKey,
    sealed,
    sealedContext('evidence_items', 'sealed_meta', itemId),
  );
  return sealedItemMetaSchema.parse(JSON.parse(text));
}
