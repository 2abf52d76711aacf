// An evidence package made in a real browser and checked by the command line, against a
// real listening server with a local timestamp authority. A lawyer, working in Kazakh on a
// phone-sized screen, adds a photo and a document to a case; both get a trusted timestamp.
// She builds the evidence package with a Kazakh summary: this tab decrypts every file as
// it streams into the ZIP and saves it; the server records the export with the manifest's
// SHA-256. Then `qorgan evidence verify` passes every item, checking the timestamps against
// the authority's CA; the ZIP holds exactly the photo and the document, byte for byte;
// the summary PDF names the case in Kazakh letters; each item's custody log has the export.
// Changing one byte of the document in the package makes verification fail, naming it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import type { Browser } from 'playwright-core';
import { extractText } from 'unpdf';
import { custodyReport } from '../src/common/api/evidence.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { createTestCase } from '../test/helpers/cases.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation } from '../test/helpers/factories.ts';
import { call } from '../test/helpers/http.ts';
import { startTestTsa, type TestTsa } from '../test/helpers/test-tsa.ts';
import { browserSkip, launchBrowser, REPO_ROOT } from './helpers/browser.ts';
import { inApp, signIn } from './helpers/cases.ts';
import {
  listItems,
  photoWithGps,
  startEvidenceStack,
  type EvidenceStack,
} from './helpers/evidence.ts';
import { ScreenWatch } from './helpers/records.ts';

const skip = browserSkip();
const [pglite] = engines();
const locale = 'kk' as const;
const tr = (key: TranslationKey, params?: Record<string, string | number>) =>
  translate(locale, key, params);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function unzip(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false });
  const out = new Map<string, Uint8Array>();
  for (const entry of await reader.getEntries())
    if (!entry.directory) out.set(entry.filename, await entry.getData(new Uint8ArrayWriter()));
  await reader.close();
  return out;
}

function verifyCli(zipPath: string, caPath: string) {
  const run = spawnSync(
    path.join(REPO_ROOT, 'node_modules/.bin/node'),
    [path.join(REPO_ROOT, 'src/cli/main.ts'), 'evidence', 'verify', zipPath, '--tsa-ca', caPath],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

describe('evidence package export', { skip }, () => {
  let browser: Browser;
  let stack: EvidenceStack;
  let tsa: TestTsa;
  let folder: string;
  before(async () => {
    if (!pglite) throw new Error('no PGlite engine');
    tsa = await startTestTsa();
    stack = await startEvidenceStack(pglite, { tsa });
    browser = await launchBrowser();
    folder = await mkdtemp(path.join(tmpdir(), 'qorgan-e2e-evidence-package-'));
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    await tsa?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test('a lawyer exports a case’s evidence in Kazakh; `qorgan evidence verify` passes it', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Құқық');
    const lawyer = await addMember(t, org, 'lawyer');
    const caseTitle = 'Әсемнің ісі: отбасындағы қамау';
    const theCase = await createTestCase(t, org, lawyer, { title: caseTitle });
    const photo = await photoWithGps();
    const document = Buffer.from('Полицияға арыз, 2026 ж. 3 наурыз. Тіркеуден бас тартты.\n');

    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, lawyer, locale, 'Құқық');
    await inApp(page, `/app/cases/${theCase.id}`);
    const section = page.getByRole('region', { name: tr('evidence.title') });
    const upload = page.getByRole('form', { name: tr('evidence.upload.title') });
    const send = async (
      file: { name: string; mimeType: string; buffer: Buffer },
      title: string,
    ) => {
      await upload.getByLabel(tr('evidence.upload.file'), { exact: true }).setInputFiles(file);
      await upload.getByTestId('evidence-chosen').waitFor();
      await upload.getByLabel(tr('evidence.field.title'), { exact: true }).fill(title);
      await upload.getByRole('button', { name: tr('evidence.upload.submit'), exact: true }).click();
      await upload.getByTestId('upload-done').waitFor({ timeout: 60_000 });
      await upload.getByText(tr('evidence.upload.stamped')).waitFor();
    };
    await send({ name: 'соққы.jpg', mimeType: 'image/jpeg', buffer: photo }, 'Соққының ізі');
    await send({ name: 'арыз.txt', mimeType: 'text/plain', buffer: document }, 'Полицияға арыз');
    await section.getByTestId('evidence-item').nth(1).waitFor();

    const exportForm = page.getByRole('form', { name: tr('evidence.export.title') });
    const boxes = exportForm.getByTestId('export-item');
    assert.equal(await boxes.count(), 2);
    for (const box of await boxes.all()) assert.ok(await box.isChecked(), 'every item is chosen');
    await exportForm.getByLabel(tr('evidence.export.language'), { exact: true }).selectOption('kk');
    await watch.screen(page, 'case with the export form');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      exportForm.getByRole('button', { name: tr('evidence.export.button'), exact: true }).click(),
    ]);
    const zipPath = path.join(folder, download.suggestedFilename());
    await download.saveAs(zipPath);
    assert.match(download.suggestedFilename(), /^evidence-C-[A-Z0-9-]+-\d{4}-\d{2}-\d{2}\.zip$/);
    await exportForm.getByTestId('export-done').waitFor({ timeout: 60_000 });
    const shown = (await exportForm.getByTestId('export-digest').textContent()) ?? '';
    await watch.screen(page, 'case after the export');

    // ---- the command line checks the package ----
    const checked = verifyCli(zipPath, tsa.caCertPath);
    assert.equal(checked.status, 0, checked.out);
    const passLines = checked.out.split('\n').filter((l) => /^PASS\b/.test(l.trim()));
    assert.ok(passLines.length >= 2, `a PASS line per item:\n${checked.out}`);
    assert.doesNotMatch(checked.out, /^\s*FAIL\b/m);

    // ---- what the package holds ----
    const zip = new Uint8Array(await readFile(zipPath));
    const entries = await unzip(zip);
    const manifestBytes = entries.get('manifest.json');
    assert.ok(manifestBytes);
    const manifestSha = sha256(manifestBytes);
    assert.ok(shown.includes(manifestSha), 'the page shows the manifest’s SHA-256');
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as {
      language: string;
      case: { reference: string; title: string };
      items: {
        id: string;
        title: string;
        files: { role: string; path: string; sha256: string }[];
        timestamps: unknown[];
      }[];
    };
    assert.equal(manifest.language, 'kk');
    assert.equal(manifest.case.title, caseTitle);
    assert.equal(manifest.case.reference, theCase.reference);
    assert.equal(manifest.items.length, 2);
    for (const item of manifest.items) assert.equal(item.timestamps.length, 1, item.title);
    const file = (title: string, role: string) => {
      const entry = manifest.items
        .find((i) => i.title === title)
        ?.files.find((f) => f.role === role);
      assert.ok(entry, `${title} ${role}`);
      return entries.get(entry.path);
    };
    assert.equal(sha256(file('Соққының ізі', 'original') ?? new Uint8Array()), sha256(photo));
    assert.ok(file('Соққының ізі', 'working'), 'the working copy is in the package');
    assert.equal(sha256(file('Полицияға арыз', 'original') ?? new Uint8Array()), sha256(document));
    for (const name of entries.keys()) {
      assert.match(name, /^[A-Za-z0-9._/-]+$/, `entry names come from ids and roles: ${name}`);
    }
    const summary = entries.get('summary.pdf');
    assert.ok(summary);
    const { text } = await extractText(new Uint8Array(summary), { mergePages: true });
    assert.ok(text.includes('Әсемнің'), 'the summary names the case in Kazakh letters');

    // ---- the export is in each item's custody log, with the manifest's hash ----
    const items = (await listItems(t, lawyer, { caseId: theCase.id })).items;
    for (const item of items) {
      const res = await call(t, 'GET', `/api/evidence/items/${item.id}/custody`, {
        cookie: lawyer.cookie,
      });
      const report = custodyReport.parse(res.json());
      assert.ok(
        report.entries.some(
          (e) => e.action === 'evidence.exported' && e.fields.packageManifestSha256 === manifestSha,
        ),
        `the export is in the custody log of ${item.id}`,
      );
    }

    // ---- one changed byte in the document: verification fails and names it ----
    const documentEntry = manifest.items.find((i) => i.title === 'Полицияға арыз');
    assert.ok(documentEntry);
    const at = Buffer.from(zip).indexOf(Buffer.from('Тіркеуден'));
    assert.ok(at > 0, 'the document is stored uncompressed in the ZIP');
    const tampered = Buffer.from(zip);
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    const tamperedPath = path.join(folder, 'tampered.zip');
    await writeFile(tamperedPath, tampered);
    const failed = verifyCli(tamperedPath, tsa.caCertPath);
    assert.notEqual(failed.status, 0, failed.out);
    const failLine = failed.out
      .split('\n')
      .find((l) => /^\s*FAIL\b/.test(l) && l.includes(documentEntry.id));
    assert.ok(failLine, `a FAIL line names the document's item:\n${failed.out}`);

    assert.deepEqual(watch.problems, []);
    await context.close();
  });
});
