// Byte-level searches for canaries: the ways a leaked text could be written down (UTF-8,
// UTF-16LE, hex as PostgreSQL prints bytea, base64 at every alignment, JSON \u escapes,
// percent-encoding), a walk of a folder that survives unreadable entries and files that
// vanish mid-walk, a streaming file scan, and pg_dump of a database as text.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir } from 'node:fs/promises';
import path from 'node:path';

/** A random ASCII canary: `canary-<what>-<16 hex>`. */
export function canary(what: string): string {
  return `canary-${what}-${randomBytes(8).toString('hex')}`;
}

/** A random Cyrillic (Kazakh) canary, to catch paths that re-encode text. */
export function kazakhCanary(): string {
  return `Қанарей-${randomBytes(8).toString('hex')}`;
}

export interface Needle {
  /** Which canary, and in which encoding. */
  label: string;
  bytes: Buffer;
}

/** The characters of base64(bytes) that do not depend on what comes before or after. */
function base64Cores(bytes: Buffer, url: boolean): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString(
      url ? 'base64url' : 'base64',
    );
    // Character i carries bits [6i, 6i + 6): keep those entirely inside the canary's bytes.
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + bytes.length)) / 6);
    const core = encoded.slice(first, end);
    if (core.length >= 12) cores.push(core);
  }
  return cores;
}

/** Every encoding of `value` searched for (a text canary, or raw bytes such as a photo's). */
export function needlesOf(label: string, value: string | Buffer): Needle[] {
  const utf8 = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  const out: Needle[] = [{ label: `${label} (bytes)`, bytes: utf8 }];
  const add = (encoding: string, text: string) =>
    out.push({ label: `${label} (${encoding})`, bytes: Buffer.from(text, 'latin1') });
  if (typeof value === 'string') {
    out.push({ label: `${label} (UTF-16LE)`, bytes: Buffer.from(value, 'utf16le') });
    if (/[^\x20-\x7e]/.test(value)) {
      const escaped = (upper: boolean) =>
        value.replace(/[^\x20-\x7e]/g, (c) => {
          const hex = c.charCodeAt(0).toString(16).padStart(4, '0');
          return `\\u${upper ? hex.toUpperCase() : hex}`;
        });
      add('JSON escape', escaped(false));
      add('JSON escape, upper case', escaped(true));
      const percent = encodeURIComponent(value);
      add('percent-encoded', percent);
      add(
        'percent-encoded, lower case',
        percent.replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase()),
      );
    }
  }
  add('hex', utf8.toString('hex'));
  add('HEX', utf8.toString('hex').toUpperCase());
  for (const core of base64Cores(utf8, false)) add('base64', core);
  for (const core of base64Cores(utf8, true)) if (/[-_]/.test(core)) add('base64url', core);
  return out;
}

export interface Hit {
  where: string;
  label: string;
}

/**
 * Many needles searched in one pass: each position's next four bytes are looked up in a
 * table of the needles' first four bytes, and only the rare candidates are compared in
 * full. (One Buffer.includes per needle would read a 40 MB data folder hundreds of times.)
 */
export class NeedleSet {
  readonly needles: readonly Needle[];
  readonly longest: number;
  private readonly filter = new Uint8Array(1 << 20);
  private readonly byPrefix = new Map<number, Needle[]>();

  constructor(needles: readonly Needle[]) {
    this.needles = needles;
    this.longest = Math.max(4, ...needles.map((n) => n.bytes.length));
    for (const needle of needles) {
      if (needle.bytes.length < 4) throw new Error(`needle too short: ${needle.label}`);
      const prefix = needle.bytes.readUInt32LE(0);
      this.filter[NeedleSet.slot(prefix)] = 1;
      const list = this.byPrefix.get(prefix);
      if (list) list.push(needle);
      else this.byPrefix.set(prefix, [needle]);
    }
  }

  private static slot(prefix: number): number {
    return Math.imul(prefix, 0x9e3779b1) >>> 12;
  }

  /** Labels of the needles that occur in `haystack`. */
  find(haystack: Buffer): Set<string> {
    const found = new Set<string>();
    const end = haystack.length - 3;
    for (let i = 0; i < end; i++) {
      const prefix = haystack.readUInt32LE(i);
      if (this.filter[NeedleSet.slot(prefix)] === 0) continue;
      for (const needle of this.byPrefix.get(prefix) ?? []) {
        const { bytes } = needle;
        if (
          i + bytes.length <= haystack.length &&
          haystack.compare(bytes, 0, bytes.length, i, i + bytes.length) === 0
        ) {
          found.add(needle.label);
        }
      }
    }
    return found;
  }
}

/** The needles found in `haystack`. */
export function findIn(where: string, haystack: Buffer, needles: NeedleSet): Hit[] {
  return [...needles.find(haystack)].map((label) => ({ where, label }));
}

export interface WalkOptions {
  /** Only files modified at or after this time (ms since the epoch). */
  modifiedSince?: number;
  /** Folders not descended into (absolute paths). */
  exclude?: readonly string[];
}

export interface Walk {
  files: string[];
  /** Entries that could not be listed or examined, with why. */
  skipped: string[];
}

/**
 * Regular files under `root`, without following symbolic links. Sockets, FIFOs and
 * devices are left out (reading a FIFO would block); a folder that cannot be listed (another
 * process's private folder) and an entry that vanished while walking are noted, not fatal.
 */
export async function walkFiles(root: string, options: WalkOptions = {}): Promise<Walk> {
  const exclude = new Set((options.exclude ?? []).map((p) => path.resolve(p)));
  const files: string[] = [];
  const skipped: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push(`${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!exclude.has(full)) await visit(full);
        continue;
      }
      if (!entry.isFile()) continue;
      if (options.modifiedSince !== undefined) {
        try {
          if ((await lstat(full)).mtimeMs < options.modifiedSince) continue;
        } catch (error) {
          skipped.push(`${full}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
          continue;
        }
      }
      files.push(full);
    }
  };
  await visit(path.resolve(root));
  return { files, skipped };
}

export interface FileScan {
  hits: Hit[];
  /** Files read to the end. */
  scanned: number;
  bytes: number;
  /** Files that could not be opened or read (gone, no permission), with why. */
  unreadable: string[];
}

const CHUNK = 8 * 1024 * 1024;

/** Streams each file in chunks that overlap by the longest needle, so no match is split. */
export async function scanFiles(
  files: readonly string[],
  needles: NeedleSet,
  describe: (file: string) => string = (f) => f,
): Promise<FileScan> {
  const overlap = needles.longest - 1;
  const result: FileScan = { hits: [], scanned: 0, bytes: 0, unreadable: [] };
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (const file of files) {
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      result.unreadable.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      continue;
    }
    try {
      const found = new Set<string>();
      let carry = Buffer.alloc(0);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        result.bytes += bytesRead;
        const window =
          carry.length === 0
            ? buffer.subarray(0, bytesRead)
            : Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
        for (const label of needles.find(window)) found.add(label);
        carry = Buffer.from(window.subarray(Math.max(0, window.length - overlap)));
      }
      for (const label of found) result.hits.push({ where: describe(file), label });
      result.scanned++;
    } catch (error) {
      result.unreadable.push(`${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    } finally {
      await handle.close();
    }
  }
  return result;
}

/** `pg_dump` of a database as plain SQL text (extra arguments such as --inserts). */
export function pgDump(url: string, extra: readonly string[] = []): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/pg_dump', ['--no-owner', '--no-privileges', ...extra, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`pg_dump exited ${code}: ${Buffer.concat(err).toString('utf8')}`));
    });
  });
}
