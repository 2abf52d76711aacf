// manifest.json of an evidence package: what the ZIP holds, item by item, with the
// SHA-256 and size of every entry, so that a verifier (ours, or an expert with sha256sum
// and openssl) can re-check each byte. Entry paths are made only from item numbers, item
// ids, file roles and an extension chosen from the detected media type: a name somebody
// typed (the original file name, a title) is data inside this file, never a path.
import { z } from 'zod';
import { locale } from '../../api/accounts.ts';
import { custodyEntry } from '../../api/evidence.ts';
import { captureInfoSchema } from '../item-crypto.ts';
import { EVIDENCE_FILE_ROLES, EVIDENCE_KINDS, type EvidenceFileRole } from '../vocabulary.ts';

export const PACKAGE_FORMAT = 'qorgan-evidence-package/1';
export const MANIFEST_PATH = 'manifest.json';
export const SUMMARY_PATH = 'summary.pdf';
export const README_PATH = 'README.txt';
export const CHECKSUMS_PATH = 'SHA256SUMS';

/** At most this many items in one package (as many as one export record may name). */
export const MAX_PACKAGE_ITEMS = 1000;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/**
 * A path inside the package: segments of letters, digits, '.', '_' and '-', each starting
 * with a letter or digit (so never '..' or a hidden file), separated by '/'.
 */
export const packagePath = z
  .string()
  .max(200)
  .regex(
    /^(?:[a-z0-9][a-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'not a path this package format makes',
  );

const size = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A file of the package that is not an item file. */
export const packageFileSchema = z.strictObject({
  path: packagePath,
  /** summary: the PDF; readme: how to verify; checksums: SHA256SUMS; tsa_ca: a CA certificate. */
  role: z.enum(['summary', 'readme', 'checksums', 'tsa_ca']),
  sha256: hex64,
  size,
  mediaType: z.string().max(255),
  /** For a CA certificate: SHA-256 of its DER encoding, the fingerprint people compare. */
  certificateSha256: hex64.optional(),
  /** For a CA certificate: its subject, e.g. `CN=Example TSA CA`. */
  certificateSubject: z.string().max(1000).optional(),
});
export type PackageFile = z.infer<typeof packageFileSchema>;

export const packageItemFileSchema = z.strictObject({
  fileId: z.uuid(),
  role: z.enum(EVIDENCE_FILE_ROLES),
  path: packagePath,
  /** SHA-256 of the file's bytes (the plaintext), lowercase hex. */
  sha256: hex64,
  size,
  /** Detected from the content when the file was collected. */
  mediaType: z.string().max(255),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type PackageItemFile = z.infer<typeof packageItemFileSchema>;

export const packageTimestampSchema = z.strictObject({
  /**
   * A DER TimeStampResp (RFC 3161, status granted) whose token stamps SHA-256 of the
   * item's hash-manifest.json: `openssl ts -verify -in` reads it as it is.
   */
  path: packagePath,
  sha256: hex64,
  size,
  genTime: z.iso.datetime(),
  tsaUrl: z.string().max(8192),
  /** The token's serial number, lowercase hex, when known. */
  serialNumber: z.string().max(200).nullable(),
});
export type PackageTimestamp = z.infer<typeof packageTimestampSchema>;

export const packageItemSchema = z.strictObject({
  /** 1, 2, 3… in the order of the package; also the NN of its folder. */
  number: z.number().int().positive(),
  id: z.uuid(),
  kind: z.enum(EVIDENCE_KINDS),
  /** The item's folder, e.g. `items/01-<id>/`. */
  directory: z.string().regex(/^items\/[0-9]{2,4}-[0-9a-f-]{36}\/$/, 'not an item folder'),
  title: z.string().max(500),
  /** Staff notes on how the item was obtained; only when the exporter chose to include them. */
  description: z.string().max(20_000).nullable(),
  /** The original file name as collected (cleaned); data only, never used as a path. */
  originalName: z.string().max(255),
  declaredType: z.string().max(255),
  typeMismatch: z.boolean(),
  obtainedAt: z.string().max(40).nullable(),
  collectedAt: z.iso.datetime().nullable(),
  collectedBy: z.string().max(500).nullable(),
  /** The exact bytes whose SHA-256 the timestamp tokens stamp. */
  hashManifest: z.strictObject({ path: packagePath, sha256: hex64, size }),
  files: z.array(packageItemFileSchema).min(1).max(20),
  capture: captureInfoSchema.nullable(),
  timestamps: z.array(packageTimestampSchema).max(50),
  /** The item's custody-log entries when the package was made (from the audit chain). */
  custody: z.array(custodyEntry).max(100_000),
});
export type PackageItem = z.infer<typeof packageItemSchema>;

export const packageManifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  createdAt: z.iso.datetime(),
  createdBy: z.string().max(500),
  organisation: z.strictObject({ name: z.string().max(500) }),
  case: z.strictObject({ reference: z.string().max(200), title: z.string().max(2000) }),
  /** The language of summary.pdf and README.txt. */
  language: locale,
  generator: z.string().max(200),
  /** Package files other than the items', and other than manifest.json itself. */
  files: z.array(packageFileSchema).max(100),
  items: z.array(packageItemSchema).min(1).max(MAX_PACKAGE_ITEMS),
});
export type PackageManifest = z.infer<typeof packageManifestSchema>;

// ---- entry names ------------------------------------------------------------------------

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif',
  'image/tiff': 'tif',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'video/x-matroska': 'mkv',
  'video/3gpp': '3gp',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/opus': 'opus',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'aac',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/flac': 'flac',
  'audio/amr': 'amr',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/x-7z-compressed': '7z',
  'application/x-rar-compressed': 'rar',
  'application/vnd.rar': 'rar',
  'application/gzip': 'gz',
  'application/json': 'json',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/rtf': 'rtf',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/html': 'html',
  'application/xhtml+xml': 'xhtml',
  'multipart/related': 'mhtml',
  'application/x-mimearchive': 'mhtml',
  'message/rfc822': 'eml',
};

/** What a capture's parts are, whatever their recorded type. */
const ROLE_EXTENSIONS: Partial<Record<EvidenceFileRole, string>> = {
  html: 'html',
  mhtml: 'mhtml',
  capture_metadata: 'json',
};

/** The extension of a file in the package, from its role and detected media type only. */
export function extensionFor(role: EvidenceFileRole, mediaType: string): string {
  const base = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return ROLE_EXTENSIONS[role] ?? EXTENSIONS[base] ?? 'bin';
}

/** `01`, `02`… (three or four digits when the package has that many items). */
export function itemNumberLabel(number: number, itemCount: number): string {
  return String(number).padStart(Math.max(2, String(itemCount).length), '0');
}

/** The folder of an item: `items/<NN>-<itemId>/`. */
export function itemDirectory(number: number, itemCount: number, itemId: string): string {
  const id = z.uuid().parse(itemId);
  return `items/${itemNumberLabel(number, itemCount)}-${id.toLowerCase()}/`;
}

export function itemFilePath(directory: string, role: EvidenceFileRole, mediaType: string): string {
  return `${directory}${role}.${extensionFor(role, mediaType)}`;
}

export const hashManifestPath = (directory: string) => `${directory}hash-manifest.json`;
export const timestampPath = (directory: string, k: number) => `${directory}timestamp-${k}.tsr`;
export const tsaCaPath = (k: number) => `tsa/ca-${k}.pem`;
