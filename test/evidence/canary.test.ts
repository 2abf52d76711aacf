// No plaintext of an evidence file at rest on the server: files whose content and name
// carry canary strings are uploaded through the upload client over real HTTP (in segments,
// one of them resumed after an abandoned upload left ciphertext in the upload area); then
// the blob store, the data folder (PGlite's files; pg_dump of a PostgreSQL database), the
// temp folder and every line the server logged are searched for each canary in every
// encoding a leak could take. Zero hits.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { encryptBytes } from '../../src/common/crypto/stream.ts';
import { generateFileKey } from '../../src/common/evidence/item-crypto.ts';
import { buildApp } from '../../src/server/app.ts';
import { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';
import { defaultConfig } from '../../src/server/config.ts';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createLogger } from '../../src/server/logger.ts';
import { instanceSecretsFrom } from '../../src/server/secrets.ts';
import { TEST_KDF } from '../../src/common/crypto/keys.ts';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import {
  canary,
  kazakhCanary,
  NeedleSet,
  needlesOf,
  pgDump,
  scanFiles,
  walkFiles,
  findIn,
} from '../../e2e/helpers/canary-scan.ts';
import { engines } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { createTestIncident } from '../helpers/records.ts';
import { testClock, type TestApp } from '../helpers/test-app.ts';
import {
  fetchAndDecrypt,
  injectBeginUpload,
  injectSegment,
  listen,
  uploadItem,
} from './upload-helpers.ts';

for (const engine of engines()) {
  describe(`evidence canaries (${engine.engine})`, { skip: engine.skip }, () => {
    const started = Date.now() - 1000;
    const lines: string[] = [];
    let dataDir: string;
    let database: Database & { url?: string };
    let t: TestApp;
    let org: TestOrganisation;
    before(async () => {
      await loadSodium();
      dataDir = await mkdtemp(path.join(tmpdir(), 'qorgan-canary-data-'));
      // PGlite keeps its files in the data folder, as `npm start` does.
      database =
        engine.engine === 'pglite'
          ? await openDatabase({ pgliteDir: path.join(dataDir, 'pgdata') })
          : await engine.open();
      if (engine.engine === 'pglite') await migrate(database);
      const blobs = await new FsBlobStore(path.join(dataDir, 'blobs')).init();
      const defaults = defaultConfig({ kdf: TEST_KDF, authHash: TEST_KDF });
      const config = {
        ...defaults,
        evidence: { ...defaults.evidence, maxSegmentBytes: 128 * 1024 },
      };
      const secrets = instanceSecretsFrom(randomFillSync(new Uint8Array(32)));
      const clock = testClock(new Date());
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      });
      const app = await buildApp({
        config,
        database,
        secrets,
        blobs,
        logger: createLogger({ level: 'debug', destination }),
        now: clock.now,
      });
      await app.ready();
      t = {
        app,
        database,
        secrets,
        config,
        clock,
        blobs,
        close: () => app.close(),
      };
      org = await createOrganisation(t);
    });
    after(async () => {
      await t.app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    });

    test('canary file contents and names are nowhere on disk or in the logs', async () => {
      const baseUrl = await listen(t);
      const incident = await createTestIncident(t, org);
      const target = { parent: { incidentId: incident.id }, recordKey: incident.recordKey };
      const words = [canary('evidence'), kazakhCanary(), canary('name')];
      const [ascii, kazakh, name] = words as [string, string, string];
      // A large file with the canaries spread through it, and a small text file.
      const big = randomFillSync(new Uint8Array(600_000));
      for (const at of [0, 131_000, 300_000, 599_000 - 200]) {
        big.set(new TextEncoder().encode(`${ascii} ${kazakh}`), at);
      }
      const small = new TextEncoder().encode(`Threat received: ${ascii}\n${kazakh}\n`);
      const first = await uploadItem(
        baseUrl,
        org.admin,
        target,
        [
          { role: 'original', bytes: big },
          { role: 'working', bytes: small, mediaType: 'text/plain' },
        ],
        { title: `${ascii} title`, originalName: `${name}.jpg` },
      );
      const second = await uploadItem(
        baseUrl,
        org.admin,
        target,
        [{ role: 'original', bytes: small }],
        { originalName: `${name}.txt` },
      );
      assert.deepEqual(
        await fetchAndDecrypt(t, org.admin, first.item, incident.recordKey),
        big,
        'the canaries are really in what was stored',
      );
      assert.deepEqual(await fetchAndDecrypt(t, org.admin, second.item, incident.recordKey), small);
      // An upload abandoned half-way: its ciphertext stays in the upload area.
      const pending = encryptBytes(generateFileKey(), big);
      const uploadId = await injectBeginUpload(t, org.admin, target.parent, pending.byteLength);
      await injectSegment(t, org.admin, uploadId, 0, pending.subarray(0, 100_000));
      assert.equal(await t.blobs.uploadSize(uploadId), 100_000);

      const needles = new NeedleSet(words.flatMap((w) => needlesOf(w, w)));
      // PGlite's pages reach its data files at a checkpoint (its WAL holds them before).
      if (engine.engine === 'pglite') await sql`checkpoint`.execute(database.db);
      const data = await walkFiles(dataDir);
      assert.ok(
        data.files.some((f) => f.includes(`${path.sep}blobs${path.sep}`)),
        'blobs were written',
      );
      const temp = await walkFiles(tmpdir(), { modifiedSince: started, exclude: [dataDir] });
      const scanned = await scanFiles([...data.files, ...temp.files], needles);
      assert.deepEqual(scanned.hits, [], 'no canary in the data folder or the temp folder');
      assert.ok(scanned.scanned >= data.files.length);

      const logged = Buffer.from(lines.join(''), 'utf8');
      assert.ok(lines.length > 5, 'the server logged its requests');
      assert.deepEqual(findIn('server log', logged, needles), []);

      if (database.url) {
        const dump = await pgDump(database.url);
        assert.deepEqual(findIn('pg_dump', dump, needles), [], 'no canary in the database');
      }
    });
  });
}
