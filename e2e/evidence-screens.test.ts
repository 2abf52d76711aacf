// The evidence screens in a real browser on a phone-sized screen, against a real listening
// server with a local timestamp authority:
//  - a case worker adds a photo with a GPS position to an incident: the type is read from
//    the content, the upload shows its progress, the item appears with its decrypted
//    title and a trusted timestamp; in Node, with the organisation key, the original is
//    byte for byte the photo (SHA-256 equal, GPS still there) while the working copy and
//    the thumbnail carry no EXIF at all; on the item page the working copy is shown, the
//    original downloads under its cleaned name, "verify now" passes and the custody
//    report lists the upload, the views, the download and the verification;
//  - a PNG named .pdf is caught as a mismatch, shown before and after the upload;
//  - the first upload PATCH is cut (Playwright aborts it) and the upload still completes,
//    resuming from the server's offset;
//  - the Russian and Kazakh screens show their own labels.
// Every screen: no request to another origin, no console error, no sideways scroll, no
// serious accessibility violation.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { EvidenceFile } from '../src/common/api/evidence.ts';
import { toHex } from '../src/common/crypto/index.ts';
import { decodeHashManifest, hashManifestDigest } from '../src/common/evidence/hash-manifest.ts';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import type { Locale } from '../src/common/api/accounts.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation } from '../test/helpers/factories.ts';
import { createTestIncident } from '../test/helpers/records.ts';
import { startTestTsa, type TestTsa } from '../test/helpers/test-tsa.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';
import { inApp, signIn } from './helpers/cases.ts';
import {
  getItem,
  listItems,
  overflowing,
  openItemInNode,
  photoWithGps,
  smallPng,
  startEvidenceStack,
  type EvidenceStack,
} from './helpers/evidence.ts';
import { ScreenWatch } from './helpers/records.ts';
import { checkIntegrity } from '../src/server/modules/evidence/check-integrity.ts';
import { flipByte, injectUploadItem } from '../test/evidence/upload-helpers.ts';

const skip = browserSkip();
const [pglite] = engines();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function labels(locale: Locale) {
  return (key: TranslationKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
}

/** The evidence section of the page, and its upload form. */
function evidenceOf(page: Page, locale: Locale) {
  const tr = labels(locale);
  const section = page.getByRole('region', { name: tr('evidence.title') });
  const upload = page.getByRole('form', { name: tr('evidence.upload.title') });
  return { section, upload, tr };
}

async function uploadThroughForm(
  page: Page,
  locale: Locale,
  file: { name: string; mimeType: string; buffer: Buffer },
  fields: { title?: string; description?: string; obtainedAt?: string } = {},
): Promise<void> {
  const { upload, tr } = evidenceOf(page, locale);
  await upload.getByLabel(tr('evidence.upload.file'), { exact: true }).setInputFiles(file);
  await upload.getByTestId('evidence-chosen').waitFor();
  if (fields.title)
    await upload.getByLabel(tr('evidence.field.title'), { exact: true }).fill(fields.title);
  if (fields.description) {
    await upload
      .getByLabel(tr('evidence.field.description'), { exact: true })
      .fill(fields.description);
  }
  if (fields.obtainedAt) {
    await upload
      .getByLabel(tr('evidence.field.obtainedAt'), { exact: true })
      .fill(fields.obtainedAt);
  }
  await upload.getByRole('button', { name: tr('evidence.upload.submit'), exact: true }).click();
  await upload.getByTestId('upload-done').waitFor({ timeout: 60_000 });
}

/** The screen checks, naming what sticks out when the page scrolls sideways. */
async function screen(watch: ScreenWatch, page: Page, name: string): Promise<void> {
  const before = watch.problems.length;
  await watch.screen(page, name);
  if (watch.problems.slice(before).some((p) => p.includes('scrolls sideways'))) {
    for (const element of await overflowing(page)) watch.problems.push(`${name}: ${element}`);
  }
}

describe('evidence screens', { skip }, () => {
  let browser: Browser;
  let stack: EvidenceStack;
  let tsa: TestTsa;
  before(async () => {
    if (!pglite) throw new Error('no PGlite engine');
    tsa = await startTestTsa();
    // Small segments: a photo takes several PATCH requests, so a cut one can be resumed.
    stack = await startEvidenceStack(pglite, { tsa, maxSegmentBytes: 128 * 1024 });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    await tsa?.close();
  });

  test('a photo with a GPS position: original kept whole, working copy without EXIF, verified, custody', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ');
    const worker = await addMember(t, org, 'case_worker');
    const incident = await createTestIncident(t, org);
    const photo = await photoWithGps();
    assert.ok((await exifr.gps(photo))?.latitude, 'control: the photo has a GPS position');
    const marker = randomBytes(4).toString('hex');
    const title = `Фото синяков, Әсем ${marker}`;
    const description = `Прислала подруга в Telegram ${marker}`;

    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, worker, 'en', 'Шырақ');
    await inApp(page, `/app/incidents/${incident.id}`);
    const { section, upload, tr } = evidenceOf(page, 'en');
    await section.getByText(tr('evidence.none')).waitFor();
    await screen(watch, page, 'incident with empty evidence');

    // A name with a path and a bidi override: cleaned before it is sealed.
    await upload
      .getByLabel(tr('evidence.upload.file'), { exact: true })
      .setInputFiles({ name: 'IMG_0042\u202e.jpg', mimeType: 'image/jpeg', buffer: photo });
    await upload.getByTestId('chosen-type').getByText('image/jpeg').waitFor();
    assert.equal(await upload.getByTestId('chosen-name').textContent(), 'IMG_0042.jpg');
    assert.equal(await upload.getByTestId('mismatch-warning').count(), 0);
    await upload.getByText(tr('evidence.upload.workingCopyNote')).waitFor();
    await upload.getByLabel(tr('evidence.field.title'), { exact: true }).fill(title);
    await upload.getByLabel(tr('evidence.field.description'), { exact: true }).fill(description);
    await upload.getByLabel(tr('evidence.field.obtainedAt'), { exact: true }).fill('2026-02-14');
    await screen(watch, page, 'upload form with a photo chosen');
    await upload.getByRole('button', { name: tr('evidence.upload.submit'), exact: true }).click();
    await upload.getByTestId('upload-done').waitFor({ timeout: 60_000 });
    await upload.getByText(tr('evidence.upload.stamped')).waitFor();

    const row = section.getByTestId('evidence-item');
    await row.getByTestId('evidence-item-title').getByText(title).waitFor();
    await row
      .getByTestId('timestamp-status')
      .getByText(/Timestamped/)
      .waitFor();
    assert.equal(await row.getByTestId('type-mismatch').count(), 0);
    await section.getByRole('button', { name: tr('evidence.showPreviews') }).click();
    await row.getByTestId('evidence-thumbnail').waitFor();
    await screen(watch, page, 'incident with a photo');

    // ---- what the server stored, opened in Node with the organisation key ----
    const list = await listItems(t, org.admin, { incidentId: incident.id });
    assert.equal(list.items.length, 1);
    const item = list.items[0];
    assert.ok(item);
    assert.equal(item.kind, 'file');
    assert.deepEqual(item.files.map((f) => f.role).sort(), ['original', 'thumbnail', 'working']);
    assert.equal(item.timestamps.length, 1, 'the manifest digest was timestamped');
    assert.equal(item.timestamps[0]?.digest, item.manifestDigest);
    assert.equal(item.collectedBy, worker.id);
    const opened = await openItemInNode(t, org.admin, org.orgKeyPair, item);
    assert.equal(opened.meta.title, title);
    assert.equal(opened.meta.description, description);
    assert.equal(opened.meta.obtainedAt, '2026-02-14');
    assert.equal(opened.meta.originalName, 'IMG_0042.jpg');
    assert.equal(opened.meta.typeMismatch, false);
    const original = opened.files.get('original');
    const working = opened.files.get('working');
    const thumbnail = opened.files.get('thumbnail');
    assert.ok(original && working && thumbnail);
    assert.ok(original.equals(photo), 'the original is the photo, byte for byte');
    const originalInfo = opened.meta.files.find((f) => f.role === 'original');
    assert.equal(originalInfo?.sha256, sha256(photo), 'the sealed SHA-256 is the photo’s');
    assert.equal(originalInfo?.mediaType, 'image/jpeg');
    assert.ok((await exifr.gps(original))?.latitude, 'the original keeps its GPS position');
    assert.equal(await exifr.gps(working), undefined, 'the working copy has no GPS position');
    assert.equal(await exifr.parse(working), undefined, 'the working copy has no EXIF at all');
    assert.equal(await exifr.parse(thumbnail), undefined, 'the thumbnail has no EXIF');
    const workingMeta = await sharp(working).metadata();
    assert.equal(workingMeta.format, 'jpeg');
    assert.equal(workingMeta.width, 640);
    assert.equal(workingMeta.height, 480);
    assert.equal(workingMeta.exif, undefined);
    const thumbMeta = await sharp(thumbnail).metadata();
    assert.ok((thumbMeta.width ?? 0) <= 320 && (thumbMeta.height ?? 0) <= 320);
    for (const info of opened.meta.files) {
      const bytes = opened.files.get(info.role);
      assert.ok(bytes);
      assert.equal(info.sha256, sha256(bytes), `sealed SHA-256 of the ${info.role}`);
      assert.equal(info.size, bytes.length);
      const storedFile: EvidenceFile | undefined = item.files.find((f) => f.id === info.fileId);
      assert.equal(
        storedFile?.ciphertextSha256,
        sha256(opened.ciphertext.get(info.role) ?? Buffer.alloc(0)),
      );
    }
    // The salted hash manifest: its digest is what was committed and timestamped.
    const manifestBytes = new TextEncoder().encode(opened.meta.hashManifest);
    const manifest = decodeHashManifest(manifestBytes);
    assert.equal(toHex(hashManifestDigest(manifestBytes)), item.manifestDigest);
    assert.equal(manifest.itemId, item.id);
    assert.match(manifest.salt, /^[0-9a-f]{64}$/);
    assert.equal(manifest.derivedFrom, 'original');
    assert.equal(manifest.files.find((f) => f.role === 'original')?.sha256, sha256(photo));
    // The plaintext hash is nowhere in the clear: not in the item the server sends.
    assert.ok(!JSON.stringify(item).includes(sha256(photo)));

    // ---- the item page: view, download, verify, custody ----
    await row.getByTestId('evidence-item-title').click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByTestId('original-name').getByText('IMG_0042.jpg').waitFor();
    await screen(watch, page, 'item page');
    await page
      .getByRole('button', {
        name: tr('evidence.files.viewLabel', { role: tr('evidence.role.working') }),
      })
      .click();
    await page.getByTestId('evidence-image').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('button', {
          name: tr('evidence.files.downloadLabel', { role: tr('evidence.role.original') }),
        })
        .click(),
    ]);
    assert.equal(download.suggestedFilename(), 'IMG_0042.jpg');
    const saved = await download.path();
    assert.ok(saved);
    assert.equal(sha256(await readFile(saved)), sha256(photo), 'the download is the original');

    await page.getByRole('button', { name: tr('evidence.verify.button'), exact: true }).click();
    await page
      .getByTestId('verify-result')
      .getByText(tr('evidence.verify.pass'))
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: tr('evidence.custody.show') }).click();
    const report = page.getByTestId('custody-report');
    await report
      .getByTestId('custody-chain')
      .getByText(tr('evidence.custody.chainIntact'))
      .waitFor();
    const actions = await report
      .getByTestId('custody-entry')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const action of [
      'evidence.uploaded',
      'evidence.timestamped',
      'evidence.viewed',
      'evidence.downloaded',
      'evidence.verified',
    ]) {
      assert.ok(actions.includes(action), `custody report has ${action}: ${actions.join(', ')}`);
    }
    const uploaded = actions.filter((a) => a === 'evidence.uploaded').length;
    assert.equal(uploaded, 3, 'one upload entry per stored file');
    await screen(watch, page, 'item page with verification and custody report');
    const reloaded = await getItem(t, org.admin, item.id);
    assert.equal(reloaded.timestamps.length, 1);

    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  test('a photo taken sideways gets an upright working copy, the original untouched', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ rotate');
    const incident = await createTestIncident(t, org);
    // Stored 640×480 with EXIF orientation 6: shown upright it is 480×640.
    const sideways = await sharp(await photoWithGps(640, 480))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    assert.equal((await sharp(sideways).metadata()).orientation, 6);
    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, org.admin, 'en', 'Шырақ rotate');
    await inApp(page, `/app/incidents/${incident.id}`);
    await uploadThroughForm(page, 'en', {
      name: 'sideways.jpg',
      mimeType: 'image/jpeg',
      buffer: sideways,
    });
    const [item] = (await listItems(t, org.admin, { incidentId: incident.id })).items;
    assert.ok(item);
    const opened = await openItemInNode(t, org.admin, org.orgKeyPair, item);
    assert.ok(opened.files.get('original')?.equals(sideways), 'the original is untouched');
    const working = await sharp(opened.files.get('working')).metadata();
    assert.equal(working.width, 480);
    assert.equal(working.height, 640);
    assert.equal(working.orientation, undefined, 'no orientation tag left to apply twice');
    const info = opened.meta.files.find((f) => f.role === 'working');
    assert.equal(info?.width, 480);
    assert.equal(info?.height, 640);
    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  test('a PNG named .pdf is caught as a type mismatch', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Көмек');
    const incident = await createTestIncident(t, org);
    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, org.admin, 'en', 'Көмек');
    await inApp(page, `/app/incidents/${incident.id}`);
    const { section, upload, tr } = evidenceOf(page, 'en');
    await upload.getByLabel(tr('evidence.upload.file'), { exact: true }).setInputFiles({
      name: 'statement.pdf',
      mimeType: 'application/pdf',
      buffer: await smallPng(),
    });
    await upload.getByTestId('mismatch-warning').waitFor();
    assert.equal(await upload.getByTestId('chosen-type').textContent(), 'image/png');
    await screen(watch, page, 'mismatch warning');
    await upload.getByRole('button', { name: tr('evidence.upload.submit'), exact: true }).click();
    await upload.getByTestId('upload-done').waitFor({ timeout: 60_000 });
    const row = section.getByTestId('evidence-item');
    await row.getByTestId('type-mismatch').waitFor();
    await row.getByText('statement.pdf').waitFor();

    const [item] = (await listItems(t, org.admin, { incidentId: incident.id })).items;
    assert.ok(item);
    const opened = await openItemInNode(t, org.admin, org.orgKeyPair, item);
    assert.equal(opened.meta.typeMismatch, true);
    assert.equal(opened.meta.declaredType, 'application/pdf');
    assert.equal(opened.meta.files.find((f) => f.role === 'original')?.mediaType, 'image/png');

    await row.getByTestId('evidence-item-title').click();
    await page.getByTestId('type-mismatch').waitFor();
    await page.getByText(tr('evidence.mismatchExplained', { type: 'application/pdf' })).waitFor();

    // An administrator deletes it, after confirming; the page returns to the incident.
    await page.getByRole('button', { name: tr('evidence.delete.button'), exact: true }).click();
    await page.getByRole('button', { name: tr('evidence.delete.confirm'), exact: true }).click();
    await section.getByText(tr('evidence.none')).waitFor();
    assert.equal((await listItems(t, org.admin, { incidentId: incident.id })).items.length, 0);
    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  test('a damaged stored file is flagged to the admin, whose notification opens the item', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Сақтау');
    const incident = await createTestIncident(t, org);
    const item = await injectUploadItem(
      t,
      org.admin,
      { parent: { incidentId: incident.id }, recordKey: incident.recordKey },
      new Uint8Array(randomBytes(90_000)),
    );
    const file = item.files[0];
    assert.ok(file);
    const { blob_key: blobKey } = await t.database.db
      .selectFrom('evidence_files')
      .select('blob_key')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    await flipByte(t.blobs.root, blobKey, 70_000);
    const run = await checkIntegrity({
      db: t.database.db,
      blobs: t.blobs,
      now: () => new Date(),
      everyHours: 0,
    });
    assert.ok(run.newlyFailed >= 1);

    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, org.admin, 'kk', 'Сақтау');
    const tr = (key: TranslationKey) => translate('kk', key);
    await inApp(page, '/app/notifications');
    await page.getByText(tr('notifications.kind.evidence_integrity')).first().waitFor();
    await page.getByRole('link', { name: tr('notifications.openEvidence'), exact: true }).click();
    await page.waitForURL(`**/app/evidence/${item.id}`);
    await page.getByText(tr('evidence.integrity.corrupt')).first().waitFor();
    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  test('an upload whose first PATCH is cut resumes and completes', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ resume');
    const incident = await createTestIncident(t, org);
    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, org.admin, 'en', 'Шырақ resume');
    await inApp(page, `/app/incidents/${incident.id}`);

    const patches: string[] = [];
    let cut = 0;
    await page.route('**/api/evidence/uploads/*', async (route) => {
      const request = route.request();
      if (request.method() !== 'PATCH') return route.continue();
      patches.push(request.headers()['upload-offset'] ?? '?');
      if (cut === 0) {
        cut++;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    // 600 KB of random bytes: five segments of 128 KiB.
    const bytes = Buffer.from(randomBytes(600 * 1024));
    await uploadThroughForm(
      page,
      'en',
      {
        name: 'recording.bin',
        mimeType: 'application/octet-stream',
        buffer: bytes,
      },
      { title: 'Voice message' },
    );
    assert.equal(cut, 1, 'one PATCH was cut');
    assert.ok(
      patches.length >= 6,
      `the upload went on after the cut: offsets ${patches.join(', ')}`,
    );
    assert.equal(patches[0], patches[1], 'the cut segment was sent again from the same offset');

    const [item] = (await listItems(t, org.admin, { incidentId: incident.id })).items;
    assert.ok(item);
    const opened = await openItemInNode(t, org.admin, org.orgKeyPair, item);
    assert.ok(opened.files.get('original')?.equals(bytes), 'the stored file is whole');
    assert.equal(opened.meta.files[0]?.mediaType, 'application/octet-stream');
    assert.deepEqual(
      watch.problems.filter((p) => !p.includes('ERR_CONNECTION_RESET')),
      [],
    );
    await context.close();
  });

  test('a stopped upload stores nothing and leaves no upload on the server', async () => {
    const { t, origin } = stack;
    const watch = new ScreenWatch(origin);
    const org = await createOrganisation(t, 'Шырақ stop');
    const incident = await createTestIncident(t, org);
    const context = await watch.context(browser);
    const page = await context.newPage();
    await signIn(page, origin, org.admin, 'en', 'Шырақ stop');
    await inApp(page, `/app/incidents/${incident.id}`);
    // The second segment never gets an answer: the member gives up waiting.
    let patches = 0;
    await page.route('**/api/evidence/uploads/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      patches++;
      if (patches === 1) return route.continue();
      await new Promise(() => undefined);
    });
    const { upload, tr } = evidenceOf(page, 'en');
    await upload.getByLabel(tr('evidence.upload.file'), { exact: true }).setInputFiles({
      name: 'video.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(randomBytes(400 * 1024)),
    });
    await upload.getByTestId('evidence-chosen').waitFor();
    await upload.getByRole('button', { name: tr('evidence.upload.submit'), exact: true }).click();
    await upload.getByTestId('upload-progress').waitFor();
    await page.waitForFunction(() => document.querySelector('progress')?.value !== 0);
    await upload.getByRole('button', { name: tr('evidence.upload.cancel'), exact: true }).click();
    await upload.getByText(tr('evidence.upload.cancelled')).waitFor();
    await page
      .getByRole('region', { name: tr('evidence.title') })
      .getByText(tr('evidence.none'))
      .waitFor();
    assert.equal((await listItems(t, org.admin, { incidentId: incident.id })).items.length, 0);
    const left = await t.database.db
      .selectFrom('evidence_uploads')
      .select('id')
      .where('organisation_id', '=', org.id)
      .execute();
    assert.deepEqual(left, [], 'the abandoned upload was discarded');
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    assert.deepEqual(watch.problems, []);
    await context.close();
  });

  for (const locale of ['ru', 'kk'] as const) {
    test(`the evidence section speaks ${locale}`, async () => {
      const { t, origin } = stack;
      const watch = new ScreenWatch(origin);
      const org = await createOrganisation(t, `Қорған ${locale}`);
      const incident = await createTestIncident(t, org);
      const context = await watch.context(browser);
      const page = await context.newPage();
      await signIn(page, origin, org.admin, locale, `Қорған ${locale}`);
      await inApp(page, `/app/incidents/${incident.id}`);
      const { section, upload, tr } = evidenceOf(page, locale);
      await section.getByRole('heading', { name: tr('evidence.title'), level: 2 }).waitFor();
      await section.getByText(tr('evidence.none')).waitFor();
      for (const key of [
        'evidence.upload.file',
        'evidence.field.title',
        'evidence.field.description',
        'evidence.field.obtainedAt',
      ] as const) {
        await upload.getByLabel(tr(key), { exact: true }).waitFor();
      }
      await upload
        .getByRole('button', { name: tr('evidence.upload.submit'), exact: true })
        .waitFor();
      const capture = page.getByRole('form', { name: tr('evidence.capture.title') });
      await capture.getByLabel(tr('evidence.capture.url'), { exact: true }).waitFor();
      await uploadThroughForm(page, locale, {
        name: 'заметка.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Жазба мәтіні\n'),
      });
      await section.getByTestId('evidence-item').getByText('заметка.txt').waitFor();
      await section.getByText(tr('evidence.integrity.unchecked')).waitFor();
      await screen(watch, page, `evidence in ${locale}`);
      assert.deepEqual(watch.problems, []);
      await context.close();
    });
  }
});
