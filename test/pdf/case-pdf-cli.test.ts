// `qorgan case-pdf` through the real command line: a decrypted case JSON becomes a PDF
// readable only by its owner; bad input is refused with a message that says what is wrong
// and where, exit code 1, and no file written.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { extractText, getMeta } from 'unpdf';
import { KAZAKH_WORDS, sampleModel } from './fixtures.ts';

const run = promisify(execFile);
const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
let dir: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qorgan-case-pdf-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const casePdf = (...args: string[]) => run(process.execPath, [MAIN, 'case-pdf', ...args]);

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

test('a decrypted case JSON becomes a Kazakh PDF only its owner can read', async () => {
  const input = path.join(dir, 'case.json');
  const output = path.join(dir, 'case.pdf');
  await writeFile(input, JSON.stringify(sampleModel({ lines: 20 })));
  const { stdout } = await casePdf('--input', input, '--locale', 'kk', '--output', output);
  assert.match(stdout, /case\.pdf/);
  assert.match(stdout, /decrypted data/);
  assert.equal((await stat(output)).mode & 0o777, 0o600);

  const { readFile } = await import('node:fs/promises');
  const pdf = new Uint8Array(await readFile(output));
  const { text, totalPages } = await extractText(new Uint8Array(pdf), { mergePages: true });
  assert.ok(totalPages > 1);
  assert.ok(text.includes('Іс материалдары'));
  for (const word of KAZAKH_WORDS) assert.ok(text.includes(word), `"${word}" missing`);
  assert.ok(text.includes(`1-бет, барлығы ${totalPages}`));
  assert.equal((await getMeta(pdf)).info.Title, 'C-7KQ3');
});

test('an incomplete case is refused, naming each wrong field, and no PDF is written', async () => {
  const model = sampleModel({ lines: 1 });
  const broken = {
    ...model,
    case: { ...model.case, reference: undefined },
    timeline: [{ date: '2026-02-30', kind: 'note', title: 'x' }],
    surplus: true,
  };
  const input = path.join(dir, 'broken.json');
  const output = path.join(dir, 'broken.pdf');
  await writeFile(input, JSON.stringify(broken));
  await assert.rejects(
    casePdf('--input', input, '--output', output),
    (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /is not a case file this version can print/);
      assert.match(error.stderr, /case\.reference: /);
      assert.match(error.stderr, /timeline\[0\]\.date: is not a real calendar date/);
      assert.match(error.stderr, /Unrecognized key: "surplus"/);
      return true;
    },
  );
  assert.equal(await exists(output), false);
});

test('a file that is not JSON, a missing file and an unknown language are refused clearly', async () => {
  const notJson = path.join(dir, 'not.json');
  await writeFile(notJson, '{ "case": ');
  const output = path.join(dir, 'never.pdf');
  const refusals: [string[], RegExp][] = [
    [['--input', notJson, '--output', output], /not\.json is not valid JSON/],
    [
      ['--input', path.join(dir, 'absent.json'), '--output', output],
      /no such file: .*absent\.json/,
    ],
    [
      ['--input', notJson, '--output', output, '--locale', 'de'],
      /the language is one of ru, kk, en/,
    ],
  ];
  for (const [args, message] of refusals) {
    await assert.rejects(casePdf(...args), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, message);
      return true;
    });
  }
  assert.equal(await exists(output), false);
});
