// Checks an evidence package without extracting it: every entry listed in manifest.json
// is streamed from the ZIP and hashed (never more bytes than the manifest says it has,
// so a zip bomb is never expanded), each item's hash-manifest.json must describe exactly
// the files manifest.json lists, each timestamp token must stamp that hash-manifest.json
// and chain to a trusted TSA CA, and nothing may be in the ZIP that the manifest does not
// list. The result names, per item, exactly which file failed and how.
//
// Trust: the TSA CA certificates given by the caller (the CLI's --tsa-ca) when given,
// otherwise the ones inside the package — which shows the tokens are consistent with that
// CA, not who the authority is; the result says which was used and their fingerprints.
import { loadSodium } from '../../crypto/sodium.ts';
import { decodeHashManifest, type HashManifest } from '../hash-manifest.ts';
import {
  parseTimestampResponse,
  verifyTimestampToken,
  type TimestampFailure,
} from '../timestamp.ts';
import { createSha256, sha256Hex } from './bytes.ts';
import { summariseCertificates, type CertificateSummary } from './certificates.ts';
import {
  CHECKSUMS_PATH,
  MANIFEST_PATH,
  README_PATH,
  SUMMARY_PATH,
  hashManifestPath,
  itemDirectory,
  itemNumberLabel,
  packageManifestSchema,
  timestampPath,
  tsaCaPath,
  type PackageManifest,
} from './manifest.ts';
import {
  EntryLimitError,
  ZipFormatError,
  readEntryData,
  readZipDirectory,
  type RandomAccessSource,
  type ZipDirectory,
  type ZipEntry,
} from './zip-read.ts';

export { blobSource, bytesSource, type RandomAccessSource } from './zip-read.ts';

const MiB = 1024 * 1024;

export interface VerifyLimits {
  /** A ZIP with more entries than this is refused. */
  maxEntries: number;
  /** manifest.json larger than this is refused (it is read into memory). */
  maxManifestBytes: number;
  /** Hash manifests, tokens, certificates and SHA256SUMS are read into memory up to this. */
  maxSmallEntryBytes: number;
  /** An entry declaring more bytes than this is refused unread. */
  maxEntryBytes: number;
  /** A compressed entry declaring more than this many times its compressed size is refused. */
  maxCompressionRatio: number;
  /** All entries together may produce at most this many bytes. */
  maxTotalBytes: number;
}

export const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  maxEntries: 50_000,
  maxManifestBytes: 64 * MiB,
  maxSmallEntryBytes: 16 * MiB,
  maxEntryBytes: 1024 * 1024 * MiB,
  maxCompressionRatio: 100,
  maxTotalBytes: 4 * 1024 * 1024 * MiB,
};

export interface VerifyPackageOptions {
  /** The TSA CA certificates (PEM) to check tokens against; else the package's own. */
  trustedCaPem?: string[];
  limits?: Partial<VerifyLimits>;
}

export interface EntryCheck {
  path: string;
  ok: boolean;
  problem?: string;
}

export interface TimestampCheck {
  path: string;
  ok: boolean;
  genTime?: string;
  tsaSubject?: string;
  serialNumber?: string;
}

export interface ItemCheck {
  number: number;
  /** `01`, `02`… as in the item's folder name. */
  label: string;
  id: string;
  kind: string;
  title: string;
  originalName: string;
  ok: boolean;
  fileCount: number;
  timestamps: TimestampCheck[];
  /** Each names the file it is about, e.g. `original.jpg: SHA-256 differs from manifest.json`. */
  failures: string[];
}

export interface PackageVerification {
  ok: boolean;
  /** manifest.json: whether it could be read and follows the package format. */
  manifest: EntryCheck & {
    sha256: string | null;
    caseReference?: string;
    createdAt?: string;
    createdBy?: string;
    organisation?: string;
  };
  /** README.txt, summary.pdf, SHA256SUMS, tsa/ca-<k>.pem. */
  packageFiles: EntryCheck[];
  items: ItemCheck[];
  /** Entries in the ZIP that manifest.json does not list (names as found, data only). */
  unexpectedEntries: string[];
  /** Problems of the package as a whole (truncation, duplicate or overlapping entries…). */
  problems: string[];
  trust: {
    /** given: the caller's certificates; package: those inside the package; none: no CA. */
    source: 'given' | 'package' | 'none';
    certificates: CertificateSummary[];
  };
  /** Bytes produced from the ZIP's entries (after inflating), all entries together. */
  bytesRead: number;
}

/** The input is not a ZIP file at all (or cannot be read): nothing could be checked. */
export class UnreadablePackageError extends Error {
  override name = 'UnreadablePackageError';
}

/** A name safe to print on a terminal: no control or direction characters, bounded length. */
export function printableName(name: string, max = 120): string {
  const escaped = Array.from(name)
    .map((c) =>
      // eslint-disable-next-line no-control-regex -- these are exactly what must not reach a terminal
      /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(c)
        ? `\\u${c.codePointAt(0)?.toString(16).padStart(4, '0')}`
        : c,
    )
    .join('');
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

const TIMESTAMP_PROBLEMS: Record<TimestampFailure, string> = {
  token_malformed: 'is not a timestamp token',
  imprint_algorithm_not_sha256: 'stamps a digest that is not SHA-256',
  imprint_mismatch: 'does not stamp this hash-manifest.json (the stamped digest differs)',
  nonce_mismatch: 'carries another nonce',
  signer_certificate_missing: 'does not include the certificate that signed it',
  signature_invalid: 'has an invalid signature',
  signing_certificate_mismatch: 'names another signing certificate than the one that signed it',
  certificate_untrusted: 'was not signed by a certificate of the trusted TSA CA',
  not_timestamping_certificate: 'was signed by a certificate that is not for timestamping',
  trusted_ca_unreadable: 'cannot be checked: a trusted TSA CA certificate is unreadable',
};

interface Expected {
  sha256: string;
  size: number;
}

interface EntryResult {
  ok: boolean;
  problem?: string;
  /** The bytes, when asked to keep them and the size matched. */
  bytes?: Uint8Array;
}

class Checker {
  readonly source: RandomAccessSource;
  readonly limits: VerifyLimits;
  byName = new Map<string, ZipEntry[]>();
  directory: ZipDirectory;
  bytesRead = 0;

  constructor(source: RandomAccessSource, limits: VerifyLimits, directory: ZipDirectory) {
    this.source = source;
    this.limits = limits;
    this.directory = directory;
    this.index(directory);
  }

  index(directory: ZipDirectory): void {
    this.directory = directory;
    this.byName = new Map();
    for (const entry of directory.entries) {
      const list = this.byName.get(entry.name) ?? [];
      list.push(entry);
      this.byName.set(entry.name, list);
    }
  }

  /** The single, structurally sound entry named `path`, or why there is none. */
  entry(path: string): ZipEntry | string {
    const found = this.byName.get(path);
    if (!found || found.length === 0)
      return this.directory.mode === 'salvage'
        ? 'is missing: the package is cut off before it'
        : 'is missing from the package';
    if (found.length > 1) return `appears ${found.length} times in the ZIP`;
    const entry = found[0] as ZipEntry;
    return entry.problem ?? entry;
  }

  /** Refuses, without reading, an entry whose declared size is absurd or a bomb's. */
  refusal(entry: ZipEntry, expectedSize: number): string | undefined {
    if (entry.uncompressedSize > this.limits.maxEntryBytes)
      return `declares ${entry.uncompressedSize} bytes, more than any package entry may have; not read`;
    if (
      entry.method !== 0 &&
      entry.uncompressedSize > MiB &&
      entry.uncompressedSize > entry.compressedSize * this.limits.maxCompressionRatio
    ) {
      const ratio = Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize));
      return `would inflate ${ratio}:1 — refused as a possible zip bomb, not expanded`;
    }
    if (entry.uncompressedSize !== expectedSize)
      return `the ZIP records ${entry.uncompressedSize} bytes, manifest.json says ${expectedSize}; not read`;
    if (this.bytesRead + expectedSize > this.limits.maxTotalBytes)
      return 'not read: the package exceeds the total size this check allows';
    return undefined;
  }

  /**
   * Streams the entry at `path` through SHA-256, producing at most `expected.size` bytes,
   * and compares. With `keep`, also returns its bytes (up to maxSmallEntryBytes).
   */
  async check(path: string, expected: Expected, keep = false): Promise<EntryResult> {
    const entry = this.entry(path);
    if (typeof entry === 'string') return { ok: false, problem: entry };
    const refused = this.refusal(entry, expected.size);
    if (refused) return { ok: false, problem: refused };
    if (keep && expected.size > this.limits.maxSmallEntryBytes)
      return { ok: false, problem: `is larger than such a file can be (${expected.size} bytes)` };
    const hash = createSha256();
    const chunks: Uint8Array[] = [];
    let length = 0;
    try {
      for await (const chunk of readEntryData(this.source, entry, {
        maxBytes: expected.size,
        onBytes: (n) => (this.bytesRead += n),
      })) {
        hash.update(chunk);
        length += chunk.length;
        if (keep) chunks.push(chunk.slice());
      }
    } catch (error) {
      if (error instanceof EntryLimitError)
        return { ok: false, problem: `${error.message}; stopped at ${expected.size} bytes` };
      if (error instanceof ZipFormatError)
        return { ok: false, problem: `cannot be read: ${error.message}` };
      throw error;
    }
    const bytes = keep ? concat(chunks, length) : undefined;
    if (length !== expected.size)
      return { ok: false, problem: `is ${length} bytes, manifest.json says ${expected.size}` };
    const result: EntryResult = { ok: true, ...(bytes ? { bytes } : {}) };
    if (hash.hex() !== expected.sha256)
      return { ...result, ok: false, problem: 'SHA-256 differs from manifest.json' };
    return result;
  }

  /** Reads manifest.json whole (it lists everything else), bounded by maxManifestBytes. */
  async readManifest(): Promise<{ bytes?: Uint8Array; problem?: string }> {
    const entry = this.entry(MANIFEST_PATH);
    if (typeof entry === 'string') return { problem: entry };
    if (entry.uncompressedSize > this.limits.maxManifestBytes)
      return {
        problem: `declares ${entry.uncompressedSize} bytes, too large for a manifest; not read`,
      };
    const chunks: Uint8Array[] = [];
    let length = 0;
    try {
      for await (const chunk of readEntryData(this.source, entry, {
        maxBytes: Math.min(entry.uncompressedSize, this.limits.maxManifestBytes),
        onBytes: (n) => (this.bytesRead += n),
      })) {
        chunks.push(chunk.slice());
        length += chunk.length;
      }
    } catch (error) {
      if (error instanceof EntryLimitError || error instanceof ZipFormatError)
        return { problem: `cannot be read: ${error.message}` };
      throw error;
    }
    return { bytes: concat(chunks, length) };
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Every path the manifest lists must be where this format puts it, and listed once. */
function layoutProblems(manifest: PackageManifest): string[] {
  const problems: string[] = [];
  const seen = new Set<string>([MANIFEST_PATH]);
  const claim = (path: string) => {
    if (seen.has(path)) problems.push(`lists ${path} twice`);
    seen.add(path);
  };
  const count = manifest.items.length;
  let ca = 0;
  for (const file of manifest.files) {
    claim(file.path);
    const expected =
      file.role === 'readme'
        ? README_PATH
        : file.role === 'summary'
          ? SUMMARY_PATH
          : file.role === 'checksums'
            ? CHECKSUMS_PATH
            : tsaCaPath(++ca);
    if (file.path !== expected) problems.push(`lists ${file.path} where ${expected} belongs`);
  }
  manifest.items.forEach((item, i) => {
    if (item.number !== i + 1) problems.push(`numbers item ${i + 1} as ${item.number}`);
    const directory = itemDirectory(i + 1, count, item.id);
    if (item.directory !== directory)
      problems.push(`puts item ${i + 1} in ${item.directory}, not ${directory}`);
    claim(item.hashManifest.path);
    if (item.hashManifest.path !== hashManifestPath(directory))
      problems.push(`lists ${item.hashManifest.path} as item ${i + 1}'s hash manifest`);
    const roles = new Set<string>();
    for (const file of item.files) {
      claim(file.path);
      if (roles.has(file.role)) problems.push(`lists two ${file.role} files in item ${i + 1}`);
      roles.add(file.role);
      if (!new RegExp(`^${directory}${file.role}\\.[a-z0-9]{1,10}$`).test(file.path))
        problems.push(`lists ${file.path} as item ${i + 1}'s ${file.role}`);
    }
    item.timestamps.forEach((stamp, k) => {
      claim(stamp.path);
      if (stamp.path !== timestampPath(directory, k + 1))
        problems.push(`lists ${stamp.path} as item ${i + 1}'s timestamp ${k + 1}`);
    });
  });
  return problems;
}

/** The paths a ZIP tool may add as folder entries: the folders of listed files. */
function folders(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of paths)
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1))
      out.add(path.slice(0, i + 1));
  return out;
}

function issueList(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/** Verifies the package in `source`; throws UnreadablePackageError when it is not a ZIP. */
export async function verifyEvidencePackage(
  source: RandomAccessSource,
  options: VerifyPackageOptions = {},
): Promise<PackageVerification> {
  await loadSodium();
  const limits = { ...DEFAULT_VERIFY_LIMITS, ...options.limits };
  let directory: ZipDirectory;
  try {
    directory = await readZipDirectory(source, limits);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new UnreadablePackageError(error.message);
    throw error;
  }
  const checker = new Checker(source, limits, directory);
  const result: PackageVerification = {
    ok: false,
    manifest: { path: MANIFEST_PATH, ok: false, sha256: null },
    packageFiles: [],
    items: [],
    unexpectedEntries: [],
    problems: [],
    trust: { source: 'none', certificates: [] },
    bytesRead: 0,
  };

  // manifest.json
  const read = await checker.readManifest();
  let manifest: PackageManifest | undefined;
  if (read.bytes) {
    result.manifest.sha256 = sha256Hex(read.bytes);
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes));
    } catch {
      result.manifest.problem = 'is not valid JSON';
    }
    if (json !== undefined) {
      const parsed = packageManifestSchema.safeParse(json);
      if (parsed.success) manifest = parsed.data;
      else result.manifest.problem = `is not a package manifest: ${issueList(parsed.error)}`;
    }
  } else {
    result.manifest.problem = read.problem ?? 'cannot be read';
  }
  if (manifest) {
    const layout = layoutProblems(manifest);
    result.manifest.ok = layout.length === 0;
    if (layout.length > 0) result.manifest.problem = layout.slice(0, 5).join('; ');
    Object.assign(result.manifest, {
      caseReference: manifest.case.reference,
      createdAt: manifest.createdAt,
      createdBy: manifest.createdBy,
      organisation: manifest.organisation.name,
    });
  }

  if (directory.mode === 'salvage') {
    // The end of the ZIP is missing: walk it again, now knowing the sizes from the manifest.
    if (manifest) {
      const sizes = new Map<string, number>();
      for (const file of manifest.files) sizes.set(file.path, file.size);
      for (const item of manifest.items)
        for (const file of item.files) sizes.set(file.path, file.size);
      directory = await readZipDirectory(source, limits, (name) => sizes.get(name));
      checker.index(directory);
    }
    const stop = directory.stoppedAt;
    result.problems.push(
      `the package is truncated or damaged: the ZIP's central directory is missing${stop ? ` (${stop.reason}, at byte ${stop.offset})` : ''}`,
    );
    const cut = directory.entries.find((e) => e.truncated);
    if (cut) result.problems.push(`entry ${printableName(cut.name)} is cut off`);
  }
  for (const [name, list] of checker.byName)
    if (list.length > 1)
      result.problems.push(`entry ${printableName(name)} appears ${list.length} times`);

  if (!manifest) {
    const others = directory.entries.filter((e) => e.name !== MANIFEST_PATH).length;
    result.problems.push(
      `none of the other ${others} entries can be checked without manifest.json`,
    );
    result.bytesRead = checker.bytesRead;
    return result;
  }

  // Nothing unlisted.
  const listed = new Set<string>([MANIFEST_PATH]);
  for (const file of manifest.files) listed.add(file.path);
  for (const item of manifest.items) {
    listed.add(item.hashManifest.path);
    for (const file of item.files) listed.add(file.path);
    for (const stamp of item.timestamps) listed.add(stamp.path);
  }
  const folderNames = folders(listed);
  for (const entry of directory.entries) {
    if (listed.has(entry.name)) continue;
    if (folderNames.has(entry.name) && entry.uncompressedSize === 0) continue;
    result.unexpectedEntries.push(entry.name);
  }

  // Package files; the CA certificates are kept to check tokens with.
  const packageCaPem: string[] = [];
  let checksumsText: string | undefined;
  for (const file of manifest.files) {
    const keep = file.role === 'tsa_ca' || file.role === 'checksums';
    const r = await checker.check(file.path, file, keep);
    const check: EntryCheck = {
      path: file.path,
      ok: r.ok,
      ...(r.problem ? { problem: r.problem } : {}),
    };
    if (r.ok && r.bytes && file.role === 'tsa_ca')
      packageCaPem.push(new TextDecoder().decode(r.bytes));
    if (r.ok && r.bytes && file.role === 'checksums')
      checksumsText = new TextDecoder().decode(r.bytes);
    result.packageFiles.push(check);
  }
  if (checksumsText !== undefined) {
    const problem = checksumsDisagreement(checksumsText, manifest);
    const check = result.packageFiles.find((f) => f.path === CHECKSUMS_PATH);
    if (problem && check) Object.assign(check, { ok: false, problem });
  }

  const trusted = options.trustedCaPem ?? packageCaPem;
  result.trust = {
    source: options.trustedCaPem ? 'given' : packageCaPem.length > 0 ? 'package' : 'none',
    certificates: summariseCertificates(trusted),
  };

  for (const item of manifest.items)
    result.items.push(await checkItem(checker, item, manifest.items.length, trusted));

  result.bytesRead = checker.bytesRead;
  result.ok =
    result.manifest.ok &&
    result.problems.length === 0 &&
    result.unexpectedEntries.length === 0 &&
    result.packageFiles.every((f) => f.ok) &&
    result.items.every((i) => i.ok);
  return result;
}

/** SHA256SUMS must list exactly the files manifest.json lists (but itself and the manifest). */
function checksumsDisagreement(text: string, manifest: PackageManifest): string | undefined {
  const expected = new Map<string, string>();
  for (const file of manifest.files)
    if (file.path !== CHECKSUMS_PATH) expected.set(file.path, file.sha256);
  for (const item of manifest.items) {
    for (const file of item.files) expected.set(file.path, file.sha256);
    expected.set(item.hashManifest.path, item.hashManifest.sha256);
    for (const stamp of item.timestamps) expected.set(stamp.path, stamp.sha256);
  }
  const found = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) return 'has a line that is not "<sha256>  <path>"';
    found.set(match[2] as string, match[1] as string);
  }
  for (const [path, sha] of expected)
    if (found.get(path) !== sha) return `does not agree with manifest.json about ${path}`;
  for (const path of found.keys())
    if (!expected.has(path)) return `lists ${printableName(path)}, which manifest.json does not`;
  return undefined;
}

async function checkItem(
  checker: Checker,
  item: PackageManifest['items'][number],
  count: number,
  trustedCaPem: string[],
): Promise<ItemCheck> {
  const failures: string[] = [];
  const local = (path: string) =>
    path.startsWith(item.directory) ? path.slice(item.directory.length) : path;

  // hash-manifest.json: the bytes the tokens stamp; it must describe the same files.
  const hm = await checker.check(item.hashManifest.path, item.hashManifest, true);
  if (!hm.ok) failures.push(`hash-manifest.json: ${hm.problem}`);
  let hashManifest: HashManifest | undefined;
  let digest: Uint8Array | undefined;
  if (hm.bytes) {
    digest = hexBytes(sha256Hex(hm.bytes));
    try {
      hashManifest = decodeHashManifest(hm.bytes);
    } catch {
      failures.push('hash-manifest.json is not a valid hash manifest');
    }
  }
  if (hashManifest) {
    if (hashManifest.itemId !== item.id || hashManifest.kind !== item.kind)
      failures.push('hash-manifest.json names another item');
    for (const file of item.files) {
      const stamped = hashManifest.files.find((f) => f.role === file.role);
      if (!stamped) failures.push(`${local(file.path)} is not in hash-manifest.json`);
      else if (stamped.sha256 !== file.sha256)
        failures.push(
          `${local(file.path)}: hash-manifest.json records another SHA-256 than manifest.json`,
        );
      else if (stamped.size !== file.size || stamped.mediaType !== file.mediaType)
        failures.push(
          `${local(file.path)}: hash-manifest.json records another size or type than manifest.json`,
        );
    }
    for (const stamped of hashManifest.files)
      if (!item.files.some((f) => f.role === stamped.role))
        failures.push(
          `hash-manifest.json lists a ${stamped.role} file that the package does not have`,
        );
  }

  for (const file of item.files) {
    const r = await checker.check(file.path, file);
    if (!r.ok) failures.push(`${local(file.path)}: ${r.problem}`);
  }

  const timestamps: TimestampCheck[] = [];
  for (const stamp of item.timestamps) {
    const name = local(stamp.path);
    const before = failures.length;
    const r = await checker.check(stamp.path, stamp, true);
    if (!r.ok) failures.push(`${name}: ${r.problem}`);
    const check: TimestampCheck = { path: stamp.path, ok: false };
    const token = r.bytes ? grantedToken(r.bytes) : undefined;
    if (r.bytes && !token) failures.push(`${name} is not a granted timestamp response`);
    if (token && digest) {
      if (trustedCaPem.length === 0)
        failures.push(`${name}: there is no TSA CA certificate to check it against`);
      const v = await verifyTimestampToken(token, { digest, trustedCaPem });
      for (const failure of v.failures) {
        if (failure === 'trusted_ca_unreadable' && trustedCaPem.length === 0) continue;
        failures.push(`${name} ${TIMESTAMP_PROBLEMS[failure]}`);
      }
      if (v.genTime) {
        check.genTime = v.genTime.toISOString();
        if (Date.parse(stamp.genTime) !== v.genTime.getTime())
          failures.push(
            `${name}: its time ${check.genTime} differs from manifest.json (${stamp.genTime})`,
          );
      }
      if (v.tsaSubject) check.tsaSubject = v.tsaSubject;
      if (v.serialNumber) check.serialNumber = v.serialNumber;
    } else if (token && !digest) {
      failures.push(`${name}: cannot be checked without hash-manifest.json`);
    }
    check.ok = failures.length === before;
    timestamps.push(check);
  }

  return {
    number: item.number,
    label: itemNumberLabel(item.number, count),
    id: item.id,
    kind: item.kind,
    title: item.title,
    originalName: item.originalName,
    ok: failures.length === 0,
    fileCount: item.files.length,
    timestamps,
    failures,
  };
}

/** The token inside a TimeStampResp that granted it (status 0 or 1), if it is one. */
function grantedToken(response: Uint8Array): Uint8Array | undefined {
  try {
    const parsed = parseTimestampResponse(response);
    return parsed.status <= 1 ? parsed.token : undefined;
  } catch {
    return undefined;
  }
}

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
