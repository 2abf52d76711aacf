// The script of the public report pages (src/public-js), in a real browser against the
// real server (PGlite, a temporary blob store), once per language:
//  - a photo with GPS EXIF is sent with the report: the browser encrypts everything, the
//    bytes on the wire (recorded by a TCP relay in front of the server) contain neither
//    the narrative nor the photo nor its name, the report is stored as browser-encrypted,
//    the organisation key opens the exact narrative, and the working copy is an upright
//    JPEG without GPS, make or model;
//  - a file over the size limit is refused as soon as it is chosen, with the message in
//    the page's language, and sending makes no request;
//  - the reporter's message on /return/report is sealed to the organisation and to the
//    reporter, with its file;
//  - no request ever leaves the origin, and the pages log no error.
// Plus the fallbacks (answers the server would refuse go unencrypted and come back filled
// in) and the copies the script keeps of server rules (limits, file types, file names).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { deriveReporterKeys } from '../src/common/crypto/codename.ts';
import { decryptFieldText, openSealed, openSealedText } from '../src/common/crypto/envelope.ts';
import { openRecordKey } from '../src/common/crypto/keys.ts';
import { decryptBytes } from '../src/common/crypto/stream.ts';
import { DETAILS_CONTEXT, fileMeta, LIMITS, reportDetails } from '../src/common/intake/report.ts';
import { defaultConfig } from '../src/server/config.ts';
import { classifyUpload } from '../src/server/files/file-types.ts';
import { replaceExtension as serverReplaceExtension } from '../src/server/files/file-name.ts';
import { sanitiseFileName as serverSanitise } from '../src/server/files/file-name.ts';
import { UploadError } from '../src/server/files/upload-error.ts';
import { classifyFile } from '../src/public-js/file-types.ts';
import { replaceExtension, sanitiseFileName } from '../src/public-js/file-name.ts';
import { megabytes, translate, type Lang } from '../src/public-js/messages.ts';
import * as protocol from '../src/public-js/protocol.ts';
import { openDatabase } from '../src/server/db/client.ts';
import { migrate } from '../src/server/db/migrate.ts';
import { createOrganisation, type TestOrganisation } from '../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser, REPO_ROOT } from './helpers/browser.ts';

const MAX_FILE_BYTES = 1024 * 1024;
const VIEWPORT = { width: 360, height: 760 };
const LOCALES = ['ru', 'kk', 'en'] as const;

/** A random ASCII marker: found verbatim in any encoding a browser could send it in. */
const canary = (what: string) => `CANARY-${what}-${randomBytes(8).toString('hex')}`;

/**
 * A phone photo: noisy pixels (so its compressed bytes are distinctive), camera make and
 * model, a GPS position, and orientation 6 (stored sideways, shown upright).
 */
async function phonePhoto(): Promise<Buffer> {
  const width = 96;
  const height = 64;
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'CanaryMake', Model: 'CanaryModel' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '43/1 15/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '76/1 57/1 0/1',
      },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

const EXIF_OPTIONS = { tiff: true, exif: true, gps: true, xmp: true, iptc: true, ifd1: true };

async function metadataOf(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const found: unknown = await exifr.parse(Buffer.from(bytes), EXIF_OPTIONS);
  return (found ?? {}) as Record<string, unknown>;
}

/** Slices of `bytes` that must not appear on the wire: the EXIF block and the pixel data. */
function fingerprints(bytes: Buffer): Buffer[] {
  const slices: Buffer[] = [];
  for (const at of [0.1, 0.4, 0.6, 0.9]) {
    const start = Math.floor(bytes.length * at);
    slices.push(bytes.subarray(start, start + 24));
  }
  return slices;
}

interface Relay {
  origin: string;
  /** Every byte browsers sent since the last call (and forgets them). */
  take(): Buffer;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of the server that records every byte the browser sends, exactly
 * as it went over the wire (headers, multipart bodies, file parts).
 */
async function startRelay(targetPort: number): Promise<Relay> {
  let sent: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => sent.push(chunk));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    take() {
      const all = Buffer.concat(sent);
      sent = [];
      return all;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

interface Seen {
  method: string;
  url: string;
}

/** A browser context that records every request and every page problem. */
async function watchedContext(
  browser: Browser,
  origin: string,
): Promise<{ context: BrowserContext; requests: Seen[]; problems: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
  const requests: Seen[] = [];
  const problems: string[] = [];
  context.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
  context.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    // Chromium asks for /favicon.ico by itself; a form sent back with errors is a 422.
    const expected =
      path === '/favicon.ico' || (r.status() === 422 && r.request().method() === 'POST');
    if (r.status() >= 400 && !expected) problems.push(`${r.status()} for ${r.url()}`);
  });
  context.on('console', (m) => {
    // Every answer of 400 and more is also logged to the console; checked above instead.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource:')) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  context.on('weberror', (e) => problems.push(`page error: ${e.error().message}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP: ${e.effectiveDirective} blocked ${e.blockedURI}`),
    );
  });
  void origin;
  return { context, requests, problems };
}

function assertSameOrigin(requests: readonly Seen[], origin: string): void {
  const foreign = requests.filter((r) => !r.url.startsWith(`${origin}/`));
  assert.deepEqual(foreign, [], 'requests to another origin');
}

/** Opens the report form and waits until the script has taken it over. */
async function openReportForm(page: Page, origin: string, slug: string, lang: Lang) {
  await page.goto(`${origin}/report/${slug}?lang=${lang}`);
  await page.waitForSelector('form.report-form[data-enhanced="encrypt"]');
}

const skip = browserSkip();

describe('public form script, in a browser', { skip }, () => {
  let browser: Browser;
  let t: TestApp;
  let relay: Relay;
  let org: TestOrganisation;

  before(async () => {
    // `npm test` builds first; a direct `node --test` of this file may not have.
    const built = spawnSync(process.execPath, ['scripts/build-web.ts', '--if-stale'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    assert.equal(built.status, 0, 'the browser code builds');
    const database = await openDatabase({});
    await migrate(database);
    const base = defaultConfig();
    t = await createTestApp(database, {
      intake: {
        ...base.intake,
        maxFileBytes: MAX_FILE_BYTES,
        perClientSubmissions: 1000,
        globalSubmissionsPerMinute: 1000,
      },
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    relay = await startRelay((t.app.server.address() as AddressInfo).port);
    org = await createOrganisation(t, 'Шырақ');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await relay?.close();
    const database = t?.database;
    await t?.close();
    await database?.close();
  });

  /** The report a codename finds, as /return would find it. */
  async function reportOf(codename: string) {
    const { lookup } = deriveReporterKeys(codename, t.secrets.codenameSalt);
    return t.database.db
      .selectFrom('reports')
      .selectAll()
      .where('organisation_id', '=', org.id)
      .where('codename_lookup', '=', lookup)
      .executeTakeFirstOrThrow();
  }

  async function filesOf(reportId: string, messageId: string | null = null) {
    let query = t.database.db
      .selectFrom('report_files')
      .selectAll()
      .where('report_id', '=', reportId)
      .orderBy('created_at')
      .orderBy('role', 'desc');
    query =
      messageId === null
        ? query.where('message_id', 'is', null)
        : query.where('message_id', '=', messageId);
    const rows = await query.execute();
    return Promise.all(
      rows.map(async (row) => {
        const chunks: Uint8Array[] = [];
        for await (const chunk of await t.blobs.openRead(row.blob_key)) chunks.push(chunk);
        const fileKey = openSealed(org.orgKeyPair, row.sealed_file_key);
        const meta = fileMeta.parse(JSON.parse(openSealedText(org.orgKeyPair, row.sealed_meta)));
        return { row, meta, bytes: decryptBytes(fileKey, Buffer.concat(chunks)) };
      }),
    );
  }

  function assertNothingPlainOnTheWire(wire: Buffer, secrets: readonly (string | Buffer)[]) {
    assert.ok(wire.includes('multipart/form-data'), 'the relay saw the form being sent');
    for (const secret of secrets) {
      const shown = typeof secret === 'string' ? secret : `${secret.length} bytes of the photo`;
      assert.equal(wire.includes(secret), false, `on the wire: ${shown}`);
    }
  }

  for (const lang of LOCALES) {
    test(`${lang}: a report with a photo is encrypted in the browser; the receipt shows the codename`, async () => {
      const photo = await phonePhoto();
      const before = await metadataOf(photo);
      assert.equal(before.Make, 'CanaryMake', 'the fixture has a camera make');
      assert.ok(typeof before.latitude === 'number', 'the fixture has a GPS position');

      const narrative = `${canary('narrative')}\nВторая строка — екінші жол, “quoted”.`;
      const contact = canary('contact');
      const photoName = `${canary('name')}.jpg`;
      const { context, requests, problems } = await watchedContext(browser, relay.origin);
      const page = await context.newPage();
      await openReportForm(page, relay.origin, org.slug, lang);
      relay.take();

      await page.check('#f-incident_types-threats');
      await page.check('#f-wishes-contact_me');
      await page.fill('#f-narrative', narrative);
      await page.fill('#f-contact', contact);
      await page.setInputFiles('#f-files', {
        name: photoName,
        mimeType: 'image/jpeg',
        buffer: photo,
      });
      await page.click('form.report-form button[type="submit"]');
      const codename = (await page.locator('p.codename').textContent({ timeout: 30_000 }))?.trim();
      assert.match(codename ?? '', /^[a-z]+( [a-z]+){7}$/, 'the receipt shows eight words');
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);

      const wire = relay.take();
      assertNothingPlainOnTheWire(wire, [
        narrative.split('\n')[0] ?? narrative,
        contact,
        photoName,
        'CanaryMake',
        ...fingerprints(photo),
      ]);
      const posts = requests.filter((r) => r.method === 'POST');
      assert.deepEqual(
        posts.map((r) => new URL(r.url).pathname),
        [`/report/${org.slug}`],
        'one form submission',
      );

      // The codename on the receipt is the one that finds this report.
      const report = await reportOf(codename ?? '');
      assert.equal(report.encrypted_by, 'browser');
      assert.equal(report.locale, lang);
      assert.deepEqual(report.incident_types, ['threats']);
      assert.deepEqual(report.wishes, ['contact_me']);

      const recordKey = openRecordKey(report.sealed_record_key, org.orgKeyPair);
      assert.ok(report.sealed_details, 'details are stored');
      const details = reportDetails.parse(
        JSON.parse(decryptFieldText(recordKey, report.sealed_details, DETAILS_CONTEXT)),
      );
      assert.deepEqual(details, { narrative, contact });

      const files = await filesOf(report.id);
      assert.equal(files.length, 1, 'only the working copy (metadata not kept)');
      const [working] = files;
      assert.ok(working);
      assert.equal(working.row.role, 'working');
      assert.equal(working.meta.name, photoName);
      assert.equal(working.meta.type, 'image/jpeg');
      assert.equal(working.meta.metadataRemoved, true);
      assert.equal(working.meta.size, working.bytes.length);
      assert.equal(working.meta.sha256, createHash('sha256').update(working.bytes).digest('hex'));
      const described = await sharp(working.bytes).metadata();
      assert.equal(described.format, 'jpeg');
      assert.deepEqual(
        [described.width, described.height],
        [64, 96],
        'turned upright by its EXIF orientation',
      );
      const left = await metadataOf(working.bytes);
      for (const tag of ['Make', 'Model', 'latitude', 'longitude', 'GPSLatitude']) {
        assert.equal(left[tag], undefined, `working copy still has ${tag}`);
      }
      assert.equal(described.exif, undefined, 'no EXIF block at all');

      assertSameOrigin(requests, relay.origin);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test(`${lang}: a file over the size limit is refused when chosen, and nothing is sent`, async () => {
      const { context, requests, problems } = await watchedContext(browser, relay.origin);
      const page = await context.newPage();
      await openReportForm(page, relay.origin, org.slug, lang);
      const big = {
        name: 'recording.mp4',
        mimeType: 'video/mp4',
        buffer: randomBytes(1.5 * MAX_FILE_BYTES),
      };
      await page.check('#f-incident_types-threats');
      await page.fill('#f-narrative', canary('narrative'));
      await page.setInputFiles('#f-files', big);

      const expected = translate(lang, 'file_too_large', {
        name: big.name,
        actual: megabytes(lang, big.buffer.length, true),
        size: megabytes(lang, MAX_FILE_BYTES),
      });
      const message = page.locator('#f-files-check');
      await message.waitFor();
      assert.equal((await message.textContent())?.trim(), expected);
      assert.equal(await page.getAttribute('#f-files', 'aria-invalid'), 'true');
      const describedBy = (await page.getAttribute('#f-files', 'aria-describedby')) ?? '';
      assert.ok(
        describedBy.split(' ').includes('f-files-check'),
        'the message describes the field',
      );

      // The browser's own check stops the form; with that bypassed, the script stops it.
      await page.click('form.report-form button[type="submit"]');
      await page.evaluate(() => {
        const form = document.querySelector<HTMLFormElement>('form.report-form');
        form?.setAttribute('novalidate', '');
        form?.requestSubmit();
      });
      await page.locator('.form-status').waitFor();
      assert.equal(
        (await page.locator('.form-status').textContent())?.trim(),
        translate(lang, 'fix_files'),
      );
      assert.deepEqual(
        requests.filter((r) => r.method !== 'GET'),
        [],
        'no form submission was made',
      );
      assert.equal(new URL(page.url()).pathname, `/report/${org.slug}`);

      // Choosing a smaller file clears the message.
      await page.setInputFiles('#f-files', {
        name: 'note.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('a note'),
      });
      await message.waitFor({ state: 'detached' });
      assert.equal(await page.getAttribute('#f-files', 'aria-invalid'), null);
      assertSameOrigin(requests, relay.origin);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test(`${lang}: a message from the return page is sealed in the browser, with its file`, async () => {
      // A report to come back to, sent with the script.
      const { context, requests, problems } = await watchedContext(browser, relay.origin);
      const page = await context.newPage();
      await openReportForm(page, relay.origin, org.slug, lang);
      await page.check('#f-incident_types-harassment');
      await page.click('form.report-form button[type="submit"]');
      const codename =
        (await page.locator('p.codename').textContent({ timeout: 30_000 }))?.trim() ?? '';
      const report = await reportOf(codename);

      await page.goto(`${relay.origin}/return?lang=${lang}`);
      await page.fill('input[name="codename"]', codename);
      await page.click('form.codename-form button[type="submit"]');
      await page.waitForSelector('form.message-form[data-enhanced="encrypt"]');

      const text = `${canary('message')}\nЕщё строка. Тағы бір жол.`;
      const pdf = Buffer.from(`%PDF-1.4\n% ${canary('pdf')}\n%%EOF\n`);
      relay.take();
      await page.fill('form.message-form textarea[name="body"]', text);
      await page.setInputFiles('form.message-form input[name="files"]', {
        name: 'statement.pdf',
        mimeType: 'application/pdf',
        buffer: pdf,
      });
      await page.click('form.message-form button[type="submit"]');
      await page.waitForURL(/\/return\/report\?sent=1/);

      const wire = relay.take();
      assertNothingPlainOnTheWire(wire, [text.split('\n')[0] ?? text, 'statement.pdf', pdf]);

      const message = await t.database.db
        .selectFrom('report_messages')
        .selectAll()
        .where('report_id', '=', report.id)
        .where('author', '=', 'reporter')
        .executeTakeFirstOrThrow();
      assert.equal(openSealedText(org.orgKeyPair, message.sealed_for_org), text);
      const reporter = deriveReporterKeys(codename, t.secrets.codenameSalt);
      assert.equal(openSealedText(reporter.keyPair, message.sealed_for_reporter), text);
      const files = await filesOf(report.id, message.id);
      assert.equal(files.length, 1);
      assert.deepEqual(Buffer.from(files[0]?.bytes ?? []), pdf);
      assert.deepEqual(files[0]?.meta, {
        name: 'statement.pdf',
        type: 'application/pdf',
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        metadataRemoved: false,
      });
      // The thread shows the message, opened with the codename's key on the server.
      assert.ok((await page.textContent('.thread'))?.includes(text.split('\n')[0] ?? ''));

      assertSameOrigin(requests, relay.origin);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('kept metadata: the original is stored untouched beside the stripped working copy', async () => {
    const photo = await phonePhoto();
    const { context, requests, problems } = await watchedContext(browser, relay.origin);
    const page = await context.newPage();
    await openReportForm(page, relay.origin, org.slug, 'en');
    await page.check('#f-incident_types-physical_violence');
    await page.check('#f-keep_metadata');
    await page.setInputFiles('#f-files', [
      { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain notes\n') },
    ]);
    relay.take();
    // Sent twice in a row (a double tap): the second is ignored while the first encrypts.
    await page.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('form.report-form');
      form?.requestSubmit();
      form?.requestSubmit();
    });
    const codename = (await page.locator('p.codename').textContent({ timeout: 30_000 })) ?? '';
    assertNothingPlainOnTheWire(relay.take(), ['CanaryMake', ...fingerprints(photo)]);
    assert.equal(requests.filter((r) => r.method === 'POST').length, 1, 'one submission');

    const report = await reportOf(codename.trim());
    assert.equal(report.encrypted_by, 'browser');
    assert.equal(report.sealed_details, null, 'nothing written, no sealed details');
    const files = await filesOf(report.id);
    const byRole = (role: string, type: string) =>
      files.find((f) => f.row.role === role && f.meta.type === type);
    const working = byRole('working', 'image/jpeg');
    const original = byRole('original', 'image/jpeg');
    const notes = byRole('working', 'text/plain');
    assert.equal(files.length, 3);
    assert.ok(working && original && notes);
    assert.equal(original.row.original_of, working.row.id);
    assert.deepEqual(Buffer.from(original.bytes), photo, 'the original, byte for byte');
    assert.equal(original.meta.metadataRemoved, false);
    assert.equal((await metadataOf(original.bytes)).Make, 'CanaryMake');
    assert.equal((await metadataOf(working.bytes)).Make, undefined);
    assert.equal(Buffer.from(notes.bytes).toString('utf8'), 'plain notes\n');
    assertSameOrigin(requests, relay.origin);
    assert.deepEqual(problems, []);
    await context.close();
  });

  /** Sends a report with a narrative and a photo; returns the stored report and its files. */
  async function sendPhotoReport(page: Page, lang: Lang, narrative: string, photo: Buffer) {
    await openReportForm(page, relay.origin, org.slug, lang);
    await page.check('#f-incident_types-online_hate');
    await page.fill('#f-narrative', narrative);
    await page.setInputFiles('#f-files', {
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await page.click('form.report-form button[type="submit"]');
    const codename = (await page.locator('p.codename').textContent({ timeout: 30_000 })) ?? '';
    const report = await reportOf(codename.trim());
    return { report, files: await filesOf(report.id) };
  }

  function openDetails(report: {
    sealed_record_key: Uint8Array;
    sealed_details: Uint8Array | null;
  }) {
    const recordKey = openRecordKey(report.sealed_record_key, org.orgKeyPair);
    assert.ok(report.sealed_details);
    return reportDetails.parse(
      JSON.parse(decryptFieldText(recordKey, report.sealed_details, DETAILS_CONTEXT)),
    );
  }

  test('when the encryption module cannot load, the plain form is sent and the server encrypts it', async () => {
    const { context, requests, problems } = await watchedContext(browser, relay.origin);
    await context.route('**/public/report-form/**', (route) => route.abort());
    const page = await context.newPage();
    const narrative = `Модуль не загрузился. ${canary('narrative')}`;
    const { report, files } = await sendPhotoReport(page, 'ru', narrative, await phonePhoto());
    assert.equal(report.encrypted_by, 'server');
    assert.deepEqual(openDetails(report), { narrative });
    assert.equal(files.length, 1);
    assert.equal((await metadataOf(files[0]?.bytes ?? new Uint8Array())).Make, undefined);
    assertSameOrigin(requests, relay.origin);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('where a canvas gives back altered pixels (anti-fingerprinting), the server makes the photo copy', async () => {
    const { context, requests, problems } = await watchedContext(browser, relay.origin);
    // What Brave or Tor Browser do to canvas read-back, in miniature.
    await context.addInitScript(() => {
      for (const proto of [
        CanvasRenderingContext2D.prototype,
        OffscreenCanvasRenderingContext2D.prototype,
      ]) {
        const original = proto.getImageData;
        proto.getImageData = function (this: never, ...args: Parameters<typeof original>) {
          const image = original.apply(this, args);
          image.data[0] = (image.data[0] ?? 0) ^ 1;
          return image;
        } as typeof original;
      }
    });
    const page = await context.newPage();
    const photo = await phonePhoto();
    const narrative = `Холст искажён. ${canary('narrative')}`;
    const { report, files } = await sendPhotoReport(page, 'kk', narrative, photo);
    assert.equal(report.encrypted_by, 'server');
    assert.deepEqual(openDetails(report), { narrative });
    const [working] = files;
    assert.ok(working);
    assert.equal(working.meta.metadataRemoved, true);
    assert.equal((await metadataOf(working.bytes)).latitude, undefined);
    assertSameOrigin(requests, relay.origin);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('answers the server would refuse go unencrypted and come back filled in', async () => {
    const { context, requests, problems } = await watchedContext(browser, relay.origin);
    const page = await context.newPage();
    await openReportForm(page, relay.origin, org.slug, 'ru');
    const narrative = 'Без отметки «что случилось».';
    await page.fill('#f-narrative', narrative);
    await page.click('form.report-form button[type="submit"]');
    await page.locator('#error-summary').waitFor();
    // The server could show the narrative again only because it could read it.
    assert.equal(await page.inputValue('#f-narrative'), narrative);
    assert.equal(requests.filter((r) => r.method === 'POST').length, 1);
    assertSameOrigin(requests, relay.origin);
    assert.deepEqual(problems, []);
    await context.close();
  });
});

describe('public form script: copies of server rules', () => {
  test('the limits and the details context match src/common/intake/report.ts', () => {
    assert.equal(protocol.DETAILS_CONTEXT, DETAILS_CONTEXT);
    assert.equal(protocol.FILES_PER_SUBMISSION, LIMITS.filesPerSubmission);
    assert.equal(protocol.FILE_NAME_CHARS, LIMITS.fileNameChars);
    assert.equal(protocol.MESSAGE_CHARS, LIMITS.messageChars);
    assert.equal(protocol.CITY_CHARS, LIMITS.cityChars);
    const limits = Object.fromEntries(protocol.SEALED_REPORT_FIELDS.map((f) => [f.key, f.max]));
    assert.deepEqual(limits, {
      narrative: LIMITS.narrativeChars,
      contact: LIMITS.contactChars,
      exactPlace: LIMITS.detailChars,
      biasDetails: LIMITS.detailChars,
      policeDetails: LIMITS.detailChars,
    });
    assert.deepEqual(
      protocol.SEALED_REPORT_FIELDS.map((f) => f.key),
      Object.keys(reportDetails.shape),
      'every sealed detail, in the order of reportDetails',
    );
  });

  test('file types: the browser never accepts what the server refuses, nor refuses what it accepts', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const jpeg = await phonePhoto();
    const png = await sharp(jpeg).png().toBuffer();
    const webp = await sharp(jpeg).webp().toBuffer();
    const gif = await sharp(jpeg).gif().toBuffer();
    const pdf = text('%PDF-1.4\n%%EOF\n');
    const exe = new Uint8Array(1024).fill(0x90, 2);
    exe.set([0x4d, 0x5a]);
    const cases: [Uint8Array, string, string][] = [
      [jpeg, 'photo.jpg', 'image/jpeg'],
      [jpeg, 'photo.png', 'image/png'],
      [jpeg, 'photo.pdf', 'application/pdf'],
      [jpeg, 'photo', ''],
      [png, 'shot.png', 'image/png'],
      [webp, 'shot.webp', 'image/webp'],
      [gif, 'anim.gif', 'image/gif'],
      [pdf, 'doc.pdf', 'application/pdf'],
      [pdf, 'doc.jpg', 'image/jpeg'],
      [pdf, 'doc.exe', 'application/x-msdownload'],
      [exe, 'setup.exe', 'application/x-msdownload'],
      [exe, 'setup.jpg', 'image/jpeg'],
      [exe, 'setup', ''],
      [text('hello, plain text\n'), 'note.txt', 'text/plain'],
      [text('hello, plain text\n'), 'note', ''],
      [text('<html><script>alert(1)</script>'), 'page.html', 'text/html'],
      [text('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'icon.svg', 'image/svg+xml'],
    ];
    for (const [head, fileName, declaredType] of cases) {
      const browser = classifyFile({ head, fileName, declaredType });
      if (browser.verdict === 'unknown') continue;
      const server = await classifyUpload({ head, fileName, declaredType }).then(
        (type) => ({ verdict: 'allowed' as const, mime: type.mime }),
        (error: unknown) => {
          assert.ok(error instanceof UploadError);
          return { verdict: 'refused' as const, code: error.code };
        },
      );
      const seen =
        browser.verdict === 'allowed'
          ? { verdict: 'allowed', mime: browser.type.mime }
          : { verdict: 'refused', code: browser.code };
      assert.deepEqual(seen, server, `${fileName} (${declaredType})`);
    }
  });

  test('file names are cleaned as the server cleans them', () => {
    const names = [
      'photo.jpg',
      'C:\\Users\\someone\\Desktop\\фото 1.JPG',
      '../../etc/passwd',
      '.hidden.png',
      'gpj\u202e.exe',
      `${'ы'.repeat(300)}.jpeg`,
      '',
      '   ',
      '😀'.repeat(200),
    ];
    for (const name of names) {
      assert.equal(sanitiseFileName(name), serverSanitise(name), JSON.stringify(name));
      assert.equal(replaceExtension(name, 'jpg'), serverReplaceExtension(name, 'jpg'));
    }
  });
});

describe('public form script: how it is served', () => {
  let t: TestApp;
  before(async () => {
    const built = spawnSync(process.execPath, ['scripts/build-web.ts', '--if-stale'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    assert.equal(built.status, 0, 'the browser code builds');
    const database = await openDatabase({});
    await migrate(database);
    t = await createTestApp(database);
  });
  after(async () => {
    const database = t?.database;
    await t?.close();
    await database?.close();
  });

  test('the entry and its chunks are served as scripts from this origin, and nothing else is', async () => {
    const entry = await t.app.inject({ method: 'GET', url: '/public/report-form.js' });
    assert.equal(entry.statusCode, 200);
    assert.equal(entry.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(entry.headers['cache-control'], 'no-store');
    assert.match(String(entry.headers['content-security-policy']), /script-src 'self'/);
    const chunks = [...entry.body.matchAll(/import\(`\.\/(report-form\/[^`]+)`\)/g)].map(
      (m) => m[1],
    );
    assert.equal(chunks.length, 1, 'one chunk, imported by a relative path');
    const chunk = await t.app.inject({ method: 'GET', url: `/public/${chunks[0]}` });
    assert.equal(chunk.statusCode, 200);
    assert.equal(chunk.headers['content-type'], 'text/javascript; charset=utf-8');
    // Nothing in the bundle reaches another origin: no absolute URL at all.
    for (const body of [entry.body, chunk.body]) {
      assert.doesNotMatch(body, /https?:\/\//);
    }
    for (const url of [
      '/public/report-form/missing-0000.js',
      '/public/report-form/..%2F..%2Fpackage.json',
      '/public/report-form/%2e%2e',
      '/public/report-form/chunk.map',
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
    }
  });
});
