// The chain of custody: every upload, fetch (per purpose), verification and export of an
// item is an audit event naming the file and its ciphertext hash, in the hash chain; the
// report lists them with their links and says whether the whole chain verifies; the
// plaintext hash never appears in the log.
import assert from 'node:assert/strict';
import { createHash, randomFillSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { CustodyEntry, CustodyReport } from '../../src/common/api/evidence.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { createTestIncident } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { fetchAndDecrypt, injectUploadItem } from './upload-helpers.ts';

for (const engine of engines()) {
  describe(`evidence chain of custody (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
      org = await createOrganisation(t);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    const report = async (itemId: string) => {
      const res = await call(t, 'GET', `/api/evidence/items/${itemId}/custody`, {
        cookie: org.admin.cookie,
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json<CustodyReport>();
    };

    test('upload, each fetch, a verification and an export are custody entries in the hash chain', async () => {
      const lawyer = await addMember(t, org, 'lawyer');
      const incident = await createTestIncident(t, org);
      const plaintext = randomFillSync(new Uint8Array(40_000));
      const item = await injectUploadItem(
        t,
        lawyer,
        { parent: { incidentId: incident.id }, recordKey: incident.recordKey },
        plaintext,
      );
      const file = item.files[0];
      assert.ok(file);
      for (const purpose of ['view', 'download', 'export', 'verify'] as const) {
        await fetchAndDecrypt(t, lawyer, item, incident.recordKey, 'original', purpose);
      }
      const head = await call(t, 'HEAD', `/api/evidence/files/${file.id}/content?purpose=view`, {
        cookie: lawyer.cookie,
      });
      assert.equal(head.statusCode, 200);
      assert.equal(head.headers['content-length'], String(file.ciphertextBytes));
      const verified = await call(t, 'POST', `/api/evidence/items/${item.id}/verifications`, {
        cookie: lawyer.cookie,
        payload: { result: 'fail', failures: ['timestamp_missing'] },
      });
      assert.equal(verified.statusCode, 201, verified.body);
      const exported = await call(t, 'POST', '/api/evidence/exports', {
        cookie: lawyer.cookie,
        payload: { caseId: null, itemIds: [item.id], packageManifestSha256: 'c'.repeat(64) },
      });
      assert.equal(exported.statusCode, 201, exported.body);

      const custody = await report(item.id);
      assert.equal(custody.itemId, item.id);
      assert.equal(custody.chainIntact, true);
      assert.deepEqual(
        custody.entries.map((e) => [e.action, e.fields.purpose ?? null]),
        [
          ['evidence.uploaded', null],
          ['evidence.viewed', 'view'],
          ['evidence.downloaded', 'download'],
          ['evidence.exported', 'export'],
          ['evidence.verified', 'verify'],
          ['evidence.verified', null],
          ['evidence.exported', null],
        ],
        'one entry per fetch (HEAD is none), then the verification and the export',
      );
      for (const entry of custody.entries.slice(0, 5)) {
        assert.equal(entry.fileId, file.id);
        assert.equal(entry.role, 'original');
        assert.equal(entry.ciphertextSha256, file.ciphertextSha256);
        assert.equal(entry.actorMemberId, lawyer.id);
      }
      const [verification, exportEntry] = custody.entries.slice(5);
      assert.deepEqual(verification?.fields, { result: 'fail', failures: ['timestamp_missing'] });
      assert.deepEqual(verified.json<CustodyEntry>(), verification);
      assert.equal(exportEntry?.fields.packageManifestSha256, 'c'.repeat(64));
      assert.deepEqual(exported.json<{ entries: CustodyEntry[] }>().entries, [exportEntry]);

      // Each entry is a row of the audit chain: its hash and previous hash are the row's.
      for (const entry of custody.entries) {
        const row = await t.database.db
          .selectFrom('audit_events')
          .select(['hash', 'prev_hash'])
          .where('seq', '=', entry.seq)
          .executeTakeFirstOrThrow();
        assert.equal(Buffer.from(row.hash).toString('hex'), entry.hash);
        assert.equal(Buffer.from(row.prev_hash).toString('hex'), entry.prevHash);
      }

      // The plaintext hash is sealed: nowhere in the audit log.
      const plainSha = createHash('sha256').update(plaintext).digest('hex');
      const log = await t.database.db.selectFrom('audit_events').select('fields').execute();
      assert.ok(!JSON.stringify(log).includes(plainSha), 'no plaintext hash in the audit log');
      assert.ok(!JSON.stringify(custody).includes(plainSha));
    });

    test('an edited audit row makes the report say the chain is broken', async () => {
      const incident = await createTestIncident(t, org);
      const item = await injectUploadItem(t, org.admin, {
        parent: { incidentId: incident.id },
        recordKey: incident.recordKey,
      });
      assert.equal((await report(item.id)).chainIntact, true);
      const first = (await report(item.id)).entries[0];
      assert.ok(first);
      // An insider with the database's owner rights rewrites which ciphertext was uploaded.
      const db = t.database.db;
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(db);
      await sql`update audit_events set fields = ${JSON.stringify({
        fileId: first.fileId,
        role: first.role,
        ciphertextSha256: '0'.repeat(64),
        ...first.fields,
      })}::jsonb where seq = ${first.seq}`.execute(db);
      await sql`alter table audit_events enable trigger audit_events_no_update`.execute(db);
      assert.equal((await report(item.id)).chainIntact, false);
    });
  });
}
