// No plaintext of an evidence file at rest or in the log, through real Chromium against a
// real listening server (log at debug level into memory), on both engines: a case worker
// uploads a text file whose content, name, title and description are distinct random
// canaries (one in Kazakh), and a photo. After the browser closed (its profile is the
// member's device, not the server's disk), every canary — and slices of the photo's
// bytes — is searched for, in every encoding a leak could take (e2e/helpers/canary-scan.ts),
// in every file of the blob store (its resumable-upload area included), every file of the
// OS temp folder written since the test began, every log line and, on PostgreSQL, a dump
// of the database. Zero hits; positive controls show each search finds what is there.
// Then the organisation key opens the stored item to exactly what was uploaded.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { translate, type TranslationKey } from '../src/common/i18n/index.ts';
import { engines } from '../test/helpers/engines.ts';
import { addMember, createOrganisation } from '../test/helpers/factories.ts';
import { createTestIncident } from '../test/helpers/records.ts';
import { browserSkip, launchBrowser } from './helpers/browser.ts';
import {
  canary,
  findIn,
  kazakhCanary,
  needlesOf,
  NeedleSet,
  pgDump,
  scanFiles,
  walkFiles,
  type Hit,
  type Needle,
} from './helpers/canary-scan.ts';
import { inApp, signIn } from './helpers/cases.ts';
import { listItems, openItemInNode, photoWithGps, startEvidenceStack } from './helpers/evidence.ts';
import { ScreenWatch } from './helpers/records.ts';

const skip = browserSkip();
const tr = (key: TranslationKey) => translate('en', key);

/** Slices of a file's bytes: none may be found outside the member's device. */
function slices(bytes: Buffer): Buffer[] {
  return [0.2, 0.45, 0.7, 0.95].map((at) => {
    const start = Math.floor(bytes.length * at) - 32;
    return bytes.subarray(start, start + 32);
  });
}

describe('evidence canaries', { skip }, () => {
  for (const engine of engines()) {
    test(
      `${engine.engine}: an uploaded file's content, name, title and description are nowhere at rest`,
      { skip: engine.skip, timeout: 300_000 },
      async () => {
        const started = Date.now();
        const stack = await startEvidenceStack(engine, { maxSegmentBytes: 64 * 1024 });
        const control = path.join(
          tmpdir(),
          `qorgan-e2e-evidence-control-${randomBytes(6).toString('hex')}`,
        );
        try {
          const { t, origin } = stack;
          const org = await createOrganisation(t, 'Шырақ');
          const worker = await addMember(t, org, 'case_worker');
          const incident = await createTestIncident(t, org);
          const texts = {
            content: canary('file-content'),
            kazakh: kazakhCanary(),
            name: canary('file-name'),
            title: canary('title'),
            description: canary('description'),
          };
          // A text file of several chunks, so the canaries sit in more than one segment.
          const body = Buffer.from(
            `${texts.content}\n${texts.kazakh}\n${'Көрдім, естідім. '.repeat(8000)}\n${texts.content}\n`,
          );
          const photo = await photoWithGps(320, 240);

          const browser = await launchBrowser();
          const watch = new ScreenWatch(origin);
          try {
            const context = await watch.context(browser);
            const page = await context.newPage();
            await signIn(page, origin, worker, 'en', 'Шырақ');
            await inApp(page, `/app/incidents/${incident.id}`);
            const upload = page.getByRole('form', { name: tr('evidence.upload.title') });
            const send = async (
              file: { name: string; mimeType: string; buffer: Buffer },
              title: string,
              description: string,
            ) => {
              await upload
                .getByLabel(tr('evidence.upload.file'), { exact: true })
                .setInputFiles(file);
              await upload.getByTestId('evidence-chosen').waitFor();
              await upload.getByLabel(tr('evidence.field.title'), { exact: true }).fill(title);
              await upload
                .getByLabel(tr('evidence.field.description'), { exact: true })
                .fill(description);
              await upload
                .getByRole('button', { name: tr('evidence.upload.submit'), exact: true })
                .click();
              await upload.getByTestId('upload-done').waitFor({ timeout: 60_000 });
            };
            await send(
              { name: `${texts.name}.txt`, mimeType: 'text/plain', buffer: body },
              texts.title,
              texts.description,
            );
            await send({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo }, 'Photo', '');
            await page.getByTestId('evidence-item').nth(1).waitFor();
            assert.deepEqual(watch.problems, []);
          } finally {
            // Its profile folder goes with it: the member's device, not the server's disk.
            await browser.close();
          }

          const list = await listItems(t, org.admin, { incidentId: incident.id });
          assert.equal(list.items.length, 2);
          const storedFiles = list.items.reduce((n, i) => n + i.files.length, 0);
          assert.equal(storedFiles, 4, 'the text file, and the photo with two copies');

          let dumps: { name: string; bytes: Buffer }[] = [];
          if (stack.databaseUrl) {
            dumps = [
              { name: 'pg_dump', bytes: await pgDump(stack.databaseUrl) },
              { name: 'pg_dump --inserts', bytes: await pgDump(stack.databaseUrl, ['--inserts']) },
            ];
          }

          const needles: Needle[] = [];
          for (const [what, text] of Object.entries(texts)) needles.push(...needlesOf(what, text));
          for (const [n, slice] of slices(photo).entries())
            needles.push(...needlesOf(`photo bytes #${n}`, slice));
          const search = new NeedleSet(needles);
          const hits: Hit[] = [];

          // The blob store, with its resumable-upload area.
          const blobWalk = await walkFiles(stack.blobRoot);
          assert.deepEqual(blobWalk.skipped, []);
          assert.ok(
            blobWalk.files.length >= storedFiles,
            `control: the walk sees the stored blobs (${blobWalk.files.length})`,
          );
          const blobScan = await scanFiles(blobWalk.files, search);
          assert.deepEqual(blobScan.unreadable, []);
          assert.ok(
            blobScan.bytes > body.length + photo.length,
            'control: the ciphertext was read',
          );
          hits.push(...blobScan.hits);

          // The OS temp folder: every file written since the test began.
          const controlText = canary('tmp-control');
          await writeFile(control, `the temp-folder scan reads this: ${controlText}\n`);
          const tmpWalk = await walkFiles(tmpdir(), {
            modifiedSince: started - 1000,
            exclude: [stack.blobRoot],
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

          // The log: it has the upload requests, and nothing of what they carried.
          for (const route of [
            '/api/evidence/uploads',
            '/api/evidence/uploads/:id',
            '/api/evidence/items',
          ]) {
            assert.ok(
              stack.logLines.some((l) => l.includes(`"route":"${route}"`) || l.includes(route)),
              `control: the log has requests to ${route}`,
            );
          }
          hits.push(...findIn('log', Buffer.from(stack.logLines.join('\n')), search));

          for (const dump of dumps) {
            const orgControl = findIn(
              dump.name,
              dump.bytes,
              new NeedleSet(needlesOf('org', 'Шырақ')),
            );
            assert.ok(orgControl.length > 0, `control: the organisation name is in ${dump.name}`);
            hits.push(...findIn(dump.name, dump.bytes, search));
          }

          assert.deepEqual(
            hits,
            [],
            `plaintext found: ${hits.map((h) => `${h.label} in ${h.where}`).join('\n')}`,
          );

          // The organisation key opens what was stored to exactly what was uploaded.
          const text = list.items.find((i) => i.files.length === 1);
          assert.ok(text);
          const opened = await openItemInNode(t, org.admin, org.orgKeyPair, text);
          assert.ok(opened.files.get('original')?.equals(body));
          assert.equal(opened.meta.originalName, `${texts.name}.txt`);
          assert.equal(opened.meta.title, texts.title);
          assert.equal(opened.meta.description, texts.description);
          assert.equal(opened.meta.files[0]?.mediaType, 'text/plain');
        } finally {
          await rm(control, { force: true });
          await stack.close();
        }
      },
    );
  }
});
