// Zip bombs and huge files. A package entry whose data inflates to a gibibyte of zeros is
// refused without being expanded — whether its header admits the size, or lies about it
// (then inflating stops at the size manifest.json gives) — and memory stays small. A
// quarter-gibibyte file goes through the builder and the verifier with flat memory.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { buildEvidencePackage } from '../../src/common/evidence/package/build.ts';
import { openFileSource } from '../../src/common/evidence/package/node-file-source.ts';
import {
  bytesSource,
  verifyEvidencePackage,
  type PackageVerification,
} from '../../src/common/evidence/package/verify.ts';
import {
  buildBytes,
  fixtureItem,
  jpegBytes,
  packageOptions,
  rezip,
  unzipAll,
  type RezipEntry,
} from './package-fixtures.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
let dir: string;
let entries: Map<string, Uint8Array>;
let originalPath: string;
let manifestText: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qorgan-package-bomb-'));
  const item = fixtureItem({
    files: [{ role: 'original', bytes: jpegBytes('bomb-target', 1000), mediaType: 'image/jpeg' }],
  });
  const built = await buildBytes({ items: [item.input] });
  entries = await unzipAll(built.zip);
  originalPath = built.manifest.items[0]?.files[0]?.path ?? '';
  manifestText = new TextDecoder().decode(entries.get('manifest.json'));
});
after(() => rm(dir, { recursive: true, force: true }));

/** `bytes` zeros, produced 1 MiB at a time (never held whole). */
function zeros(bytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(MiB);
  let left = bytes;
  return new ReadableStream({
    pull(controller) {
      if (left <= 0) return controller.close();
      const n = Math.min(left, chunk.length);
      left -= n;
      controller.enqueue(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/** The package's entries, with `replace` standing in for the ones it names. */
function withEntries(replace: Record<string, RezipEntry>): RezipEntry[] {
  return [...entries].map(([name, data]) => replace[name] ?? { name, data });
}

/** Sets the uncompressed size recorded for `name` in the central directory. */
function patchCentralSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = new TextEncoder().encode(name);
  for (let at = out.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(at + 28, true);
    const candidate = out.subarray(at + 46, at + 46 + nameLength);
    if (Buffer.from(candidate).equals(Buffer.from(encoded))) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central record for ${name}`);
}

/** Runs `work` while sampling RSS; returns its result and the peak growth in bytes. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  global.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

const failures = (result: PackageVerification) => result.items[0]?.failures ?? [];

describe('a zip bomb in a package', () => {
  let bomb: Uint8Array;

  before(async () => {
    // 1 GiB of zeros deflates to about 1 MiB.
    bomb = await rezip(
      withEntries({
        [originalPath]: { name: originalPath, data: zeros(GiB), level: 6, uncompressedSize: GiB },
      }),
    );
    assert.ok(bomb.length < 8 * MiB, `the bomb is ${bomb.length} bytes`);
  });

  test('whose header admits its size is refused unread', async () => {
    const { value: result, growth } = await measured(() =>
      verifyEvidencePackage(bytesSource(bomb)),
    );
    assert.equal(result.ok, false);
    assert.equal(failures(result).length, 1);
    assert.match(
      failures(result)[0] ?? '',
      /^original\.jpg: would inflate 10\d\d:1 — refused as a possible zip bomb, not expanded$/,
    );
    assert.ok(result.bytesRead < MiB, `read ${result.bytesRead} bytes`);
    assert.ok(growth < 64 * MiB, `memory grew by ${growth} bytes`);
  });

  test('whose header lies about its size stops inflating at the manifest size', async () => {
    const lying = patchCentralSize(bomb, originalPath, 1000);
    const { value: result, growth } = await measured(() =>
      verifyEvidencePackage(bytesSource(lying)),
    );
    assert.equal(result.ok, false);
    assert.deepEqual(failures(result), [
      'original.jpg: it inflates beyond its size; stopped at 1000 bytes',
    ]);
    // What was inflated is bounded by one inflater step, never the gibibyte.
    assert.ok(result.bytesRead < 32 * MiB, `read ${result.bytesRead} bytes`);
    assert.ok(growth < 96 * MiB, `memory grew by ${growth} bytes`);
  });

  test('that is not listed in manifest.json is reported and never read', async () => {
    // The same bomb under another name of the same length, in both of its headers.
    const renamed = originalPath.replace('original.jpg', 'original.bin');
    const planted = Buffer.from(bomb);
    for (
      let at = planted.indexOf(originalPath);
      at >= 0;
      at = planted.indexOf(originalPath, at + 1)
    ) {
      const local = at >= 30 && planted.readUInt32LE(at - 30) === 0x04034b50;
      const central = at >= 46 && planted.readUInt32LE(at - 46) === 0x02014b50;
      if (local || central) planted.write(renamed, at);
    }
    const result = await verifyEvidencePackage(bytesSource(new Uint8Array(planted)));
    assert.deepEqual(result.unexpectedEntries, [renamed]);
    assert.deepEqual(failures(result), ['original.jpg: is missing from the package']);
    assert.ok(result.bytesRead < MiB, `read ${result.bytesRead} bytes`);
  });
});

describe('compression ratios and sizes', () => {
  test('an entry the manifest says is large, but that compresses 1000:1, is refused unexpanded', async () => {
    const size = 64 * MiB;
    const manifest = manifestText.replace('"size": 1000,', `"size": ${size},`);
    assert.notEqual(manifest, manifestText);
    const zip = await rezip(
      withEntries({
        'manifest.json': { name: 'manifest.json', data: new TextEncoder().encode(manifest) },
        [originalPath]: { name: originalPath, data: zeros(size), level: 6, uncompressedSize: size },
      }),
    );
    const result = await verifyEvidencePackage(bytesSource(zip));
    assert.ok(
      failures(result).some((f) =>
        /^original\.jpg: would inflate \d+:1 — refused as a possible zip bomb, not expanded$/.test(
          f,
        ),
      ),
      failures(result).join('\n'),
    );
    assert.ok(result.bytesRead < MiB);
  });

  test('a manifest.json that claims to be huge is not read', async () => {
    const zip = await rezip(
      withEntries({
        'manifest.json': {
          name: 'manifest.json',
          data: zeros(128 * MiB),
          level: 6,
          uncompressedSize: 128 * MiB,
        },
      }),
    );
    const result = await verifyEvidencePackage(bytesSource(zip));
    assert.equal(result.ok, false);
    assert.equal(
      result.manifest.problem,
      `declares ${128 * MiB} bytes, too large for a manifest; not read`,
    );
    assert.ok(result.bytesRead < MiB);
  });

  test('a declared size past the configured limit is refused without reading', async () => {
    const result = await verifyEvidencePackage(bytesSource(await rezip(withEntries({}))), {
      limits: { maxEntryBytes: 999 },
    });
    assert.deepEqual(failures(result), [
      'original.jpg: declares 1000 bytes, more than any package entry may have; not read',
    ]);
  });

  test('the total a check may read is capped', async () => {
    const result = await verifyEvidencePackage(bytesSource(await rezip(withEntries({}))), {
      limits: { maxTotalBytes: 20_000 },
    });
    assert.equal(result.ok, false);
    assert.ok(
      result.packageFiles.some((f) => /exceeds the total size/.test(f.problem ?? '')) ||
        failures(result).some((f) => /exceeds the total size/.test(f)),
    );
  });
});

describe('a large file', () => {
  test('is packed and verified from disk with flat memory', async () => {
    const size = 256 * MiB;
    // Bytes that differ across the file (so a stray buffer reuse would show), made on the fly.
    const block = jpegBytes('large', MiB);
    const stream = () => {
      let left = size;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (left <= 0) return controller.close();
          const n = Math.min(left, block.length);
          left -= n;
          const chunk = block.slice(0, n);
          chunk[0] = left & 0xff;
          controller.enqueue(chunk);
        },
      });
    };
    // The plaintext hash, computed by streaming once (as the uploader would have).
    const hash = createHash('sha256');
    for await (const chunk of stream()) hash.update(chunk);
    const large = fixtureItem({
      files: [
        {
          role: 'original',
          bytes: new Uint8Array(0),
          mediaType: 'video/mp4',
          streamed: { size, sha256: hash.digest('hex'), open: stream },
        },
      ],
    });

    const zipPath = path.join(dir, 'large.zip');
    const built = await measured(async () => {
      const pkg = await buildEvidencePackage(await packageOptions({ items: [large.input] }));
      await pkg.stream.pipeTo(Writable.toWeb(createWriteStream(zipPath)));
      return pkg.done;
    });
    assert.equal((await stat(zipPath)).size, built.value.bytes);
    assert.ok(built.value.bytes > size);
    assert.ok(built.growth < 96 * MiB, `building grew memory by ${built.growth} bytes`);

    const source = await openFileSource(zipPath);
    try {
      const checked = await measured(() => verifyEvidencePackage(source));
      assert.equal(checked.value.ok, true, JSON.stringify(checked.value.items[0]?.failures));
      assert.ok(checked.value.bytesRead >= size);
      assert.ok(checked.growth < 96 * MiB, `verifying grew memory by ${checked.growth} bytes`);
    } finally {
      await source.close();
    }
  });
});
