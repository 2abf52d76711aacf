// `qorgan evidence verify` through the real command line: a good package prints PASS for
// every item and exits 0; a changed byte prints FAIL naming the item and the file and
// exits 1; input that is not a package exits 2. Hostile entry names are printed escaped
// and never touch the file system.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { makeTestCa, openssl, startTestTsa, type TestTsa } from '../helpers/test-tsa.ts';
import {
  buildBytes,
  flipByte,
  indexOf,
  rezip,
  sampleItems,
  stamp,
  unzipAll,
  type FixtureItem,
} from '../evidence/package-fixtures.ts';

const execFileAsync = promisify(execFile);
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

let tsa: TestTsa;
let dir: string;
let items: FixtureItem[];
let zip: Uint8Array;
const file = (name: string) => path.join(dir, name);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `qorgan evidence verify …`; resolves with the exit code whatever it is. */
async function verify(args: string[], cwd?: string): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execFileAsync(
      process.execPath,
      [MAIN, 'evidence', 'verify', ...args],
      { cwd, maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

before(async () => {
  tsa = await startTestTsa();
  dir = await mkdtemp(path.join(tmpdir(), 'qorgan-verify-cli-'));
  items = sampleItems();
  for (const item of items) item.input.timestamps.push(await stamp(tsa, item.hashManifest));
  zip = (await buildBytes({ items: items.map((i) => i.input), tsaCaPem: [tsa.caPem] })).zip;
  await writeFile(file('good.zip'), zip);
  await writeFile(file('ca.pem'), tsa.caPem);
});
after(async () => {
  await tsa.close();
  await rm(dir, { recursive: true, force: true });
});

const id = (n: number) => items[n]?.input.id ?? '';

describe('qorgan evidence verify', () => {
  test('a good package: PASS per item, the CA it trusted, exit 0', async () => {
    const { code, stdout } = await verify([file('good.zip')]);
    assert.equal(code, 0, stdout);
    const lines = stdout.split('\n');
    assert.match(lines[0] ?? '', /^Checking .*good\.zip \(\d+ bytes\)$/);
    assert.ok(
      lines.includes(
        'PASS  manifest.json: 2 items, case C-7KQ3, made 2026-11-24T10:05:00Z by Dana Lawyer',
      ),
    );
    for (const entry of ['README.txt', 'summary.pdf', 'SHA256SUMS', 'tsa/ca-1.pem'])
      assert.ok(lines.includes(`PASS  ${entry}`), entry);
    const tsaName = 'CN=Qorgan Test TSA, O=Qorgan Tests';
    assert.ok(
      lines.some((l) =>
        new RegExp(
          `^PASS  item 01 ${id(0)} \\(IMG_2041\\.jpg\\): 3 files, timestamp \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ by ${tsaName}$`,
        ).test(l),
      ),
      stdout,
    );
    assert.ok(
      lines.some((l) =>
        l.startsWith(`PASS  item 02 ${id(1)} (Пост с угрозами): 4 files, timestamp`),
      ),
    );
    assert.match(stdout, /INSIDE THE PACKAGE/);
    // The fingerprint shown is the one openssl computes for that certificate.
    const fingerprint = (
      await openssl(['x509', '-in', file('ca.pem'), '-noout', '-fingerprint', '-sha256'])
    )
      .trim()
      .replace(/^.*=/, '');
    assert.ok(stdout.includes(`SHA-256 ${fingerprint}`), stdout);
    assert.match(lines.at(-3) ?? '', /^Result: PASS — 2 item\(s\)/);
  });

  test('--tsa-ca: checked against the given CA; another CA fails every timestamp', async () => {
    const given = await verify([file('good.zip'), '--tsa-ca', file('ca.pem')]);
    assert.equal(given.code, 0);
    assert.ok(
      given.stdout.includes(`checked against the TSA CA certificate(s) in ${file('ca.pem')}`),
    );
    assert.doesNotMatch(given.stdout, /INSIDE THE PACKAGE/);

    const other = await makeTestCa(dir, 'Unrelated CA');
    const wrong = await verify([file('good.zip'), '--tsa-ca', other.certPath]);
    assert.equal(wrong.code, 1);
    for (const [n, name] of [
      [0, 'IMG_2041.jpg'],
      [1, 'Пост с угрозами'],
    ] as const)
      assert.ok(
        wrong.stdout.includes(
          `FAIL  item 0${n + 1} ${id(n)} (${name}): timestamp-1.tsr was not signed by a certificate of the trusted TSA CA`,
        ),
        wrong.stdout,
      );
    assert.match(wrong.stdout, /Result: FAIL — 2 of 2 item\(s\) failed\./);
  });

  test('one changed byte in an item file: FAIL naming the item and the file, exit 1', async () => {
    const at = indexOf(zip, new TextEncoder().encode('<<capture-screenshot>>'));
    await writeFile(file('tampered.zip'), flipByte(zip, at + 2));
    const { code, stdout } = await verify([file('tampered.zip')]);
    assert.equal(code, 1);
    assert.ok(stdout.includes(`PASS  item 01 ${id(0)} (IMG_2041.jpg)`));
    assert.ok(
      stdout.includes(
        `FAIL  item 02 ${id(1)} (Пост с угрозами): screenshot.png: SHA-256 differs from manifest.json`,
      ),
      stdout,
    );
    assert.match(stdout, /Result: FAIL — 1 of 2 item\(s\) failed\./);
  });

  test('one changed byte in a token: FAIL naming the token, every problem on its own line', async () => {
    const token = items[0]?.input.timestamps[0]?.token;
    assert.ok(token);
    const at = indexOf(zip, token);
    await writeFile(file('token.zip'), flipByte(zip, at + Math.floor(token.length / 3)));
    const { code, stdout } = await verify([file('token.zip')]);
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    const start = lines.findIndex((l) => l.startsWith(`FAIL  item 01 ${id(0)}`));
    assert.ok(start >= 0, stdout);
    assert.ok(lines[start]?.endsWith('timestamp-1.tsr: SHA-256 differs from manifest.json'));
    assert.match(lines[start + 1] ?? '', /^ {6}timestamp-1\.tsr /);
  });

  test('entries with hostile names: reported escaped, nothing written anywhere', async () => {
    const entries = await unzipAll(zip);
    const names = ['../escaped.txt', '\u001b[2J\u001b[32mPASS  everything\u001b[0m', 'x\u0000y'];
    const planted = await rezip([
      ...[...entries].map(([name, data]) => ({ name, data })),
      ...names.map((name) => ({ name, data: new TextEncoder().encode('planted') })),
    ]);
    const work = path.join(dir, 'cwd', 'inner');
    await mkdir(work, { recursive: true });
    await writeFile(file('planted.zip'), planted);
    const { code, stdout } = await verify([file('planted.zip')], work);
    assert.equal(code, 1);
    assert.ok(!stdout.includes('\u001b'), 'no raw escape character reaches the terminal');
    assert.ok(!stdout.includes('\u0000'));
    assert.ok(
      stdout.includes('FAIL  unexpected entry "../escaped.txt": not listed in manifest.json'),
    );
    assert.ok(
      stdout.includes(
        'FAIL  unexpected entry "\\u001b[2J\\u001b[32mPASS  everything\\u001b[0m": not listed in manifest.json',
      ),
    );
    assert.ok(stdout.includes('FAIL  unexpected entry "x\\u0000y"'));
    assert.deepEqual(await readdir(work), []);
    assert.deepEqual(await readdir(path.join(dir, 'cwd')), ['inner']);
  });

  test('a truncated package: FAIL for the package and the cut item, exit 1', async () => {
    const at = indexOf(zip, new TextEncoder().encode('<<capture-screenshot>>'));
    await writeFile(file('cut.zip'), zip.subarray(0, at));
    const { code, stdout } = await verify([file('cut.zip')]);
    assert.equal(code, 1);
    assert.ok(stdout.includes(`PASS  item 01 ${id(0)}`), stdout);
    assert.ok(stdout.includes(`FAIL  item 02 ${id(1)} (Пост с угрозами): `));
    assert.match(stdout, /FAIL {2}package: the package is truncated or damaged/);
    assert.match(stdout, /FAIL {2}package: entry items\/02-.*\/screenshot\.png is cut off/);
  });

  test('input that is not a package, or no input at all, exits 2', async () => {
    await writeFile(file('notes.txt'), 'just some text, not a zip');
    const notZip = await verify([file('notes.txt')]);
    assert.equal(notZip.code, 2);
    assert.match(notZip.stderr, /notes\.txt is not an evidence package: this is not a ZIP file/);
    assert.equal(notZip.stdout, '');

    const missing = await verify([file('nowhere.zip')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such package: .*nowhere\.zip/);

    const badCa = await verify([file('good.zip'), '--tsa-ca', file('notes.txt')]);
    assert.equal(badCa.code, 2);
    assert.match(badCa.stderr, /notes\.txt holds no PEM certificate/);
  });

  test('--json prints the whole result', async () => {
    const { code, stdout } = await verify([file('good.zip'), '--json']);
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as { ok: boolean; items: { id: string; ok: boolean }[] };
    assert.equal(result.ok, true);
    assert.deepEqual(
      result.items.map((i) => i.id),
      [id(0), id(1)],
    );
  });

  test('--help describes the command', async () => {
    const { stdout } = await execFileAsync(process.execPath, [
      MAIN,
      'evidence',
      'verify',
      '--help',
    ]);
    assert.match(stdout, /Usage: qorgan evidence verify \[options\] <package>/);
    assert.match(stdout, /--tsa-ca <file>/);
  });
});
