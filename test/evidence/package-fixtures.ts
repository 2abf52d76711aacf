// Synthetic evidence items for the package tests: invented files with sealed meta, a
// real salted hash manifest, and (with a test TSA) real RFC 3161 tokens from openssl.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  BlobWriter,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
} from '@zip.js/zip.js';
import type { CustodyEntry } from '../../src/common/api/evidence.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import {
  HASH_MANIFEST_FORMAT,
  encodeHashManifest,
  hashManifestDigest,
} from '../../src/common/evidence/hash-manifest.ts';
import type { CaptureInfo, SealedItemMeta } from '../../src/common/evidence/item-crypto.ts';
import {
  buildEvidencePackage,
  type BuildEvidencePackageOptions,
  type PackageItemInput,
  type PackageTimestampInput,
} from '../../src/common/evidence/package/build.ts';
import {
  buildTimestampRequest,
  parseTimestampResponse,
  tokenInfo,
} from '../../src/common/evidence/timestamp.ts';
import type { EvidenceFileRole, EvidenceKind } from '../../src/common/evidence/vocabulary.ts';
import { loadFonts } from '../pdf/fixtures.ts';
import type { TestTsa } from '../helpers/test-tsa.ts';

export { loadFonts };

/** SHA-256 by node:crypto: independent of the libsodium hash the code under test uses. */
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface FixtureFile {
  role: EvidenceFileRole;
  bytes: Uint8Array;
  mediaType: string;
  /** A file too large to hold: its size, hash and a fresh stream of it, instead of `bytes`. */
  streamed?: { size: number; sha256: string; open: () => ReadableStream<Uint8Array> };
}

/** Bytes that start like a JPEG and are unique to `label` (so a test can find them in the ZIP). */
export function jpegBytes(label: string, size = 4096): Uint8Array {
  const out = new Uint8Array(size);
  out.set([0xff, 0xd8, 0xff, 0xe0]);
  out.set(randomBytes(size - 4), 4);
  out.set(new TextEncoder().encode(`<<${label}>>`), 16);
  return out;
}

export function pngBytes(label: string, size = 3000): Uint8Array {
  const out = new Uint8Array(size);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  out.set(randomBytes(size - 8), 8);
  out.set(new TextEncoder().encode(`<<${label}>>`), 16);
  return out;
}

/** Gives bytes back in chunks of at most 64 KiB, as a decrypting reader would. */
export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

export function custodyEntries(itemId: string, fileId: string): CustodyEntry[] {
  const hash = (n: number) => n.toString(16).padStart(64, '0');
  return [
    {
      seq: 41,
      at: '2026-11-20T08:15:00.000Z',
      action: 'evidence.uploaded',
      actorMemberId: randomUUID(),
      actorName: 'Айгерім Сұлтанқызы',
      fileId,
      role: 'original',
      ciphertextSha256: hash(0xabc),
      fields: { itemId },
      hash: hash(41),
      prevHash: hash(40),
    },
    {
      seq: 57,
      at: '2026-11-21T12:00:00.000Z',
      action: 'evidence.timestamped',
      actorMemberId: null,
      actorName: null,
      fileId: null,
      role: null,
      ciphertextSha256: null,
      fields: { timestampSerial: '1f' },
      hash: hash(57),
      prevHash: hash(56),
    },
  ];
}

export interface FixtureItemOptions {
  kind?: EvidenceKind;
  files: FixtureFile[];
  title?: string;
  originalName?: string;
  capture?: CaptureInfo;
  description?: string;
}

export interface FixtureItem {
  input: PackageItemInput;
  hashManifest: Uint8Array;
  files: FixtureFile[];
}

/** An item with a real salted hash manifest; `openFile` streams the bytes in chunks. */
export function fixtureItem(options: FixtureItemOptions): FixtureItem {
  const id = randomUUID();
  const kind = options.kind ?? 'file';
  const fileInfos = options.files.map((f) => ({
    fileId: randomUUID(),
    role: f.role,
    sha256: f.streamed?.sha256 ?? sha256(f.bytes),
    size: f.streamed?.size ?? f.bytes.length,
    mediaType: f.mediaType,
  }));
  const hashManifest = encodeHashManifest({
    format: HASH_MANIFEST_FORMAT,
    itemId: id,
    kind,
    salt: randomBytes(32).toString('hex'),
    files: fileInfos.map(({ role, sha256: s, size, mediaType }) => ({
      role,
      sha256: s,
      size,
      mediaType,
    })),
    ...(options.capture
      ? {
          capture: {
            requestedUrl: options.capture.requestedUrl,
            finalUrl: options.capture.finalUrl,
            capturedAt: options.capture.capturedAt,
          },
        }
      : {}),
  });
  const meta: SealedItemMeta = {
    title: options.title ?? 'Скриншот угрозы в WhatsApp',
    description: options.description ?? 'Передала сестра пострадавшего.',
    originalName: options.originalName ?? (kind === 'capture' ? '' : 'photo.jpg'),
    declaredType: options.files[0]?.mediaType ?? 'application/octet-stream',
    typeMismatch: false,
    obtainedAt: '2026-11-19',
    files: fileInfos,
    ...(options.capture ? { capture: options.capture } : {}),
    hashManifest: new TextDecoder().decode(hashManifest),
  };
  const fileOf = new Map<string, FixtureFile | undefined>(
    fileInfos.map((info, i) => [info.fileId, options.files[i]]),
  );
  const input: PackageItemInput = {
    id,
    kind,
    meta,
    hashManifest,
    collectedAt: '2026-11-20T08:15:00.000Z',
    collectedBy: 'Айгерім Сұлтанқызы',
    timestamps: [],
    custody: custodyEntries(id, fileInfos[0]?.fileId ?? randomUUID()),
    openFile: (file) => {
      const fixture = fileOf.get(file.fileId);
      if (!fixture) throw new Error('unknown file');
      return fixture.streamed ? fixture.streamed.open() : chunked(fixture.bytes);
    },
  };
  return { input, hashManifest, files: options.files };
}

/** A real token from the test TSA over SHA-256 of the hash manifest. */
export async function stamp(
  tsa: TestTsa,
  hashManifest: Uint8Array,
): Promise<PackageTimestampInput> {
  await loadSodium();
  const response = parseTimestampResponse(
    await tsa.reply(buildTimestampRequest(hashManifestDigest(hashManifest))),
  );
  if (!response.token) throw new Error(`the test TSA refused: ${response.statusText}`);
  const info = tokenInfo(response.token);
  return {
    token: response.token,
    genTime: info.genTime,
    tsaUrl: tsa.url,
    serialNumber: info.serialNumber,
  };
}

export const sampleCapture = (): CaptureInfo => ({
  requestedUrl: 'https://example.test/post/123',
  finalUrl: 'https://example.test/post/123?ref=share',
  status: 200,
  redirects: [{ url: 'https://example.test/p/123', status: 301 }],
  headers: { 'content-type': 'text/html; charset=utf-8' },
  tlsChainPem: [],
  tlsValid: true,
  capturedAt: '2026-11-22T09:30:00.000Z',
  title: 'Пост с угрозами',
  browserVersion: 'Chromium 140',
  userAgent: 'Mozilla/5.0',
  viewport: { width: 1280, height: 800 },
});

/** A file item (original, working copy, thumbnail) and a web capture. */
export function sampleItems(): FixtureItem[] {
  const photo = fixtureItem({
    files: [
      { role: 'original', bytes: jpegBytes('photo-original', 20_000), mediaType: 'image/jpeg' },
      { role: 'working', bytes: jpegBytes('photo-working', 9_000), mediaType: 'image/jpeg' },
      { role: 'thumbnail', bytes: jpegBytes('photo-thumb', 1_500), mediaType: 'image/jpeg' },
    ],
    title: 'Фото синяков после нападения',
    originalName: 'IMG_2041.jpg',
  });
  const capture = sampleCapture();
  const page = fixtureItem({
    kind: 'capture',
    files: [
      { role: 'screenshot', bytes: pngBytes('capture-screenshot', 30_000), mediaType: 'image/png' },
      {
        role: 'html',
        bytes: new TextEncoder().encode('<html><body>capture-html угрозы</body></html>'),
        mediaType: 'text/html',
      },
      {
        role: 'mhtml',
        bytes: new TextEncoder().encode('MIME-Version: 1.0\r\n\r\ncapture-mhtml'),
        mediaType: 'multipart/related',
      },
      {
        role: 'capture_metadata',
        bytes: new TextEncoder().encode(JSON.stringify(capture)),
        mediaType: 'application/json',
      },
    ],
    title: 'Пост с угрозами',
    capture,
  });
  return [photo, page];
}

export interface BuildOverrides extends Partial<BuildEvidencePackageOptions> {
  items: PackageItemInput[];
}

export async function packageOptions(
  overrides: BuildOverrides,
): Promise<BuildEvidencePackageOptions> {
  return {
    organisationName: 'Қорған — Алматы бастамасы',
    caseReference: 'C-7KQ3',
    caseTitle: 'Нападение у общежития',
    locale: 'ru',
    createdBy: 'Dana Lawyer',
    createdAt: new Date('2026-11-24T10:05:00Z'),
    tsaCaPem: [],
    fonts: await loadFonts(),
    ...overrides,
  };
}

export async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Builds and reads the whole ZIP into memory (fine for small test packages). */
export async function buildBytes(overrides: BuildOverrides) {
  const built = await buildEvidencePackage(await packageOptions(overrides));
  const zip = await collect(built.stream);
  return { ...built, zip, result: await built.done };
}

/** Every entry of a ZIP, by name, read with zip.js (an independent reader). */
export async function unzipAll(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false });
  const out = new Map<string, Uint8Array>();
  for (const entry of await reader.getEntries())
    if (!entry.directory) out.set(entry.filename, await entry.getData(new Uint8ArrayWriter()));
  await reader.close();
  return out;
}

export interface RezipEntry {
  name: string;
  data: Uint8Array | ReadableStream<Uint8Array>;
  /** 0 stores; 6 deflates (native CompressionStream). */
  level?: number;
  uncompressedSize?: number;
}

/** A new ZIP of exactly these entries, in order. */
export async function rezip(entries: RezipEntry[]): Promise<Uint8Array> {
  const writer = new ZipWriter(new BlobWriter('application/zip'), { useWebWorkers: false });
  for (const e of entries)
    await writer.add(e.name, e.data instanceof Uint8Array ? new Uint8ArrayReader(e.data) : e.data, {
      level: e.level ?? 0,
      ...(e.uncompressedSize !== undefined ? { uncompressedSize: e.uncompressedSize } : {}),
    });
  const blob = await writer.close();
  return new Uint8Array(await blob.arrayBuffer());
}

/** Offset of `needle` in `haystack` (first), or -1. */
export function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(
    Buffer.from(needle),
    from,
  );
}

export function flipByte(bytes: Uint8Array, at: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}
