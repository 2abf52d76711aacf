// A small, strict ZIP reader for checking evidence packages: it reads the central
// directory (Zip64 included) from a random-access source, and when the end of the file is
// missing it walks the local headers from the start instead, so a truncated package can
// still be checked up to where it was cut. It never writes anything anywhere: an entry's
// name is only a string to look up, and an entry's data is only ever streamed to a
// caller that hashes it, never more bytes than the caller allows — a zip bomb stops
// inflating at the limit, and a stored entry cannot be read past the file or into the
// next entry.
//
// Runs in the browser and in Node: DecompressionStream('deflate-raw') inflates.

/** Bytes of a package, read at any offset (a Blob, a file handle, a buffer). */
export interface RandomAccessSource {
  readonly size: number;
  /** Exactly `length` bytes from `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): RandomAccessSource {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length)),
  };
}

export function blobSource(blob: Blob): RandomAccessSource {
  return {
    size: blob.size,
    read: async (offset, length) =>
      new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}

/** The source is not a ZIP file this reader can follow at all. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

/** An entry's data would exceed the caller's limit; nothing beyond the limit was produced. */
export class EntryLimitError extends Error {
  override name = 'EntryLimitError';
}

export interface ZipEntry {
  /** The name as recorded (UTF-8, or CP437 read as Latin-1 when not flagged); data only. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Where the data starts (after the local header), or -1 when the header is unreadable. */
  dataOffset: number;
  /** What is wrong with the entry's structure, if anything (its data is then not read). */
  problem?: string;
  /** Walking local headers only: the data runs past the end of the package. */
  truncated?: boolean;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** 'central': read from the central directory; 'salvage': walked from the start. */
  mode: 'central' | 'salvage';
  /** Salvage mode: where and why the walk stopped before the end. */
  stoppedAt?: { offset: number; reason: string };
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const MAX_COMMENT = 0xffff;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, offset: number): number {
  const value = dv.getBigUint64(offset, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new ZipFormatError('a Zip64 size is too large');
  return Number(value);
}

function decodeName(raw: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      return new TextDecoder('latin1').decode(raw);
    }
  }
  // Not flagged: CP437. Our names are ASCII, where CP437 and Latin-1 agree; anything else
  // is an unexpected entry anyway and only needs to be shown, not matched.
  return new TextDecoder('latin1').decode(raw);
}

/** Reads the Zip64 extended-information extra field over the 0xFFFFFFFF placeholders. */
function applyZip64Extra(
  extra: Uint8Array,
  entry: { uncompressedSize: number; compressedSize: number; localHeaderOffset?: number },
  raw: { usize: number; csize: number; offset?: number },
): void {
  const dv = view(extra);
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = dv.getUint16(at, true);
    const len = dv.getUint16(at + 2, true);
    const body = at + 4;
    if (body + len > extra.length) break;
    if (id === 0x0001) {
      let p = body;
      const take = () => {
        if (p + 8 > body + len) throw new ZipFormatError('a Zip64 extra field is too short');
        const v = u64(dv, p);
        p += 8;
        return v;
      };
      if (raw.usize === 0xffffffff) entry.uncompressedSize = take();
      if (raw.csize === 0xffffffff) entry.compressedSize = take();
      if (raw.offset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    at = body + len;
  }
}

function hasZip64Extra(extra: Uint8Array): boolean {
  const dv = view(extra);
  for (let at = 0; at + 4 <= extra.length; at += 4 + dv.getUint16(at + 2, true))
    if (dv.getUint16(at, true) === 0x0001) return true;
  return false;
}

async function readExact(source: RandomAccessSource, offset: number, length: number) {
  if (offset < 0 || offset + length > source.size) return null;
  const bytes = await source.read(offset, length);
  return bytes.length === length ? bytes : null;
}

/** Finds the end-of-central-directory record, or null when the file's end is missing. */
async function findEocd(source: RandomAccessSource): Promise<number | null> {
  const tailLength = Math.min(source.size, 22 + MAX_COMMENT);
  const tail = await source.read(source.size - tailLength, tailLength);
  const dv = view(tail);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (dv.getUint32(i, true) !== SIG_EOCD) continue;
    // The comment must end exactly at the end of the file: a stray signature inside
    // entry data or a comment is not the record.
    if (i + 22 + dv.getUint16(i + 20, true) === tail.length) return source.size - tailLength + i;
  }
  return null;
}

export interface DirectoryLimits {
  /** Refuse a central directory with more entries than this. */
  maxEntries: number;
}

/** Reads the central directory; falls back to walking local headers when it is missing. */
export async function readZipDirectory(
  source: RandomAccessSource,
  limits: DirectoryLimits,
  sizeOf?: (name: string) => number | undefined,
): Promise<ZipDirectory> {
  if (source.size < 4) throw new ZipFormatError('the file is too short to be a ZIP file');
  const eocd = await findEocd(source);
  if (eocd === null) return walkLocalHeaders(source, limits, sizeOf);
  return readCentralDirectory(source, eocd, limits);
}

async function readCentralDirectory(
  source: RandomAccessSource,
  eocdOffset: number,
  limits: DirectoryLimits,
): Promise<ZipDirectory> {
  const eocd = view((await readExact(source, eocdOffset, 22)) ?? new Uint8Array(22));
  let disks = [eocd.getUint16(4, true), eocd.getUint16(6, true)];
  let count = eocd.getUint16(10, true);
  let cdSize = eocd.getUint32(12, true);
  let cdOffset = eocd.getUint32(16, true);
  const placeholders =
    disks.includes(0xffff) || count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff;
  if (placeholders) {
    const locator = await readExact(source, eocdOffset - 20, 20);
    if (!locator || view(locator).getUint32(0, true) !== SIG_ZIP64_LOCATOR)
      throw new ZipFormatError('the Zip64 end-of-directory locator is missing');
    const zip64Offset = u64(view(locator), 8);
    const record = await readExact(source, zip64Offset, 56);
    if (!record || view(record).getUint32(0, true) !== SIG_ZIP64_EOCD)
      throw new ZipFormatError('the Zip64 end-of-directory record is missing');
    const dv = view(record);
    disks = [dv.getUint32(16, true), dv.getUint32(20, true)];
    count = u64(dv, 32);
    cdSize = u64(dv, 40);
    cdOffset = u64(dv, 48);
  }
  if (disks.some((d) => d !== 0))
    throw new ZipFormatError('multi-disk ZIP files are not evidence packages');
  if (count > limits.maxEntries)
    throw new ZipFormatError(
      `the ZIP file claims ${count} entries, more than ${limits.maxEntries}`,
    );
  // 46 bytes is the smallest central record; a larger directory than the entries can
  // fill, or one outside the file, is a lie.
  if (cdSize > count * (46 + 3 * 0xffff) || cdOffset + cdSize > eocdOffset)
    throw new ZipFormatError('the central directory does not fit in the file');
  const directory = (await readExact(source, cdOffset, cdSize)) ?? new Uint8Array(0);
  if (directory.length !== cdSize) throw new ZipFormatError('the central directory is cut off');

  const dv = view(directory);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || dv.getUint32(at, true) !== SIG_CENTRAL)
      throw new ZipFormatError('the central directory is damaged');
    const flags = dv.getUint16(at + 8, true);
    const method = dv.getUint16(at + 10, true);
    const raw = {
      csize: dv.getUint32(at + 20, true),
      usize: dv.getUint32(at + 24, true),
      offset: dv.getUint32(at + 42, true),
    };
    const nameLength = dv.getUint16(at + 28, true);
    const extraLength = dv.getUint16(at + 30, true);
    const commentLength = dv.getUint16(at + 32, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.length) throw new ZipFormatError('the central directory is damaged');
    const rawName = directory.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: decodeName(rawName, flags),
      method,
      flags,
      compressedSize: raw.csize,
      uncompressedSize: raw.usize,
      localHeaderOffset: raw.offset,
      dataOffset: -1,
    };
    applyZip64Extra(
      directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
      entry,
      raw,
    );
    entries.push(entry);
    at = end;
  }

  for (const entry of entries) await locateData(source, entry, cdOffset);
  markOverlaps(entries, cdOffset);
  return { entries, mode: 'central' };
}

/** Reads an entry's local header: where its data starts, and that it names the same file. */
async function locateData(source: RandomAccessSource, entry: ZipEntry, limit: number) {
  const head = await readExact(source, entry.localHeaderOffset, 30);
  if (!head || view(head).getUint32(0, true) !== SIG_LOCAL) {
    entry.problem = 'its local header is missing';
    return;
  }
  const dv = view(head);
  const nameLength = dv.getUint16(26, true);
  const extraLength = dv.getUint16(28, true);
  const rawName = await readExact(source, entry.localHeaderOffset + 30, nameLength);
  if (!rawName || decodeName(rawName, dv.getUint16(6, true)) !== entry.name) {
    // Extractors disagree on which of the two names to use: a classic way to hide a file.
    entry.problem = 'its local header names another file';
    return;
  }
  entry.dataOffset = entry.localHeaderOffset + 30 + nameLength + extraLength;
  if (entry.flags & FLAG_ENCRYPTED) entry.problem = 'it is encrypted';
  else if (entry.dataOffset + entry.compressedSize > limit)
    entry.problem = 'its data runs into the central directory';
}

/** Entries whose data runs into the next entry share bytes: a zip bomb trick. */
function markOverlaps(entries: ZipEntry[], cdOffset: number): void {
  const sorted = entries
    .filter((e) => e.dataOffset >= 0)
    .sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  sorted.forEach((entry, i) => {
    const next = sorted[i + 1]?.localHeaderOffset ?? cdOffset;
    if (
      entry.dataOffset + entry.compressedSize > next ||
      sorted[i + 1]?.localHeaderOffset === entry.localHeaderOffset
    )
      entry.problem ??= 'its data overlaps another entry';
  });
}

/**
 * The end of the file is missing (no end-of-central-directory record): walk the local
 * headers from the start while their sizes are known — from the header itself, or for a
 * stored entry with a data descriptor from `sizeOf` (the manifest) — and stop where the
 * file ends or the walk cannot go on.
 */
async function walkLocalHeaders(
  source: RandomAccessSource,
  limits: DirectoryLimits,
  sizeOf?: (name: string) => number | undefined,
): Promise<ZipDirectory> {
  const first = await readExact(source, 0, 4);
  if (!first || view(first).getUint32(0, true) !== SIG_LOCAL)
    throw new ZipFormatError('this is not a ZIP file');
  const entries: ZipEntry[] = [];
  let offset = 0;
  const stop = (reason: string): ZipDirectory => ({
    entries,
    mode: 'salvage',
    stoppedAt: { offset, reason },
  });
  for (;;) {
    if (entries.length >= limits.maxEntries) return stop('too many entries');
    const sigBytes = await readExact(source, offset, 4);
    if (!sigBytes) return stop('the file ends here');
    const sig = view(sigBytes).getUint32(0, true);
    if (sig === SIG_CENTRAL) return stop('the central directory is cut off');
    if (sig !== SIG_LOCAL) return stop('no entry header here');
    const head = await readExact(source, offset, 30);
    if (!head) return stop('an entry header is cut off');
    const dv = view(head);
    const flags = dv.getUint16(6, true);
    const method = dv.getUint16(8, true);
    const nameLength = dv.getUint16(26, true);
    const extraLength = dv.getUint16(28, true);
    const rest = await readExact(source, offset + 30, nameLength + extraLength);
    if (!rest) return stop('an entry header is cut off');
    const entry: ZipEntry = {
      name: decodeName(rest.subarray(0, nameLength), flags),
      method,
      flags,
      compressedSize: dv.getUint32(18, true),
      uncompressedSize: dv.getUint32(22, true),
      localHeaderOffset: offset,
      dataOffset: offset + 30 + nameLength + extraLength,
    };
    const extra = rest.subarray(nameLength);
    const zip64 = hasZip64Extra(extra);
    applyZip64Extra(extra, entry, { usize: entry.uncompressedSize, csize: entry.compressedSize });
    if (flags & FLAG_DESCRIPTOR) {
      const size = method === 0 ? sizeOf?.(entry.name) : undefined;
      if (size === undefined) {
        entries.push({ ...entry, problem: 'its size is unknown without the central directory' });
        return stop(`cannot follow the entries after ${entry.name}`);
      }
      entry.compressedSize = size;
      entry.uncompressedSize = size;
    }
    if (flags & FLAG_ENCRYPTED) entry.problem = 'it is encrypted';
    let next = entry.dataOffset + entry.compressedSize;
    if (next > source.size) {
      entries.push({
        ...entry,
        truncated: true,
        problem: 'it is cut off: the package is truncated',
      });
      return stop('the file ends inside this entry');
    }
    entries.push(entry);
    if (flags & FLAG_DESCRIPTOR) {
      const descriptor = await readExact(source, next, 4);
      if (descriptor && view(descriptor).getUint32(0, true) === SIG_DESCRIPTOR) next += 4;
      next += 4 + (zip64 ? 16 : 8);
    }
    offset = next;
  }
}

export interface EntryReadOptions {
  /** Produce at most this many bytes; more throws EntryLimitError (what was read is discarded). */
  maxBytes: number;
  /** Counts every byte produced, across entries. */
  onBytes?: (n: number) => void;
}

const STORED_CHUNK = 1024 * 1024;
/**
 * Deflate expands at most about 1032:1, so 16 KiB of compressed input yields at most
 * ~16 MiB: what one write into the inflater can produce before the limit is checked.
 */
const DEFLATED_CHUNK = 16 * 1024;

/** Streams an entry's uncompressed bytes; never more than `maxBytes`. */
export async function* readEntryData(
  source: RandomAccessSource,
  entry: ZipEntry,
  options: EntryReadOptions,
): AsyncGenerator<Uint8Array> {
  if (entry.problem) throw new ZipFormatError(entry.problem);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize)
      throw new ZipFormatError('its stored sizes disagree');
    if (entry.compressedSize > options.maxBytes) throw new EntryLimitError('it is too large');
    for (let at = 0; at < entry.compressedSize; at += STORED_CHUNK) {
      const length = Math.min(STORED_CHUNK, entry.compressedSize - at);
      const chunk = await readExact(source, entry.dataOffset + at, length);
      if (!chunk) throw new ZipFormatError('its data is cut off');
      options.onBytes?.(chunk.length);
      yield chunk;
    }
    return;
  }
  if (entry.method !== 8) throw new ZipFormatError(`it uses compression method ${entry.method}`);
  yield* inflate(source, entry, options);
}

async function* inflate(source: RandomAccessSource, entry: ZipEntry, options: EntryReadOptions) {
  const inflater = new DecompressionStream('deflate-raw');
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  let stopped = false;
  // Feeds compressed bytes a little at a time; each write waits until the inflater has
  // room, i.e. until the output was read, so memory stays flat whatever the ratio.
  const feeding = (async () => {
    for (let at = 0; at < entry.compressedSize && !stopped; at += DEFLATED_CHUNK) {
      const length = Math.min(DEFLATED_CHUNK, entry.compressedSize - at);
      const chunk = await readExact(source, entry.dataOffset + at, length);
      if (!chunk) throw new ZipFormatError('its data is cut off');
      await writer.write(chunk.slice());
    }
    if (!stopped) await writer.close();
  })();
  // Surfaced by the reader; this only keeps an early failure from going unhandled.
  feeding.catch(() => undefined);
  let produced = 0;
  let finished = false;
  try {
    for (;;) {
      const next = await Promise.race([
        reader.read(),
        feeding.then(
          () => new Promise<never>(() => undefined),
          (error: unknown) =>
            Promise.reject(error instanceof Error ? error : new Error(String(error))),
        ),
      ]);
      if (next.done) break;
      produced += next.value.length;
      if (produced > options.maxBytes) throw new EntryLimitError('it inflates beyond its size');
      options.onBytes?.(next.value.length);
      yield next.value;
    }
    await feeding;
    finished = true;
  } catch (error) {
    if (error instanceof EntryLimitError || error instanceof ZipFormatError) throw error;
    throw new ZipFormatError('its compressed data is damaged');
  } finally {
    stopped = true;
    if (!finished) {
      await reader.cancel().catch(() => undefined);
      await writer.abort().catch(() => undefined);
    }
  }
}
