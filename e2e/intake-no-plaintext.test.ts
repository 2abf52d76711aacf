// "No plaintext at rest" for anonymous reporting, on both engines, through real Chromium
// against a real listening server (logger at debug level into memory):
//  - without JavaScript, a reporter writes a distinct random canary into the narrative
//    (plus a Kazakh one), the contact, the exact place, the bias and police details, sends
//    a .txt file whose name and content are canaries and a JPEG whose EXIF make is one;
//    reads the codename on the receipt, signs in at /return and sends a message and a file,
//    each a canary;
//  - with JavaScript on, the same with fresh canaries, and the report is stored as
//    encrypted by the browser;
//  - a staff reply holding a canary goes through the API (sealed as the staff app seals
//    it) and is read on /return, so its plaintext passes through the server's rendering.
// Then the server stops and the database closes, and every canary — and both codenames,
// and slices of the photo's bytes — is searched for, in every encoding a leak could take
// (e2e/helpers/canary-scan.ts), in: every file of the PGlite data folder (WAL included)
// or a pg_dump of the PostgreSQL database (plain and --inserts); every file of the blob
// store (.partial included); every file in the OS temp folder written since the test
// began; every log line. Zero hits. Positive controls show each search can find what is
// there. Finally the organisation key opens everything to exactly what was typed and sent,
// and no request Chromium made left the server's origin.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { Locale } from '../src/common/api/accounts.ts';
import { deriveReporterKeys } from '../src/common/crypto/codename.ts';
import { toB64 } from '../src/common/crypto/encoding.ts';
import {
  decryptFieldText,
  openSealed,
  openSealedText,
  sealTo,
  type BoxKeyPair,
} from '../src/common/crypto/envelope.ts';
import { openRecordKey, TEST_KDF } from '../src/common/crypto/keys.ts';
import { loadSodium } from '../src/common/crypto/sodium.ts';
import { decryptBytes } from '../src/common/crypto/stream.ts';
import { DETAILS_CONTEXT, fileMeta, reportDetails } from '../src/common/intake/report.ts';
import { FsBlobStore } from '../src/server/blobs/fs-blob-store.ts';
import { defaultConfig, type AppConfig } from '../src/server/config.ts';
import type { Database } from '../src/server/db/client.ts';
import { openRuntime } from '../src/server/runtime.ts';
import { instanceSecretsFrom, type InstanceSecrets } from '../src/server/secrets.ts';
import { engines, type EngineCase } from '../test/helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../test/helpers/factories.ts';
import type { TestApp } from '../test/helpers/test-app.ts';
import { browserSkip, launchBrowser, REPO_ROOT } from './helpers/browser.ts';
import {
  canary,
  findIn,
  kazakhCanary,
  needlesOf,
  pgDump,
  scanFiles,
  walkFiles,
  NeedleSet,
  type Hit,
  type Needle,
} from './helpers/canary-scan.ts';
import { listenWithLogInMemory } from './helpers/listening-app.ts';

// Every canary text is short (well under 1.5 KB per field and per file): PostgreSQL
// compresses (pglz) a value over about 2 KB when it stores it, and a compressed plaintext
// would hide from a byte search — a leak would then pass this test.
const MAX_CANARY_FIELD_BYTES = 1500;

/** What the reporter types and sends along one path (no JavaScript, or JavaScript on). */
interface ReporterInput {
  js: boolean;
  lang: Locale;
  details: {
    narrative: string;
    contact: string;
    exactPlace: string;
    biasDetails: string;
    policeDetails: string;
  };
  note: { name: string; content: string };
  photo: { name: string; bytes: Buffer; make: string };
  message: { body: string; file: { name: string; content: string } };
  reply: string;
}

function reporterInput(js: boolean, lang: Locale, photo: Buffer, make: string): ReporterInput {
  const tag = js ? 'js' : 'nojs';
  return {
    js,
    lang,
    details: {
      narrative: `${canary(`${tag}-narrative`)}\n${kazakhCanary()} — екінші жол, “quoted”.`,
      contact: canary(`${tag}-contact`),
      exactPlace: canary(`${tag}-place`),
      biasDetails: `${canary(`${tag}-bias`)} ${kazakhCanary()}`,
      policeDetails: canary(`${tag}-police`),
    },
    // The no-JavaScript file name is Kazakh: the server reads the name from the multipart
    // header itself, and must neither lose nor store it.
    note: {
      name: js ? `${canary('js-filename')}.txt` : `${kazakhCanary()}.txt`,
      content: `${canary(`${tag}-file`)}\nҚазақша жол ${kazakhCanary()}\n`,
    },
    photo: { name: 'photo.jpg', bytes: photo, make },
    message: {
      body: `${canary(`${tag}-message`)}\n${kazakhCanary()}`,
      file: { name: `${canary(`${tag}-msgname`)}.txt`, content: `${canary(`${tag}-msgfile`)}\n` },
    },
    reply: `${canary(`${tag}-reply`)} ${kazakhCanary()}`,
  };
}

/** The canary texts of one path (each a separate needle), for the search. */
function canaryTexts(input: ReporterInput): [string, string][] {
  const lines = (what: string, text: string): [string, string][] =>
    text
      .split(/[\n ]/)
      .filter((part) => /^(canary-|Қанарей-)/.test(part))
      .map((part) => [what, part.replace(/\.txt$/, '')]);
  return [
    ...Object.entries(input.details).flatMap(([key, text]) => lines(key, text)),
    ...lines('file name', input.note.name),
    ...lines('file content', input.note.content),
    ['EXIF make', input.photo.make],
    ...lines('message', input.message.body),
    ...lines('message file name', input.message.file.name),
    ...lines('message file content', input.message.file.content),
    ...lines('staff reply', input.reply),
  ];
}

/**
 * A phone photo: noisy pixels (so slices of its bytes are unmistakable), a camera make that
 * is a canary, and a GPS position.
 */
async function phonePhoto(make: string): Promise<Buffer> {
  const width = 96;
  const height = 64;
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: make, Model: 'CanaryModel' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '43/1 15/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '76/1 57/1 0/1',
      },
    })
    .toBuffer();
}

/** Slices of the photo's compressed bytes: none may be found outside the reporter's device. */
function photoSlices(bytes: Buffer): Buffer[] {
  return [0.2, 0.45, 0.7, 0.95].map((at) => {
    const start = Math.floor(bytes.length * at) - 32;
    return bytes.subarray(start, start + 32);
  });
}

/** The running server of one engine, and where its data lives. */
interface Stack {
  t: TestApp;
  origin: string;
  logLines: string[];
  blobRoot: string;
  /** The PGlite data folder (database files, WAL, instance secret, blobs). */
  dataDir: string | null;
  /** The PostgreSQL database's connection string. */
  databaseUrl: string | null;
  /** Folders this stack created, removed at the end. */
  folders: string[];
  /** Stops the server; the database stays open. */
  stopServer(): Promise<void>;
  closeDatabase(): Promise<void>;
}

const INTAKE_LIMITS: Partial<AppConfig> = { kdf: TEST_KDF, authHash: TEST_KDF };

async function startStack(engine: EngineCase): Promise<Stack> {
  await loadSodium();
  let database: Database & { url?: string };
  let secrets: InstanceSecrets;
  let config: AppConfig;
  let blobs: FsBlobStore;
  let dataDir: string | null = null;
  const folders: string[] = [];
  if (engine.engine === 'pglite') {
    dataDir = await mkdtemp(path.join(tmpdir(), 'qorgan-e2e-canary-data-'));
    folders.push(dataDir);
    const runtime = await openRuntime({ dataDir, config: INTAKE_LIMITS });
    assert.equal(runtime.database.engine, 'pglite', 'DATABASE_URL must not be set for this run');
    ({ database, secrets, config, blobs } = runtime);
  } else {
    database = await engine.open();
    const folder = await mkdtemp(path.join(tmpdir(), 'qorgan-e2e-canary-blobs-'));
    folders.push(folder);
    blobs = await new FsBlobStore(path.join(folder, 'blobs')).init();
    secrets = instanceSecretsFrom(new Uint8Array(randomBytes(32)));
    config = defaultConfig(INTAKE_LIMITS);
  }
  const { t, origin, logLines } = await listenWithLogInMemory({ database, secrets, config, blobs });
  return {
    t,
    origin,
    logLines,
    blobRoot: blobs.root,
    dataDir,
    databaseUrl: database.url ?? null,
    folders,
    stopServer: () => t.app.close(),
    closeDatabase: () => database.close(),
  };
}

/** What the database holds for one report, read before the database closes. */
interface StoredReport {
  id: string;
  encryptedBy: string;
  sealedRecordKey: Uint8Array;
  sealedDetails: Uint8Array | null;
  reporterPublicKey: Uint8Array;
  messages: {
    id: string;
    author: string;
    sealedForOrg: Uint8Array;
    sealedForReporter: Uint8Array;
  }[];
  files: {
    messageId: string | null;
    role: string;
    blobKey: string;
    sealedFileKey: Uint8Array;
    sealedMeta: Uint8Array;
  }[];
}

async function storedReport(t: TestApp, reportId: string): Promise<StoredReport> {
  const db = t.database.db;
  const report = await db
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', reportId)
    .executeTakeFirstOrThrow();
  const messages = await db
    .selectFrom('report_messages')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .execute();
  const files = await db
    .selectFrom('report_files')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .execute();
  return {
    id: report.id,
    encryptedBy: report.encrypted_by,
    sealedRecordKey: report.sealed_record_key,
    sealedDetails: report.sealed_details,
    reporterPublicKey: report.reporter_public_key,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      sealedForOrg: m.sealed_for_org,
      sealedForReporter: m.sealed_for_reporter,
    })),
    files: files.map((f) => ({
      messageId: f.message_id,
      role: f.role,
      blobKey: f.blob_key,
      sealedFileKey: f.sealed_file_key,
      sealedMeta: f.sealed_meta,
    })),
  };
}

interface PathOutcome {
  codename: string;
  reportId: string;
}

/**
 * One reporter's whole journey in a fresh browser context: the report with its files, the
 * receipt, the codename sign-in, a message with a file, then (after staff replied through
 * the API) the reply read on /return.
 */
async function reporterJourney(
  browser: Browser,
  stack: Stack,
  org: TestOrganisation,
  input: ReporterInput,
  device: string,
  requests: string[],
): Promise<PathOutcome> {
  const { origin, t } = stack;
  const notePath = path.join(device, input.note.name);
  const photoPath = path.join(device, input.photo.name);
  const messageFilePath = path.join(device, input.message.file.name);
  await writeFile(notePath, input.note.content);
  await writeFile(photoPath, input.photo.bytes);
  await writeFile(messageFilePath, input.message.file.content);

  const context = await browser.newContext({
    javaScriptEnabled: input.js,
    locale: input.lang === 'kk' ? 'kk-KZ' : 'ru-RU',
  });
  context.on('request', (r) => requests.push(r.url()));
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/report/${org.slug}?lang=${input.lang}`);
    if (input.js) await page.waitForSelector('form.report-form[data-enhanced="encrypt"]');
    await page.check('#f-incident_types-threats');
    await page.check('#f-reported_to_police-yes');
    await page.fill('#f-exact_place', input.details.exactPlace);
    await page.fill('#f-bias_details', input.details.biasDetails);
    await page.fill('#f-police_details', input.details.policeDetails);
    await page.fill('#f-contact', input.details.contact);
    await page.fill('#f-narrative', input.details.narrative);
    // Paths, not buffers: Chromium reads the files from the reporter's "device" folder.
    await page.setInputFiles('#f-files', [notePath, photoPath]);
    await page.click('form.report-form button[type="submit"]');
    const codename =
      (await page.locator('p.codename').textContent({ timeout: 60_000 }))?.trim() ?? '';
    assert.match(codename, /^[a-z]+( [a-z]+){7}$/, 'the receipt shows eight words');

    const reporter = deriveReporterKeys(codename, t.secrets.codenameSalt);
    const report = await t.database.db
      .selectFrom('reports')
      .select(['id', 'encrypted_by'])
      .where('codename_lookup', '=', reporter.lookup)
      .executeTakeFirstOrThrow();
    assert.equal(report.encrypted_by, input.js ? 'browser' : 'server');

    await signIn(page, origin, input, codename);
    await page.fill('form.message-form textarea[name="body"]', input.message.body);
    await page.setInputFiles('form.message-form input[name="files"]', messageFilePath);
    await page.click('form.message-form button[type="submit"]');
    await page.waitForURL(/\/return\/report\?sent=1/, { timeout: 60_000 });

    await staffReply(t, org, report.id, reporter.keyPair.publicKey, input.reply);
    await page.goto(`${origin}/return/report?lang=${input.lang}`);
    const thread = (await page.textContent('.thread')) ?? '';
    for (const part of [input.message.body, input.reply]) {
      for (const line of part.split('\n')) {
        assert.ok(thread.includes(line), `the thread on /return shows "${line}"`);
      }
    }
    return { codename, reportId: report.id };
  } finally {
    await context.close();
  }
}

async function signIn(page: Page, origin: string, input: ReporterInput, codename: string) {
  await page.goto(`${origin}/return?lang=${input.lang}`);
  await page.fill('input[name="codename"]', codename);
  await page.click('form.codename-form button[type="submit"]');
  await page.waitForSelector(
    input.js ? 'form.message-form[data-enhanced="encrypt"]' : 'form.message-form',
  );
}

/** A reply as the staff app sends it: sealed to the organisation and to the reporter. */
async function staffReply(
  t: TestApp,
  org: TestOrganisation,
  reportId: string,
  reporterPublicKey: Uint8Array,
  text: string,
): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${reportId}/messages`,
    headers: { cookie: org.admin.cookie },
    payload: {
      sealedForOrg: toB64(sealTo(org.orgKeyPair.publicKey, text)),
      sealedForReporter: toB64(sealTo(reporterPublicKey, text)),
    },
  });
  assert.equal(res.statusCode, 201, res.body);
}

/** Opens everything stored for one path with the organisation key and compares. */
async function assertOpensToExactly(
  stored: StoredReport,
  input: ReporterInput,
  orgKeyPair: BoxKeyPair,
  reporterKeyPair: BoxKeyPair,
  blobRoot: string,
): Promise<void> {
  const where = input.js ? 'JavaScript on' : 'no JavaScript';
  assert.equal(stored.encryptedBy, input.js ? 'browser' : 'server', where);
  const recordKey = openRecordKey(stored.sealedRecordKey, orgKeyPair);
  assert.ok(stored.sealedDetails, `${where}: details are stored`);
  const details = reportDetails.parse(
    JSON.parse(decryptFieldText(recordKey, stored.sealedDetails, DETAILS_CONTEXT)),
  );
  assert.deepEqual(details, input.details, `${where}: the details open to what was typed`);

  const opened = await Promise.all(
    stored.files.map(async (file) => {
      const fileKey = openSealed(orgKeyPair, file.sealedFileKey);
      const meta = fileMeta.parse(JSON.parse(openSealedText(orgKeyPair, file.sealedMeta)));
      const bytes = Buffer.from(decryptBytes(fileKey, await readBlobFile(blobRoot, file.blobKey)));
      assert.equal(meta.size, bytes.length, `${where}: ${meta.name} size`);
      assert.equal(meta.sha256, createHash('sha256').update(bytes).digest('hex'));
      return { ...file, meta, bytes };
    }),
  );
  const reportFiles = opened.filter((f) => f.messageId === null);
  assert.deepEqual(
    reportFiles.map((f) => [f.role, f.meta.type]).sort(),
    [
      ['working', 'image/jpeg'],
      ['working', 'text/plain'],
    ],
    `${where}: the report's files are the note and the photo's working copy`,
  );
  const note = reportFiles.find((f) => f.meta.type === 'text/plain');
  assert.equal(note?.meta.name, input.note.name, `${where}: the file name`);
  assert.deepEqual(
    note?.bytes,
    Buffer.from(input.note.content),
    `${where}: the file, byte for byte`,
  );
  const photo = reportFiles.find((f) => f.meta.type === 'image/jpeg');
  assert.ok(photo);
  assert.equal(photo.meta.metadataRemoved, true);
  const described = await sharp(photo.bytes).metadata();
  assert.equal(described.format, 'jpeg', `${where}: the working copy is a JPEG`);
  assert.equal(described.exif, undefined, `${where}: the working copy has no EXIF block`);
  const exif = ((await exifr.parse(photo.bytes, {
    tiff: true,
    exif: true,
    gps: true,
    xmp: true,
    iptc: true,
    ifd1: true,
  })) ?? {}) as Record<string, unknown>;
  for (const tag of ['Make', 'Model', 'latitude', 'longitude', 'GPSLatitude']) {
    assert.equal(exif[tag], undefined, `${where}: the working copy still has ${tag}`);
  }

  const fromReporter = stored.messages.filter((m) => m.author === 'reporter');
  const fromStaff = stored.messages.filter((m) => m.author === 'staff');
  assert.equal(fromReporter.length, 1);
  assert.equal(fromStaff.length, 1);
  const message = fromReporter[0];
  const reply = fromStaff[0];
  assert.ok(message && reply);
  assert.equal(openSealedText(orgKeyPair, message.sealedForOrg), input.message.body);
  assert.equal(openSealedText(reporterKeyPair, message.sealedForReporter), input.message.body);
  assert.equal(openSealedText(orgKeyPair, reply.sealedForOrg), input.reply);
  assert.equal(openSealedText(reporterKeyPair, reply.sealedForReporter), input.reply);
  const messageFiles = opened.filter((f) => f.messageId === message.id);
  assert.equal(messageFiles.length, 1);
  assert.equal(messageFiles[0]?.meta.name, input.message.file.name);
  assert.deepEqual(messageFiles[0]?.bytes, Buffer.from(input.message.file.content));
}

async function readBlobFile(root: string, key: string): Promise<Buffer> {
  const store = new FsBlobStore(root);
  const chunks: Buffer[] = [];
  for await (const chunk of await store.openRead(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function describeHits(hits: readonly Hit[]): string {
  return hits.map((h) => `${h.where}: ${h.label}`).join('\n');
}

const skip = browserSkip();

describe('no plaintext at rest: reports sent through Chromium', { skip }, () => {
  let browser: Browser;

  before(() => {
    // `npm test` builds first; a direct `node --test` of this file may not have.
    const built = spawnSync(process.execPath, ['scripts/build-web.ts', '--if-stale'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    });
    assert.equal(built.status, 0, 'the browser code builds');
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
  });

  for (const engine of engines()) {
    test(
      `${engine.engine}: canaries typed and uploaded without and with JavaScript are found nowhere at rest`,
      { skip: engine.skip, timeout: 600_000 },
      async () => {
        const started = Date.now();
        const device = await mkdtemp(path.join(tmpdir(), 'qorgan-e2e-reporter-device-'));
        const control = path.join(
          tmpdir(),
          `qorgan-e2e-scan-control-${randomBytes(6).toString('hex')}`,
        );
        const stack = await startStack(engine);
        let databaseOpen = true;
        try {
          const orgName = `Шырақ control ${randomBytes(6).toString('hex')}`;
          const org = await createOrganisation(stack.t, orgName);
          const inputs = [
            reporterInput(false, 'kk', ...(await makePhoto())),
            reporterInput(true, 'ru', ...(await makePhoto())),
          ];
          for (const input of inputs) {
            for (const [what, text] of canaryTexts(input)) {
              assert.ok(Buffer.byteLength(text) < MAX_CANARY_FIELD_BYTES, what);
            }
          }

          const setUp = Date.now();
          browser = await launchBrowser();
          const requests: string[] = [];
          const outcomes: PathOutcome[] = [];
          for (const input of inputs) {
            outcomes.push(await reporterJourney(browser, stack, org, input, device, requests));
          }
          // Closing the browser removes its profile folder: the reporter's device, not the
          // server's disk.
          await browser.close();
          const journeysDone = Date.now();

          const stored = await Promise.all(outcomes.map((o) => storedReport(stack.t, o.reportId)));
          const blobCount = stored.reduce((n, r) => n + r.files.length, 0);

          // ---- stop the server, close the database, search ----
          await stack.stopServer();
          let dumps: { name: string; bytes: Buffer }[] = [];
          if (stack.databaseUrl) {
            dumps = [
              { name: 'pg_dump', bytes: await pgDump(stack.databaseUrl) },
              { name: 'pg_dump --inserts', bytes: await pgDump(stack.databaseUrl, ['--inserts']) },
            ];
          }
          await stack.closeDatabase();
          databaseOpen = false;

          const needles: Needle[] = [];
          let canaryCount = 0;
          for (const [i, input] of inputs.entries()) {
            const where = input.js ? 'js' : 'nojs';
            for (const [what, text] of canaryTexts(input)) {
              needles.push(...needlesOf(`${where} ${what}: ${text}`, text));
              canaryCount++;
            }
            needles.push(...needlesOf(`${where} codename`, outcomes[i]?.codename ?? ''));
            for (const [n, slice] of photoSlices(input.photo.bytes).entries()) {
              needles.push(...needlesOf(`${where} photo bytes #${n}`, slice));
            }
          }

          // Positive controls: stored in plaintext by design (the organisation's public name,
          // a reporter's public key as bytea), so each search must find them.
          const reporterKey = Buffer.from(stored[0]?.reporterPublicKey ?? []);
          const controls: Needle[] = [
            { label: 'organisation name', bytes: Buffer.from(orgName) },
            { label: 'reporter public key (bytes)', bytes: reporterKey },
            { label: 'reporter public key (hex)', bytes: Buffer.from(reporterKey.toString('hex')) },
          ];
          const controlText = canary('tmp-control');
          await writeFile(control, `the temp-folder scan reads this: ${controlText}\n`);

          const search = new NeedleSet(needles);
          const withControls = new NeedleSet([...needles, ...controls]);
          const hits: Hit[] = [];
          const scanned: string[] = [];
          const excluded = [stack.blobRoot, device];

          // The PGlite data folder: database files, WAL, instance secret.
          if (stack.dataDir) {
            const walk = await walkFiles(stack.dataDir, { exclude: excluded });
            assert.deepEqual(walk.skipped, []);
            const scan = await scanFiles(walk.files, withControls, (f) =>
              path.relative(stack.dataDir ?? '', f),
            );
            assert.deepEqual(scan.unreadable, []);
            assert.ok(
              walk.files.some((f) => f.includes(`${path.sep}pg_wal${path.sep}`)),
              'the WAL is among the files searched',
            );
            const found = new Set(scan.hits.map((h) => h.label));
            assert.ok(
              found.has('organisation name'),
              'control: the name is found in the data folder',
            );
            assert.ok(found.has('reporter public key (bytes)'), 'control: bytea bytes are found');
            hits.push(...scan.hits.filter((h) => !controls.some((c) => c.label === h.label)));
            scanned.push(`PGlite data folder: ${scan.scanned} files, ${scan.bytes} bytes`);
          }

          // The PostgreSQL dumps (bytea is printed as hex, which the needles include).
          for (const dump of dumps) {
            const found = findIn(dump.name, dump.bytes, withControls).map((h) => h.label);
            assert.ok(found.includes('organisation name'), `control: the name is in ${dump.name}`);
            assert.ok(
              found.includes('reporter public key (hex)'),
              `control: bytea is found (as hex) in ${dump.name}`,
            );
            hits.push(
              ...findIn(dump.name, dump.bytes, withControls).filter(
                (h) => !controls.some((c) => c.label === h.label),
              ),
            );
            scanned.push(`${dump.name}: ${dump.bytes.length} bytes`);
          }

          // The blob store, its .partial folder included.
          const blobWalk = await walkFiles(stack.blobRoot);
          assert.deepEqual(blobWalk.skipped, []);
          assert.equal(
            blobWalk.files.length,
            blobCount,
            'control: the walk sees every stored blob (and nothing is left in .partial)',
          );
          const blobScan = await scanFiles(blobWalk.files, search);
          assert.deepEqual(blobScan.unreadable, []);
          hits.push(...blobScan.hits);
          scanned.push(`blob store: ${blobScan.scanned} files, ${blobScan.bytes} bytes`);

          // The OS temp folder: every file written since the test began, except the folders
          // searched above and the reporter's device folder (the files as uploaded).
          const tmpWalk = await walkFiles(tmpdir(), {
            modifiedSince: started - 1000,
            exclude: [...excluded, ...(stack.dataDir ? [stack.dataDir] : [])],
          });
          const tmpControl = needlesOf('temp control', controlText).slice(0, 1);
          const tmpScan = await scanFiles(
            tmpWalk.files,
            new NeedleSet([...needles, ...tmpControl]),
          );
          assert.ok(
            tmpScan.hits.some((h) => h.label.startsWith('temp control') && h.where === control),
            'control: the temp-folder search finds a file written there during the test',
          );
          hits.push(...tmpScan.hits.filter((h) => !h.label.startsWith('temp control')));
          scanned.push(
            `temp folder: ${tmpScan.scanned} files, ${tmpScan.bytes} bytes (${tmpWalk.skipped.length + tmpScan.unreadable.length} unreadable or gone)`,
          );

          // The log.
          const log = Buffer.from(stack.logLines.join('\n'));
          for (const route of ['/report/:slug', '/return', '/return/messages', '/return/report']) {
            assert.ok(
              stack.logLines.some((l) => l.includes(`"route":"${route}"`)),
              `control: the log has the requests to ${route}`,
            );
          }
          hits.push(...findIn('log', log, search));
          scanned.push(`log: ${stack.logLines.length} lines`);

          assert.deepEqual(hits, [], `plaintext found at rest:\n${describeHits(hits)}`);
          const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
          console.log(
            `${engine.engine}: ${canaryCount} canaries, 2 codenames and ${inputs.length * 4} photo slices ` +
              `(${needles.length} needles) not found in:\n  ${scanned.join('\n  ')}\n` +
              `  (server and organisation ${seconds(started, setUp)}, browser ${seconds(setUp, journeysDone)}, ` +
              `stop and search ${seconds(journeysDone, Date.now())})`,
          );

          // ---- the organisation key opens everything to exactly what was sent ----
          for (const [i, input] of inputs.entries()) {
            const report = stored[i];
            const outcome = outcomes[i];
            assert.ok(report && outcome);
            const reporter = deriveReporterKeys(outcome.codename, stack.t.secrets.codenameSalt);
            await assertOpensToExactly(
              report,
              input,
              org.orgKeyPair,
              reporter.keyPair,
              stack.blobRoot,
            );
          }

          // ---- no request left the origin ----
          assert.ok(requests.length > 10, 'requests were recorded');
          assert.ok(
            requests.some((u) => u.endsWith('/public/report-form.js')),
            'the page script was loaded with JavaScript on',
          );
          const foreign = requests.filter((u) => !u.startsWith(`${stack.origin}/`));
          assert.deepEqual(foreign, [], 'requests to another origin');
        } finally {
          await stack.stopServer().catch(() => undefined);
          if (databaseOpen) await stack.closeDatabase().catch(() => undefined);
          await rm(control, { force: true });
          await rm(device, { recursive: true, force: true });
          for (const folder of stack.folders) await rm(folder, { recursive: true, force: true });
        }
      },
    );
  }
});

async function makePhoto(): Promise<[Buffer, string]> {
  const make = canary('exif-make');
  return [await phonePhoto(make), make];
}
