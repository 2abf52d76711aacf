// Evidence package round trip: items with real timestamp tokens from an openssl TSA are
// packed into a ZIP that a standard unzip, sha256sum and `openssl ts -verify` accept and
// our verifier passes; then one byte changed anywhere (an item file, a hash manifest, a
// token, manifest.json), an added entry or a truncated ZIP makes verification fail naming
// the item and the file.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  PackageBuildError,
  buildEvidencePackage,
} from '../../src/common/evidence/package/build.ts';
import {
  packageManifestSchema,
  type PackageItemFile,
} from '../../src/common/evidence/package/manifest.ts';
import {
  bytesSource,
  verifyEvidencePackage,
  type PackageVerification,
} from '../../src/common/evidence/package/verify.ts';
import { makeTestCa, startTestTsa, type TestTsa } from '../helpers/test-tsa.ts';
import {
  buildBytes,
  collect,
  fixtureItem,
  flipByte,
  indexOf,
  jpegBytes,
  packageOptions,
  rezip,
  sampleItems,
  sha256,
  stamp,
  unzipAll,
  type FixtureItem,
} from './package-fixtures.ts';

const run = promisify(execFile);
let tsa: TestTsa;
let items: FixtureItem[];
let zip: Uint8Array;
let manifestSha256: string;
let done: { bytes: number; sha256: string };
let dir: string;

before(async () => {
  tsa = await startTestTsa();
  dir = await mkdtemp(path.join(tmpdir(), 'qorgan-package-'));
  items = sampleItems();
  for (const item of items) item.input.timestamps.push(await stamp(tsa, item.hashManifest));
  const built = await buildBytes({ items: items.map((i) => i.input), tsaCaPem: [tsa.caPem] });
  zip = built.zip;
  manifestSha256 = built.manifestSha256;
  done = built.result;
});
after(async () => {
  await tsa.close();
  await rm(dir, { recursive: true, force: true });
});

const verify = (bytes: Uint8Array, trustedCaPem?: string[]) =>
  verifyEvidencePackage(bytesSource(bytes), trustedCaPem ? { trustedCaPem } : {});

const idOf = (n: number) => items[n]?.input.id ?? '';

function failuresOf(result: PackageVerification, number: number): string[] {
  const item = result.items.find((i) => i.number === number);
  assert.ok(item, `item ${number} in the result`);
  return item.failures;
}

describe('a package made from two items', () => {
  test('lays out only names made from numbers, ids and roles', async () => {
    const entries = [...(await unzipAll(zip)).keys()];
    const [photo, page] = [idOf(0), idOf(1)];
    assert.deepEqual(entries, [
      'manifest.json',
      'README.txt',
      'summary.pdf',
      'SHA256SUMS',
      'tsa/ca-1.pem',
      `items/01-${photo}/original.jpg`,
      `items/01-${photo}/working.jpg`,
      `items/01-${photo}/thumbnail.jpg`,
      `items/01-${photo}/hash-manifest.json`,
      `items/01-${photo}/timestamp-1.tsr`,
      `items/02-${page}/screenshot.png`,
      `items/02-${page}/html.html`,
      `items/02-${page}/mhtml.mhtml`,
      `items/02-${page}/capture_metadata.json`,
      `items/02-${page}/hash-manifest.json`,
      `items/02-${page}/timestamp-1.tsr`,
    ]);
  });

  test('holds every file byte for byte, and manifest.json describes them', async () => {
    const entries = await unzipAll(zip);
    const manifestBytes = entries.get('manifest.json');
    assert.ok(manifestBytes);
    assert.equal(sha256(manifestBytes), manifestSha256);
    const manifest = packageManifestSchema.parse(
      JSON.parse(new TextDecoder().decode(manifestBytes)),
    );
    assert.equal(manifest.case.reference, 'C-7KQ3');
    assert.equal(manifest.items.length, 2);
    for (const [n, fixture] of items.entries()) {
      const item = manifest.items[n];
      assert.ok(item);
      assert.equal(item.id, fixture.input.id);
      assert.equal(item.originalName, fixture.input.meta.originalName);
      // Staff notes stay out unless the exporter asks for them.
      assert.equal(item.description, null);
      assert.equal(item.custody.length, 2);
      assert.deepEqual(entries.get(item.hashManifest.path), fixture.hashManifest);
      for (const [k, file] of fixture.files.entries()) {
        const listed: PackageItemFile | undefined = item.files[k];
        assert.ok(listed);
        assert.equal(listed.role, file.role);
        assert.deepEqual(entries.get(listed.path), file.bytes);
        assert.equal(listed.sha256, sha256(file.bytes));
        assert.equal(listed.size, file.bytes.length);
      }
      const stamped = fixture.input.timestamps[0];
      assert.ok(stamped);
      assert.equal(item.timestamps[0]?.genTime, new Date(stamped.genTime).toISOString());
    }
    assert.equal(manifest.items[1]?.capture?.finalUrl, 'https://example.test/post/123?ref=share');
  });

  test('reports the size and SHA-256 of the whole ZIP once it is read', () => {
    assert.equal(done.bytes, zip.length);
    assert.equal(done.sha256, sha256(zip));
  });

  test('passes verification against the package CA, and says that is what it used', async () => {
    const result = await verify(zip);
    assert.equal(result.ok, true, JSON.stringify(result, null, 2));
    assert.equal(result.manifest.sha256, manifestSha256);
    assert.equal(result.trust.source, 'package');
    assert.equal(result.trust.certificates.length, 1);
    assert.match(result.trust.certificates[0]?.subject ?? '', /CN=Qorgan Test Root CA/);
    for (const item of result.items) {
      assert.equal(item.ok, true);
      assert.equal(item.timestamps.length, 1);
      assert.match(item.timestamps[0]?.tsaSubject ?? '', /CN=Qorgan Test TSA/);
    }
  });

  test('passes against the CA given by the expert, and fails against another CA', async () => {
    const given = await verify(zip, [tsa.caPem]);
    assert.equal(given.ok, true);
    assert.equal(given.trust.source, 'given');

    const other = await makeTestCa(dir, 'Some Other CA');
    const wrong = await verify(zip, [other.certPem]);
    assert.equal(wrong.ok, false);
    for (const n of [1, 2])
      assert.ok(
        failuresOf(wrong, n).includes(
          'timestamp-1.tsr was not signed by a certificate of the trusted TSA CA',
        ),
        failuresOf(wrong, n).join('\n'),
      );
  });

  test('standard tools agree: unzip -t, sha256sum -c and openssl ts -verify', async () => {
    const zipPath = path.join(dir, 'package.zip');
    const out = path.join(dir, 'unzipped');
    await writeFile(zipPath, zip);
    const tested = await run('unzip', ['-t', zipPath]);
    assert.match(tested.stdout, /No errors detected/);
    await run('unzip', ['-q', zipPath, '-d', out]);
    const sums = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out });
    assert.equal(sums.stdout.trim().split('\n').length, 14);
    assert.doesNotMatch(sums.stdout, /FAILED/);
    const caPath = path.join(dir, 'expert-ca.pem');
    await writeFile(caPath, tsa.caPem);
    for (const folder of await readdir(path.join(out, 'items'))) {
      const item = path.join(out, 'items', folder);
      const { stdout } = await run('openssl', [
        'ts',
        '-verify',
        '-data',
        path.join(item, 'hash-manifest.json'),
        '-in',
        path.join(item, 'timestamp-1.tsr'),
        '-CAfile',
        caPath,
      ]);
      assert.match(stdout, /Verification: OK/);
      // hash-manifest.json is what the token covers: the files' hashes are in it.
      const hashManifest = JSON.parse(
        await readFile(path.join(item, 'hash-manifest.json'), 'utf8'),
      ) as {
        files: { role: string; sha256: string }[];
      };
      for (const file of hashManifest.files) {
        const name = (await readdir(item)).find((n) => n.startsWith(`${file.role}.`));
        assert.ok(name);
        assert.equal(sha256(await readFile(path.join(item, name))), file.sha256);
      }
    }
  });

  test('with Zip64 records throughout, it still verifies and unzip still reads it', async () => {
    const built = await buildBytes({
      items: items.map((i) => i.input),
      tsaCaPem: [tsa.caPem],
      zip64: true,
    });
    // A Zip64 end-of-central-directory record is present.
    assert.ok(indexOf(built.zip, new Uint8Array([0x50, 0x4b, 0x06, 0x06])) > 0);
    const result = await verify(built.zip);
    assert.equal(result.ok, true, JSON.stringify(result.items.map((i) => i.failures)));
    const zipPath = path.join(dir, 'zip64.zip');
    await writeFile(zipPath, built.zip);
    assert.match((await run('unzip', ['-t', zipPath])).stdout, /No errors detected/);
    // Cut inside the second item: the walk over Zip64 local headers still checks the first.
    const at = indexOf(built.zip, new TextEncoder().encode('<<capture-screenshot>>'));
    const cut = await verify(built.zip.subarray(0, at));
    assert.equal(cut.items[0]?.ok, true, cut.items[0]?.failures.join('\n'));
    assert.equal(cut.items[1]?.ok, false);
  });

  test('a package without timestamps still verifies, saying there is none', async () => {
    const [plain] = sampleItems();
    assert.ok(plain);
    const built = await buildBytes({ items: [plain.input] });
    const result = await verify(built.zip);
    assert.equal(result.ok, true);
    assert.equal(result.items[0]?.timestamps.length, 0);
    assert.equal(result.trust.source, 'none');
  });
});

describe('a changed byte fails the item it belongs to, naming the file', () => {
  test('in an item file', async () => {
    const at = indexOf(zip, new TextEncoder().encode('<<capture-screenshot>>'));
    assert.ok(at > 0);
    const result = await verify(flipByte(zip, at + 3));
    assert.equal(result.ok, false);
    assert.equal(result.items[0]?.ok, true);
    assert.deepEqual(failuresOf(result, 2), ['screenshot.png: SHA-256 differs from manifest.json']);
  });

  test('in a hash manifest: its hash and every token over it fail', async () => {
    const hm = items[0]?.hashManifest;
    assert.ok(hm);
    const at = indexOf(zip, hm);
    assert.ok(at > 0);
    const result = await verify(flipByte(zip, at + 40));
    assert.equal(result.items[1]?.ok, true);
    const failures = failuresOf(result, 1);
    assert.ok(
      failures.includes('hash-manifest.json: SHA-256 differs from manifest.json'),
      failures.join('\n'),
    );
    assert.ok(
      failures.includes(
        'timestamp-1.tsr does not stamp this hash-manifest.json (the stamped digest differs)',
      ),
      failures.join('\n'),
    );
  });

  test('in a timestamp token', async () => {
    const token = items[1]?.input.timestamps[0]?.token;
    assert.ok(token);
    const at = indexOf(zip, token);
    assert.ok(at > 0);
    // A byte inside the signed TSTInfo, near the middle of the token.
    const result = await verify(flipByte(zip, at + Math.floor(token.length / 3)));
    assert.equal(result.items[0]?.ok, true);
    const failures = failuresOf(result, 2);
    assert.equal(failures[0], 'timestamp-1.tsr: SHA-256 differs from manifest.json');
    assert.ok(failures.length >= 2, 'the token check itself fails too');
  });

  test('in manifest.json, on an item file’s hash', async () => {
    const original = items[0]?.files[0];
    assert.ok(original);
    const hex = new TextEncoder().encode(sha256(original.bytes));
    const at = indexOf(zip, hex);
    assert.ok(at > 0 && at < 100_000);
    // Another hex digit, so that the manifest is still well-formed.
    const changed = zip.slice();
    changed[at + 10] = changed[at + 10] === 0x30 ? 0x31 : 0x30;
    const result = await verify(changed);
    assert.equal(result.manifest.ok, true, result.manifest.problem);
    assert.notEqual(result.manifest.sha256, manifestSha256);
    assert.equal(result.items[1]?.ok, true);
    assert.deepEqual(failuresOf(result, 1), [
      'original.jpg: hash-manifest.json records another SHA-256 than manifest.json',
      'original.jpg: SHA-256 differs from manifest.json',
    ]);
    // SHA256SUMS no longer agrees with the manifest either.
    assert.match(
      result.packageFiles.find((f) => f.path === 'SHA256SUMS')?.problem ?? '',
      /does not agree with manifest\.json about items\/01-.*\/original\.jpg/,
    );
  });

  test('in manifest.json, where it breaks the JSON', async () => {
    const at = indexOf(zip, new TextEncoder().encode('"format"'));
    const result = await verify(flipByte(zip, at)); // '"' becomes '#'
    assert.equal(result.ok, false);
    assert.equal(result.manifest.ok, false);
    assert.equal(result.manifest.problem, 'is not valid JSON');
    assert.deepEqual(result.problems, [
      'none of the other 15 entries can be checked without manifest.json',
    ]);
    assert.deepEqual(result.items, []);
  });
});

describe('entries added or missing', () => {
  test('an entry manifest.json does not list fails the package, named', async () => {
    const entries = await unzipAll(zip);
    const rebuilt = await rezip([
      ...[...entries].map(([name, data]) => ({ name, data })),
      { name: `items/01-${idOf(0)}/extra.jpg`, data: jpegBytes('planted') },
    ]);
    const result = await verify(rebuilt);
    assert.equal(result.ok, false);
    assert.deepEqual(result.unexpectedEntries, [`items/01-${idOf(0)}/extra.jpg`]);
    assert.ok(result.items.every((i) => i.ok));
  });

  test('a missing item file fails its item', async () => {
    const entries = await unzipAll(zip);
    const gone = `items/02-${idOf(1)}/html.html`;
    const rebuilt = await rezip(
      [...entries].filter(([name]) => name !== gone).map(([name, data]) => ({ name, data })),
    );
    const result = await verify(rebuilt);
    assert.deepEqual(failuresOf(result, 2), ['html.html: is missing from the package']);
  });

  test('a truncated ZIP is checked up to the cut, naming the entry that is cut off', async () => {
    const at = indexOf(zip, new TextEncoder().encode('<<capture-screenshot>>'));
    const result = await verify(zip.subarray(0, at + 100));
    assert.equal(result.ok, false);
    assert.ok(
      result.problems[0]?.startsWith('the package is truncated or damaged'),
      result.problems[0],
    );
    assert.ok(
      result.problems.includes(`entry items/02-${idOf(1)}/screenshot.png is cut off`),
      result.problems.join('\n'),
    );
    // Everything before the cut still verifies; the cut item names its files.
    assert.equal(result.items[0]?.ok, true, failuresOf(result, 1).join('\n'));
    const failures = failuresOf(result, 2);
    assert.ok(
      failures.includes('screenshot.png: it is cut off: the package is truncated'),
      failures.join('\n'),
    );
    assert.ok(failures.includes('html.html: is missing: the package is cut off before it'));
  });

  test('a file that is not a ZIP is unreadable, not a failed package', async () => {
    await assert.rejects(verify(new TextEncoder().encode('not a zip at all')), {
      name: 'UnreadablePackageError',
    });
  });
});

describe('the builder refuses what would not verify', () => {
  test('a file whose content differs from its sealed hash errors the stream, naming it', async () => {
    const [item] = sampleItems();
    assert.ok(item);
    const other = jpegBytes('not the original', item.files[0]?.bytes.length);
    const input = {
      ...item.input,
      openFile: async function* () {
        yield other;
      },
    };
    const built = await buildEvidencePackage(await packageOptions({ items: [input] }));
    await assert.rejects(collect(built.stream), (error: Error) => {
      assert.equal(error.name, 'PackageBuildError');
      assert.equal(
        error.message,
        `item 1 (${item.input.id}): original does not match its recorded SHA-256`,
      );
      return true;
    });
    await assert.rejects(built.done, PackageBuildError);
  });

  test('a hash manifest that lists other files is refused before anything is written', async () => {
    const [a, b] = sampleItems();
    assert.ok(a && b);
    const input = { ...a.input, hashManifest: b.hashManifest };
    await assert.rejects(
      buildEvidencePackage(await packageOptions({ items: [input] })),
      (error: Error) => error instanceof PackageBuildError && /hash manifest/.test(error.message),
    );
  });

  test('zero items, or the same item twice, are refused', async () => {
    await assert.rejects(
      buildEvidencePackage(await packageOptions({ items: [] })),
      PackageBuildError,
    );
    const [a] = sampleItems();
    assert.ok(a);
    await assert.rejects(
      buildEvidencePackage(await packageOptions({ items: [a.input, a.input] })),
      /listed twice/,
    );
  });

  test('staff notes go in only when asked for', async () => {
    const item = fixtureItem({
      files: [{ role: 'original', bytes: jpegBytes('notes'), mediaType: 'image/jpeg' }],
      description: 'Передала сестра; её имя не разглашать.',
    });
    const built = await buildBytes({ items: [item.input], includeDescriptions: true });
    assert.equal(built.manifest.items[0]?.description, 'Передала сестра; её имя не разглашать.');
  });
});
