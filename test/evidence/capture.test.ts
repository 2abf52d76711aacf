// Web capture through the API, both engines, real Chromium, real local HTTP and HTTPS
// servers, a real openssl timestamp authority. A captured page carries a random canary:
// afterwards it is nowhere on disk (blob store, data folder, temp folder — Chromium's
// profile included), nor in the database or the audit log; and every part opens with the
// item key the browser chose, hashes to what the sealed meta and the hash manifest say,
// and the manifest's digest is the stored one that the timestamp token stamps.
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { EvidenceItem } from '../../src/common/api/evidence.ts';
import { fromB64, toB64 } from '../../src/common/crypto/encoding.ts';
import { decryptBytes } from '../../src/common/crypto/stream.ts';
import { decodeHashManifest, hashManifestDigest } from '../../src/common/evidence/hash-manifest.ts';
import {
  captureInfoSchema,
  openFileKey,
  openItemKey,
  openItemMeta,
  sealItemKey,
} from '../../src/common/evidence/item-crypto.ts';
import { verifyTimestampToken } from '../../src/common/evidence/timestamp.ts';
import { defaultConfig } from '../../src/server/config.ts';
import {
  canary,
  needlesOf,
  NeedleSet,
  scanFiles,
  walkFiles,
} from '../../e2e/helpers/canary-scan.ts';
import { createTestCase } from '../helpers/cases.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestIncident } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { startTestTsa, type TestTsa } from '../helpers/test-tsa.ts';
import {
  html,
  redirect,
  startHttpServer,
  startHttpsServer,
  type TestWebServer,
} from '../helpers/test-web-server.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CAPTURE_ROLES = ['capture_metadata', 'html', 'mhtml', 'screenshot', 'thumbnail'];

interface Parent {
  incidentId?: string;
  caseId?: string;
  recordKey: Uint8Array;
}

/** What the browser sends: a fresh item key, and the same key sealed under the record key. */
function captureBody(parent: Parent, url: string, title = 'Threat posted on a forum') {
  const id = randomUUID();
  const itemKey = new Uint8Array(randomBytes(32));
  return {
    itemKey,
    body: {
      id,
      parent: parent.incidentId ? { incidentId: parent.incidentId } : { caseId: parent.caseId },
      url,
      title,
      itemKey: toB64(itemKey),
      sealedItemKey: toB64(sealItemKey(parent.recordKey, id, itemKey)),
    },
  };
}

for (const engine of engines()) {
  describe(`web capture (${engine.engine})`, { skip: engine.skip }, () => {
    let database: TestDatabase;
    let t: TestApp;
    let tsa: TestTsa;
    let site: TestWebServer;
    let secure: TestWebServer & { certPem: string };
    let org: TestOrganisation;
    const marker = canary('capture');
    const started = Date.now();

    before(async () => {
      tsa = await startTestTsa();
      site = await startHttpServer();
      secure = await startHttpsServer();
      site.on(
        '/post',
        html(
          `<h1>Hostile post</h1><p>${marker}</p><img src="/pic.png" width="10" height="10">`,
          200,
          { 'x-served-by': 'test-forum' },
        ),
      );
      site.on('/pic.png', (_req, res) => res.writeHead(404).end());
      site.on('/short', redirect('/post', 301));
      secure.on('/post', html(`<h1>Secure post</h1><p>${marker}</p>`));
      database = await engine.open();
      const defaults = defaultConfig().evidence;
      t = await createTestApp(database, {
        evidence: {
          ...defaults,
          tsa: { url: tsa.url, caCertificatesPem: [tsa.caPem], timeoutMs: 5_000 },
          capture: { ...defaults.capture, allowPrivateNetworks: true, timeoutMs: 15_000 },
        },
      });
      org = await createOrganisation(t);
    });
    after(async () => {
      await t.close();
      await database.close();
      await Promise.all([tsa.close(), site.close(), secure.close()]);
    });

    const capture = (payload: unknown, cookie = org.admin.cookie) =>
      call(t, 'POST', '/api/evidence/captures', { cookie, payload });
    const incidentParent = async (): Promise<Parent> => {
      const incident = await createTestIncident(t, org);
      return { incidentId: incident.id, recordKey: incident.recordKey };
    };
    /** Decrypts every file of a captured item with the item key, as the browser does. */
    const openParts = async (item: EvidenceItem, recordKey: Uint8Array) => {
      const itemKey = openItemKey(recordKey, item.id, fromB64(item.sealedItemKey));
      const meta = openItemMeta(itemKey, item.id, fromB64(item.sealedMeta));
      const parts = new Map<string, Buffer>();
      for (const file of item.files) {
        const res = await call(t, 'GET', `/api/evidence/files/${file.id}/content?purpose=verify`, {
          cookie: org.admin.cookie,
        });
        assert.equal(res.statusCode, 200, res.body);
        const ciphertext = res.rawPayload;
        assert.equal(createHash('sha256').update(ciphertext).digest('hex'), file.ciphertextSha256);
        const fileKey = openFileKey(itemKey, file.id, fromB64(file.sealedFileKey));
        parts.set(file.role, Buffer.from(decryptBytes(fileKey, new Uint8Array(ciphertext))));
      }
      return { itemKey, meta, parts };
    };

    test('a page is captured whole, sealed under the item key, hashed, stamped and in custody', async () => {
      const parent = await incidentParent();
      const { body, itemKey } = captureBody(parent, `${site.origin}/short`);
      const res = await capture(body);
      assert.equal(res.statusCode, 201, res.body);
      const item = res.json<EvidenceItem>();
      assert.equal(item.id, body.id);
      assert.equal(item.kind, 'capture');
      assert.equal(item.incidentId, parent.incidentId);
      assert.equal(item.collectedBy, org.admin.id);
      assert.deepEqual(item.files.map((f) => f.role).sort(), CAPTURE_ROLES);
      assert.equal(item.sealedItemKey, body.sealedItemKey);

      const { itemKey: opened, meta, parts } = await openParts(item, parent.recordKey);
      assert.deepEqual(opened, itemKey);
      assert.equal(meta.title, 'Threat posted on a forum');

      // The parts.
      const screenshot = parts.get('screenshot');
      assert.ok(screenshot?.subarray(0, 8).equals(PNG_SIGNATURE), 'the screenshot is a PNG');
      assert.ok(parts.get('thumbnail')?.subarray(0, 8).equals(PNG_SIGNATURE));
      const served = parts.get('html')?.toString('utf8') ?? '';
      assert.ok(served.includes(marker), 'the HTML is the page as served');
      assert.ok(served.startsWith('<!doctype html>'));
      const mhtml = parts.get('mhtml')?.toString('utf8') ?? '';
      assert.match(mhtml, /Content-Type: multipart\/related/);
      assert.ok(mhtml.includes(marker.slice(0, 20)), 'the MHTML snapshot holds the page');

      // What was recorded about the capture, sealed, and as a file of its own.
      const info = captureInfoSchema.parse(
        JSON.parse(parts.get('capture_metadata')?.toString() ?? ''),
      );
      assert.deepEqual(meta.capture, info);
      assert.equal(info.requestedUrl, `${site.origin}/short`);
      assert.equal(info.finalUrl, `${site.origin}/post`);
      assert.equal(info.status, 200);
      assert.deepEqual(info.redirects, [{ url: `${site.origin}/short`, status: 301 }]);
      assert.equal(info.headers['x-served-by'], 'test-forum');
      assert.match(info.headers['content-type'] ?? '', /^text\/html/);
      assert.deepEqual(info.tlsChainPem, []);
      assert.equal(info.tlsValid, null);
      assert.equal(info.title, 'Hostile post');
      assert.match(info.browserVersion, /^\d+\./);
      assert.ok(Math.abs(Date.parse(info.capturedAt) - Date.now()) < 5 * 60_000);

      // Each part's hash and size as the sealed meta lists them.
      for (const file of meta.files) {
        const plaintext = parts.get(file.role);
        assert.ok(plaintext, file.role);
        assert.equal(file.sha256, createHash('sha256').update(plaintext).digest('hex'), file.role);
        assert.equal(file.size, plaintext.length);
        assert.ok(item.files.some((f) => f.id === file.fileId && f.role === file.role));
      }
      const shot = meta.files.find((f) => f.role === 'screenshot');
      assert.equal(shot?.width, 1280);
      assert.equal(shot?.mediaType, 'image/png');

      // The hash manifest: canonical, lists the same hashes, its digest is the stored one.
      const manifestBytes = new TextEncoder().encode(meta.hashManifest);
      const manifest = decodeHashManifest(manifestBytes);
      assert.equal(manifest.itemId, item.id);
      assert.equal(manifest.kind, 'capture');
      assert.equal(manifest.capture?.finalUrl, info.finalUrl);
      assert.deepEqual(
        manifest.files.map((f) => [f.role, f.sha256, f.size]).sort(),
        meta.files.map((f) => [f.role, f.sha256, f.size]).sort(),
      );
      const digest = Buffer.from(hashManifestDigest(manifestBytes)).toString('hex');
      assert.equal(item.manifestDigest, digest);
      const row = await t.database.db
        .selectFrom('evidence_items')
        .select('manifest_digest')
        .where('id', '=', item.id)
        .executeTakeFirstOrThrow();
      assert.equal(Buffer.from(row.manifest_digest ?? []).toString('hex'), digest);

      // Stamped over that digest by the configured authority.
      assert.equal(item.timestamps.length, 1);
      const stamp = item.timestamps[0];
      assert.ok(stamp);
      assert.equal(stamp.digest, digest);
      assert.equal(stamp.verified, true);
      const check = await verifyTimestampToken(fromB64(stamp.token), {
        digest: Buffer.from(digest, 'hex'),
        trustedCaPem: [tsa.caPem],
      });
      assert.deepEqual(check.failures, []);

      // Custody: one `evidence.captured` per part naming its ciphertext hash, then the stamp.
      const events = await t.database.db
        .selectFrom('audit_events')
        .select(['action', 'actor_member_id', 'fields'])
        .where('object_id', '=', item.id)
        .where('action', 'in', ['evidence.captured', 'evidence.timestamped'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        events.map((e) => e.action),
        [...Array<string>(5).fill('evidence.captured'), 'evidence.timestamped'],
      );
      for (const file of item.files) {
        const event = events.find((e) => (e.fields as { fileId?: string }).fileId === file.id);
        assert.ok(event, `custody of ${file.role}`);
        assert.equal((event.fields as { role?: string }).role, file.role);
        assert.equal(
          (event.fields as { ciphertextSha256?: string }).ciphertextSha256,
          file.ciphertextSha256,
        );
        assert.equal(event.actor_member_id, org.admin.id);
      }
    });

    test('nothing of the page is on disk or in the database in the clear', async () => {
      const parent = await incidentParent();
      const { body } = captureBody(parent, `${site.origin}/post`);
      const res = await capture(body);
      assert.equal(res.statusCode, 201, res.body);
      // While the browser is still running, and its profile folder exists.
      const needles = new NeedleSet([
        ...needlesOf('marker', marker),
        ...needlesOf('address', `${site.origin}/post`),
      ]);
      // Control: the same scan finds a canary that is on disk, in a temp folder.
      const control = canary('control');
      const controlDir = await mkdtemp(join(tmpdir(), 'qorgan-capture-control-'));
      await writeFile(join(controlDir, 'note.bin'), `before ${control} after`);
      const controlWalk = await walkFiles(tmpdir(), { modifiedSince: started - 60_000 });
      const controlScan = await scanFiles(
        controlWalk.files,
        new NeedleSet(needlesOf('control', control)),
      );
      await rm(controlDir, { recursive: true, force: true });
      assert.equal(controlScan.hits.length, 1, 'the scan finds what is there');

      const roots = [t.blobs.root, tmpdir()];
      for (const root of roots) {
        const walk = await walkFiles(
          root,
          root === t.blobs.root ? {} : { modifiedSince: started - 60_000 },
        );
        const scan = await scanFiles(walk.files, needles);
        assert.deepEqual(scan.hits, [], `found in ${root}`);
        if (root === t.blobs.root) assert.ok(scan.scanned >= 5, 'the blob store holds the parts');
      }
      // The database: every text and bytea value, the audit log and the job queue included.
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = 'public'`.execute(
        t.database.db,
      );
      for (const { table_name } of tables.rows) {
        const rows = await sql<{
          row: string;
        }>`select t::text as row from ${sql.table(table_name)} t`.execute(t.database.db);
        for (const { row } of rows.rows) {
          const bytes = Buffer.from(row);
          assert.deepEqual([...needles.find(bytes)], [], `in table ${table_name}`);
        }
      }
    });

    test('an https page with a self-signed certificate is captured with its chain, marked invalid', async () => {
      const parent = await incidentParent();
      const { body } = captureBody(parent, `${secure.origin}/post`);
      const res = await capture(body);
      assert.equal(res.statusCode, 201, res.body);
      const { meta, parts } = await openParts(res.json<EvidenceItem>(), parent.recordKey);
      const info = meta.capture;
      assert.ok(info);
      assert.equal(info.finalUrl, `${secure.origin}/post`);
      assert.equal(info.tlsValid, false);
      assert.equal(info.tlsChainPem.length, 1);
      assert.equal(
        new X509Certificate(info.tlsChainPem[0] ?? '').fingerprint256,
        new X509Certificate(secure.certPem).fingerprint256,
      );
      assert.ok(parts.get('html')?.toString().includes(marker));
    });

    test('a capture into a case the member sees works; a stamp that fails is retried later', async () => {
      const kase = await createTestCase(t, org, org.admin);
      const worker = await addMember(t, org, 'case_worker');
      const { body } = captureBody(
        { caseId: kase.id, recordKey: kase.recordKey },
        `${site.origin}/post`,
      );
      tsa.mode = 'unavailable';
      let res;
      try {
        res = await capture(body, worker.cookie);
      } finally {
        tsa.mode = 'ok';
      }
      assert.equal(res.statusCode, 201, res.body);
      const item = res.json<EvidenceItem>();
      assert.equal(item.caseId, kase.id);
      assert.deepEqual(item.timestamps, []);
      const jobs = await t.database.db
        .selectFrom('jobs')
        .select('payload')
        .where('kind', '=', 'evidence.timestamp')
        .where('done_at', 'is', null)
        .execute();
      assert.ok(jobs.some((j) => (j.payload as { itemId?: string }).itemId === item.id));
    });

    test('who may capture: evidence.write and sight of the parent; nothing is fetched otherwise', async () => {
      const before = site.requests.length;
      const parent = await incidentParent();
      const viewer = await addMember(t, org, 'viewer');
      assert.equal(
        (await capture(captureBody(parent, `${site.origin}/post`).body, viewer.cookie)).statusCode,
        403,
      );

      const other = await createOrganisation(t, 'Elsewhere');
      const theirs = await createTestIncident(t, other);
      const res = await capture(
        captureBody({ incidentId: theirs.id, recordKey: theirs.recordKey }, `${site.origin}/post`)
          .body,
      );
      assert.equal(res.statusCode, 404);

      const restricted = await createTestCase(t, org, org.admin, { restricted: true });
      const worker = await addMember(t, org, 'case_worker');
      const hidden = await capture(
        captureBody(
          { caseId: restricted.id, recordKey: restricted.recordKey },
          `${site.origin}/post`,
        ).body,
        worker.cookie,
      );
      assert.equal(hidden.statusCode, 404);
      assert.equal(site.requests.length, before, 'no refused capture fetched the page');
    });

    test('addresses a member can fix are refused with a reason, and nothing is stored', async () => {
      const parent = await incidentParent();
      const count = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('evidence_items')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const itemsBefore = await count();
      const cases: [string, number, string][] = [
        ['ftp://example.org/file', 400, 'invalid_request'],
        ['file:///etc/passwd', 400, 'invalid_request'],
        ['javascript:alert(1)', 400, 'invalid_request'],
        [`http://user:secret@127.0.0.1:${site.port}/post`, 400, 'capture_bad_url'],
        ['http://no-such-host.invalid/', 422, 'capture_unreachable'],
      ];
      for (const [url, status, code] of cases) {
        const res = await capture(captureBody(parent, url).body);
        assert.equal(res.statusCode, status, `${url}: ${res.body}`);
        assert.equal(errorOf(res).code, code, url);
        assert.ok(!res.body.includes('no-such-host'), 'the answer does not repeat the address');
      }
      const saved = t.config.evidence.capture.allowPrivateNetworks;
      t.config.evidence.capture.allowPrivateNetworks = false;
      try {
        const res = await capture(captureBody(parent, `${site.origin}/post`).body);
        assert.equal(res.statusCode, 422);
        assert.equal(errorOf(res).code, 'capture_forbidden_address');
      } finally {
        t.config.evidence.capture.allowPrivateNetworks = saved;
      }
      assert.equal(await count(), itemsBefore);
      const walk = await walkFiles(t.blobs.root);
      const stored = await t.database.db
        .selectFrom('evidence_files')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(
        walk.files.filter((f) => !f.includes('.uploads')).length,
        Number(stored.n),
        'no blob without a file row',
      );
    });

    test('an item id already taken is refused before the page is fetched', async () => {
      const parent = await incidentParent();
      const first = captureBody(parent, `${site.origin}/post`);
      assert.equal((await capture(first.body)).statusCode, 201);
      const before = site.requests.length;
      const again = captureBody(parent, `${site.origin}/post`);
      const res = await capture({ ...again.body, id: first.body.id });
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'item_exists');
      assert.equal(site.requests.length, before);
    });

    test('without Chromium a capture answers capture_unavailable', async () => {
      const defaults = defaultConfig().evidence;
      const other = await createTestApp(database, {
        evidence: {
          ...defaults,
          capture: { ...defaults.capture, chromiumPath: '/nonexistent/chromium' },
        },
      });
      try {
        const parent = await incidentParent();
        const res = await call(other, 'POST', '/api/evidence/captures', {
          cookie: org.admin.cookie,
          payload: captureBody(parent, `${site.origin}/post`).body,
        });
        assert.equal(res.statusCode, 503);
        assert.equal(errorOf(res).code, 'capture_unavailable');
      } finally {
        await other.close();
      }
    });
  });
}
