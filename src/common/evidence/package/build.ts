// Assembles an evidence package (a ZIP) from items the member has already decrypted, in
// the browser or the CLI — never on the server, which must not hold plaintext. Files are
// streamed: each is read from the caller's source chunk by chunk, hashed as it passes,
// and written into the ZIP as it is read, so memory stays flat at any file size. A file
// whose bytes do not match the SHA-256 and size recorded in its sealed meta fails the
// whole package: what leaves this function always verifies.
//
// Layout (every name made from numbers, ids, roles and detected types only):
//   manifest.json  README.txt  summary.pdf  SHA256SUMS  tsa/ca-<k>.pem
//   items/<NN>-<itemId>/<role>.<ext>  hash-manifest.json  timestamp-<k>.tsr
import { Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js';
import type { Locale } from '../../api/accounts.ts';
import type { CustodyEntry } from '../../api/evidence.ts';
import { loadSodium } from '../../crypto/sodium.ts';
import { decodeHashManifest } from '../hash-manifest.ts';
import { sealedItemMetaSchema, type SealedFileInfo, type SealedItemMeta } from '../item-crypto.ts';
import type { EvidenceKind } from '../vocabulary.ts';
import { certificateSubject } from './certificates.ts';
import {
  createSha256,
  derToPem,
  encodeUtf8,
  iterate,
  pemCertificatesDer,
  sha256Hex,
  timestampResponseFromToken,
  type ByteSource,
} from './bytes.ts';
import {
  CHECKSUMS_PATH,
  MANIFEST_PATH,
  MAX_PACKAGE_ITEMS,
  PACKAGE_FORMAT,
  README_PATH,
  SUMMARY_PATH,
  hashManifestPath,
  itemDirectory,
  itemFilePath,
  packageManifestSchema,
  timestampPath,
  tsaCaPath,
  type PackageFile,
  type PackageItem,
  type PackageManifest,
} from './manifest.ts';
import { renderReadme } from './readme.ts';
import { renderPackageSummaryPdf } from './summary-pdf.ts';

export interface PackageTimestampInput {
  /** The DER TimeStampToken as stored (evidence_timestamps). */
  token: Uint8Array;
  genTime: string | Date;
  tsaUrl: string;
  serialNumber?: string | null;
}

export interface PackageItemInput {
  id: string;
  kind: EvidenceKind;
  /** The decrypted sealed meta (item-crypto.ts openItemMeta). */
  meta: SealedItemMeta;
  /**
   * The hash-manifest bytes the timestamps cover; when left out, `meta.hashManifest`
   * encoded as UTF-8 (which it must equal when given).
   */
  hashManifest?: Uint8Array;
  /** When and by whom the item was collected (the item's collectedAt / collectedByName). */
  collectedAt?: string | Date | null;
  collectedBy?: string | null;
  timestamps: PackageTimestampInput[];
  /** The item's custody report entries. */
  custody: CustodyEntry[];
  /**
   * The plaintext of one of the item's files (one of `meta.files`), decrypted as it is
   * read. Called once per file, when the builder reaches it.
   */
  openFile: (file: SealedFileInfo) => ByteSource | Promise<ByteSource>;
}

export interface BuildEvidencePackageOptions {
  organisationName: string;
  caseReference: string;
  caseTitle: string;
  /** The language of summary.pdf and README.txt (README also has English). */
  locale: Locale;
  /** The member making the package, as the package should name them. */
  createdBy: string;
  createdAt: Date;
  /** In package order; at least one. */
  items: PackageItemInput[];
  /** The TSA CA certificates the instance trusts (timestampAuthority.caCertificatesPem). */
  tsaCaPem: string[];
  /** DejaVu Sans regular and bold (TTF bytes), as for the case-file PDF. */
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** Include staff notes (the sealed description) in manifest.json and summary.pdf. */
  includeDescriptions?: boolean;
  /** The zone summary.pdf prints times in; UTC by default. */
  timeZone?: string;
  /** Write Zip64 records even where they are not needed (they always are past 4 GiB). */
  zip64?: boolean;
}

export interface EvidencePackage {
  /** The ZIP, produced as it is read; it errors if a file fails its recorded hash. */
  stream: ReadableStream<Uint8Array>;
  /** What manifest.json says (already final before the first byte is read). */
  manifest: PackageManifest;
  /** SHA-256 of manifest.json, hex: what the export record (recordExport) names. */
  manifestSha256: string;
  /** A file name for the download, e.g. `evidence-C-7KQ3-2026-11-24.zip`. */
  fileName: string;
  /** Resolves when the last byte has been read: the ZIP's size and SHA-256. */
  done: Promise<{ bytes: number; sha256: string }>;
}

/** The input cannot make a package that verifies; nothing was written. */
export class PackageBuildError extends Error {
  override name = 'PackageBuildError';
}

const MAX_TOKEN_BYTES = 64 * 1024;

interface PreparedItem {
  input: PackageItemInput;
  entry: PackageItem;
  hashManifest: Uint8Array;
  tokens: Uint8Array[];
  files: { info: SealedFileInfo; path: string }[];
}

function label(number: number, id: string) {
  return `item ${number} (${id})`;
}

function iso(value: string | Date): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new PackageBuildError(`not a date: ${String(value)}`);
  return date.toISOString();
}

function prepareItem(
  input: PackageItemInput,
  number: number,
  count: number,
  options: BuildEvidencePackageOptions,
): PreparedItem {
  const name = label(number, input.id);
  const parsed = sealedItemMetaSchema.safeParse(input.meta);
  if (!parsed.success) throw new PackageBuildError(`${name}: its sealed meta is not valid`);
  const meta = parsed.data;
  const hashManifest = input.hashManifest ?? encodeUtf8(meta.hashManifest);
  if (new TextDecoder().decode(hashManifest) !== meta.hashManifest)
    throw new PackageBuildError(
      `${name}: the hash manifest differs from the one in its sealed meta`,
    );
  let decoded;
  try {
    decoded = decodeHashManifest(hashManifest);
  } catch {
    throw new PackageBuildError(`${name}: its hash manifest is not valid`);
  }
  if (decoded.itemId !== input.id || decoded.kind !== input.kind)
    throw new PackageBuildError(`${name}: its hash manifest names another item`);
  const key = (f: { role: string; sha256: string; size: number; mediaType: string }) =>
    `${f.role} ${f.sha256} ${f.size} ${f.mediaType}`;
  const listed = decoded.files.map(key).sort().join('\n');
  if (listed !== meta.files.map(key).sort().join('\n'))
    throw new PackageBuildError(`${name}: its hash manifest lists other files than its meta`);
  if (new Set(meta.files.map((f) => f.role)).size !== meta.files.length)
    throw new PackageBuildError(`${name}: two files have the same role`);

  const directory = itemDirectory(number, count, input.id);
  const files = meta.files.map((info) => ({
    info,
    path: itemFilePath(directory, info.role, info.mediaType),
  }));
  // Shipped as TimeStampResp files (.tsr), which standard tools read as they are.
  const tokens = input.timestamps.map((t, k) => {
    if (t.token.length === 0 || t.token.length > MAX_TOKEN_BYTES)
      throw new PackageBuildError(`${name}: timestamp ${k + 1} is not a token`);
    return timestampResponseFromToken(t.token);
  });
  const entry: PackageItem = {
    number,
    id: input.id.toLowerCase(),
    kind: input.kind,
    directory,
    title: meta.title,
    description: options.includeDescriptions ? meta.description : null,
    originalName: meta.originalName,
    declaredType: meta.declaredType,
    typeMismatch: meta.typeMismatch,
    obtainedAt: meta.obtainedAt,
    collectedAt: input.collectedAt ? iso(input.collectedAt) : null,
    collectedBy: input.collectedBy ?? null,
    hashManifest: {
      path: hashManifestPath(directory),
      sha256: sha256Hex(hashManifest),
      size: hashManifest.length,
    },
    files: files.map(({ info, path }) => ({
      fileId: info.fileId,
      role: info.role,
      path,
      sha256: info.sha256,
      size: info.size,
      mediaType: info.mediaType,
      ...(info.width !== undefined ? { width: info.width } : {}),
      ...(info.height !== undefined ? { height: info.height } : {}),
    })),
    capture: meta.capture ?? null,
    timestamps: input.timestamps.map((t, k) => ({
      path: timestampPath(directory, k + 1),
      sha256: sha256Hex(tokens[k] as Uint8Array),
      size: (tokens[k] as Uint8Array).length,
      genTime: iso(t.genTime),
      tsaUrl: t.tsaUrl,
      serialNumber: t.serialNumber ?? null,
    })),
    custody: input.custody,
  };
  return { input, entry, hashManifest, tokens, files };
}

/** Each certificate of the trusted PEM texts once, as its own PEM. */
function tsaCertificates(pems: string[]): { pem: Uint8Array; der: Uint8Array }[] {
  const seen = new Set<string>();
  const out: { pem: Uint8Array; der: Uint8Array }[] = [];
  for (const text of pems) {
    const ders = pemCertificatesDer(text);
    if (ders.length === 0) throw new PackageBuildError('a TSA CA certificate is not PEM');
    for (const der of ders) {
      const fingerprint = sha256Hex(der);
      if (seen.has(fingerprint)) continue;
      seen.add(fingerprint);
      out.push({ pem: encodeUtf8(derToPem(der)), der });
    }
  }
  return out;
}

function safeFileName(reference: string, createdAt: Date): string {
  const ref = reference
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `evidence-${ref || 'package'}-${createdAt.toISOString().slice(0, 10)}.zip`;
}

/**
 * Prepares the package (manifest, summary, checksums) and returns a stream that writes
 * the ZIP as it is read. Throws PackageBuildError before anything is streamed when the
 * input is inconsistent; the stream itself errors if a file's content does not match the
 * SHA-256 and size in its sealed meta.
 */
export async function buildEvidencePackage(
  options: BuildEvidencePackageOptions,
): Promise<EvidencePackage> {
  await loadSodium();
  const count = options.items.length;
  if (count === 0) throw new PackageBuildError('a package needs at least one item');
  if (count > MAX_PACKAGE_ITEMS)
    throw new PackageBuildError(`a package holds at most ${MAX_PACKAGE_ITEMS} items`);
  if (new Set(options.items.map((i) => i.id.toLowerCase())).size !== count)
    throw new PackageBuildError('an item is listed twice');
  const createdAt = new Date(options.createdAt.getTime());
  const items = options.items.map((input, i) => prepareItem(input, i + 1, count, options));
  const certificates = tsaCertificates(options.tsaCaPem);

  const base: Omit<PackageManifest, 'files'> = {
    format: PACKAGE_FORMAT,
    createdAt: createdAt.toISOString(),
    createdBy: options.createdBy,
    organisation: { name: options.organisationName },
    case: { reference: options.caseReference, title: options.caseTitle },
    language: options.locale,
    generator: 'Qorgan',
    items: items.map((i) => i.entry),
  };
  const readme = encodeUtf8(renderReadme(base));
  const summary = await renderPackageSummaryPdf({
    manifest: base,
    fonts: options.fonts,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const caFiles = certificates.map(({ pem, der }, k) => ({
    path: tsaCaPath(k + 1),
    bytes: pem,
    fingerprint: sha256Hex(der),
    subject: certificateSubject(der),
  }));

  // SHA256SUMS: every file but manifest.json and itself, in `sha256sum -c` format.
  const sums: [string, string][] = [
    [sha256Hex(readme), README_PATH],
    [sha256Hex(summary), SUMMARY_PATH],
    ...caFiles.map((f): [string, string] => [sha256Hex(f.bytes), f.path]),
    ...items.flatMap((item): [string, string][] => [
      ...item.entry.files.map((f): [string, string] => [f.sha256, f.path]),
      [item.entry.hashManifest.sha256, item.entry.hashManifest.path],
      ...item.entry.timestamps.map((t): [string, string] => [t.sha256, t.path]),
    ]),
  ];
  const checksums = encodeUtf8(sums.map(([hash, path]) => `${hash}  ${path}\n`).join(''));

  const packageFiles: PackageFile[] = [
    {
      path: README_PATH,
      role: 'readme',
      sha256: sha256Hex(readme),
      size: readme.length,
      mediaType: 'text/plain; charset=utf-8',
    },
    {
      path: SUMMARY_PATH,
      role: 'summary',
      sha256: sha256Hex(summary),
      size: summary.length,
      mediaType: 'application/pdf',
    },
    {
      path: CHECKSUMS_PATH,
      role: 'checksums',
      sha256: sha256Hex(checksums),
      size: checksums.length,
      mediaType: 'text/plain',
    },
    ...caFiles.map((f): PackageFile => ({
      path: f.path,
      role: 'tsa_ca',
      sha256: sha256Hex(f.bytes),
      size: f.bytes.length,
      mediaType: 'application/x-pem-file',
      certificateSha256: f.fingerprint,
      ...(f.subject ? { certificateSubject: f.subject } : {}),
    })),
  ];
  const manifest = packageManifestSchema.parse({ ...base, files: packageFiles });
  const manifestBytes = encodeUtf8(`${JSON.stringify(manifest, null, 2)}\n`);
  const manifestSha256 = sha256Hex(manifestBytes);

  const { stream, done } = writeZip(
    options,
    createdAt,
    [
      { path: MANIFEST_PATH, bytes: manifestBytes },
      { path: README_PATH, bytes: readme },
      { path: SUMMARY_PATH, bytes: summary },
      { path: CHECKSUMS_PATH, bytes: checksums },
      ...caFiles.map((f) => ({ path: f.path, bytes: f.bytes })),
    ],
    items,
  );
  return {
    stream,
    manifest,
    manifestSha256,
    fileName: safeFileName(options.caseReference, createdAt),
    done,
  };
}

/** A stream of `source` that fails unless it is exactly `size` bytes with SHA-256 `sha256`. */
function checked(
  source: ByteSource,
  file: SealedFileInfo,
  name: string,
  onFailure: (error: PackageBuildError) => void,
): ReadableStream<Uint8Array> {
  const chunks = iterate(source);
  // zip.js may wrap what a source throws: keep the precise reason for the caller.
  const fail = (message: string) => {
    const error = new PackageBuildError(`${name}: ${file.role} ${message}`);
    onFailure(error);
    return error;
  };
  const hash = createSha256();
  let length = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (!next.done) {
          length += next.value.length;
          if (length > file.size) throw fail('is longer than its recorded size');
          hash.update(next.value);
          controller.enqueue(next.value);
          return;
        }
        if (length !== file.size) throw fail('is shorter than its recorded size');
        if (hash.hex() !== file.sha256) throw fail('does not match its recorded SHA-256');
        controller.close();
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

function writeZip(
  options: BuildEvidencePackageOptions,
  createdAt: Date,
  small: { path: string; bytes: Uint8Array }[],
  items: PreparedItem[],
): { stream: ReadableStream<Uint8Array>; done: Promise<{ bytes: number; sha256: string }> } {
  const hash = createSha256();
  let total = 0;
  const pipe = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      hash.update(chunk);
      total += chunk.length;
      controller.enqueue(chunk);
    },
  });
  const out = pipe.writable.getWriter();
  let failure: unknown;
  // zip.js writes here; we keep the real writer so a failure can error the output.
  const sink = new WritableStream<Uint8Array>({
    write: (chunk) => out.write(chunk),
  });
  const zip = new ZipWriter(sink, {
    level: 0,
    useWebWorkers: false,
    lastModDate: createdAt,
    ...(options.zip64 ? { zip64: true } : {}),
  });

  const done = (async () => {
    try {
      for (const { path, bytes } of small)
        await zip.add(path, new Uint8ArrayReader(bytes), { dataDescriptor: false });
      for (const item of items) {
        const name = label(item.entry.number, item.entry.id);
        for (const { info, path } of item.files) {
          const source = await item.input.openFile(info);
          const stream = checked(source, info, name, (error) => (failure ??= error));
          await zip.add(path, stream, { uncompressedSize: info.size });
        }
        await zip.add(item.entry.hashManifest.path, new Uint8ArrayReader(item.hashManifest), {
          dataDescriptor: false,
        });
        for (const [k, token] of item.tokens.entries())
          await zip.add(timestampPath(item.entry.directory, k + 1), new Uint8ArrayReader(token), {
            dataDescriptor: false,
          });
      }
      await zip.close();
      await out.close();
      return { bytes: total, sha256: hash.hex() };
    } catch (error) {
      failure ??= error;
      await out.abort(failure).catch(() => undefined);
      throw failure instanceof Error ? failure : new Error(String(failure));
    }
  })();
  // The stream reports the failure to whoever reads it; `done` reports it again.
  done.catch(() => undefined);
  return { stream: pipe.readable, done };
}
