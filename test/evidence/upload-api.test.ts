// The upload API's rules, request by request: offsets, segment and file size limits,
// plaintext refused before it is written, uploads private to the member who began them,
// expiry, and a commit that writes an item whole or not at all.
import assert from 'node:assert/strict';
import { createHash, randomFillSync, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { encryptBytes } from '../../src/common/crypto/stream.ts';
import { generateFileKey, generateItemKey } from '../../src/common/evidence/item-crypto.ts';
import { envelopeLength } from '../../src/common/evidence/upload-client.ts';
import * as evidenceApi from '../../src/common/api/evidence.ts';
import type { BlobStore } from '../../src/server/blobs/blob-store.ts';
import { commitItem } from '../../src/server/modules/evidence/commit-item.ts';
import { purgeUploads } from '../../src/server/modules/evidence/purge-uploads.ts';
import { UploadTracker } from '../../src/server/modules/evidence/upload-tracker.ts';
import { createTestCase } from '../helpers/cases.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, countAuditEvents, errorOf } from '../helpers/http.ts';
import { createTestIncident } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  commitBody,
  injectBeginUpload,
  injectSegment,
  injectUploadFile,
  type EvidenceParentKey,
} from './upload-helpers.ts';

const MAX_SEGMENT = 64 * 1024;
const MAX_FILE = 4 * 1024 * 1024;

for (const engine of engines()) {
  describe(`evidence upload API (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    let target: EvidenceParentKey;
    before(async () => {
      database = await engine.open();
      const defaults = (await import('../../src/server/config.ts')).defaultConfig().evidence;
      t = await createTestApp(database, {
        evidence: { ...defaults, maxSegmentBytes: MAX_SEGMENT, maxFileBytes: MAX_FILE },
      });
      org = await createOrganisation(t);
      const incident = await createTestIncident(t, org);
      target = { parent: { incidentId: incident.id }, recordKey: incident.recordKey };
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    const status = async (uploadId: string, cookie = org.admin.cookie) => {
      const res = await call(t, 'GET', `/api/evidence/uploads/${uploadId}`, { cookie });
      return res;
    };

    test('begin tells the offset, the segment size and the expiry; GET and HEAD report progress', async () => {
      const ciphertext = encryptBytes(generateFileKey(), randomFillSync(new Uint8Array(150_000)));
      const res = await call(t, 'POST', '/api/evidence/uploads', {
        cookie: org.admin.cookie,
        payload: { parent: target.parent, length: ciphertext.byteLength },
      });
      assert.equal(res.statusCode, 201, res.body);
      const upload = res.json<{
        id: string;
        offset: number;
        maxSegmentBytes: number;
        expiresAt: string;
      }>();
      assert.equal(upload.offset, 0);
      assert.equal(upload.maxSegmentBytes, MAX_SEGMENT);
      assert.equal(res.headers.location, `/api/evidence/uploads/${upload.id}`);
      assert.equal(
        new Date(upload.expiresAt).getTime() - t.clock.now().getTime(),
        t.config.evidence.uploadExpiryHours * 3_600_000,
      );

      const first = await injectSegment(
        t,
        org.admin,
        upload.id,
        0,
        ciphertext.subarray(0, MAX_SEGMENT),
      );
      assert.equal(first.statusCode, 204, first.body);
      assert.equal(first.headers['upload-offset'], String(MAX_SEGMENT));
      const head = await call(t, 'HEAD', `/api/evidence/uploads/${upload.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(head.statusCode, 200);
      assert.equal(head.headers['upload-offset'], String(MAX_SEGMENT));
      assert.equal(head.headers['upload-length'], String(ciphertext.byteLength));
      assert.equal(head.body, '');
      assert.equal((await status(upload.id)).json<{ offset: number }>().offset, MAX_SEGMENT);
    });

    test('a segment at the wrong offset is refused with the real one, and nothing is written', async () => {
      const ciphertext = encryptBytes(generateFileKey(), randomFillSync(new Uint8Array(100_000)));
      const id = await injectBeginUpload(t, org.admin, target.parent, ciphertext.byteLength);
      await injectSegment(t, org.admin, id, 0, ciphertext.subarray(0, 50_000));
      for (const wrong of [0, 49_999, 60_000]) {
        const res = await injectSegment(
          t,
          org.admin,
          id,
          wrong,
          ciphertext.subarray(wrong, wrong + 10),
        );
        assert.equal(res.statusCode, 409);
        assert.equal(errorOf(res).code, 'upload_offset_mismatch');
        assert.equal(res.headers['upload-offset'], '50000');
      }
      assert.equal((await status(id)).json<{ offset: number }>().offset, 50_000);
      const rest = await injectSegment(t, org.admin, id, 50_000, ciphertext.subarray(50_000));
      assert.equal(rest.statusCode, 204);
      assert.equal(rest.headers['upload-offset'], String(ciphertext.byteLength));
    });

    test('size limits: a segment above maxSegmentBytes, a segment past the end, a file above maxFileBytes', async () => {
      const ciphertext = encryptBytes(generateFileKey(), randomFillSync(new Uint8Array(200_000)));
      const id = await injectBeginUpload(t, org.admin, target.parent, ciphertext.byteLength);
      const big = await injectSegment(t, org.admin, id, 0, ciphertext.subarray(0, MAX_SEGMENT + 1));
      assert.equal(big.statusCode, 413);
      assert.equal(errorOf(big).code, 'segment_too_large');
      assert.equal((await status(id)).json<{ offset: number }>().offset, 0);

      const small = encryptBytes(generateFileKey(), new Uint8Array(100));
      const smallId = await injectBeginUpload(t, org.admin, target.parent, small.byteLength);
      const past = await injectSegment(
        t,
        org.admin,
        smallId,
        0,
        new Uint8Array([...small, 1, 2, 3]),
      );
      assert.equal(past.statusCode, 413);
      assert.equal(errorOf(past).code, 'upload_too_long');

      const huge = await call(t, 'POST', '/api/evidence/uploads', {
        cookie: org.admin.cookie,
        payload: { parent: target.parent, length: envelopeLength(MAX_FILE) },
      });
      assert.equal(huge.statusCode, 413);
      assert.equal(errorOf(huge).code, 'upload_too_large');
      const odd = await call(t, 'POST', '/api/evidence/uploads', {
        cookie: org.admin.cookie,
        payload: { parent: target.parent, length: 26 + 5 },
      });
      assert.equal(odd.statusCode, 400, 'no envelope is 31 bytes long');
      assert.equal(errorOf(odd).code, 'file_not_encrypted');
    });

    test('plaintext is refused before a byte of it is written', async () => {
      const plaintext = new TextEncoder().encode(
        '%PDF-1.7 a plain document that was never encrypted',
      );
      const length = envelopeLength(100);
      const id = await injectBeginUpload(t, org.admin, target.parent, length);
      const res = await injectSegment(t, org.admin, id, 0, plaintext);
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'file_not_encrypted');
      assert.equal((await status(id)).json<{ offset: number }>().offset, 0);
      const files = await readdir(path.join(t.blobs.root, '.uploads'));
      for (const file of files) {
        const size = await t.blobs.uploadSize(file);
        if (file === id) assert.equal(size, 0);
      }
      const json = await call(t, 'PATCH', `/api/evidence/uploads/${id}`, {
        cookie: org.admin.cookie,
        headers: { 'upload-offset': '0' },
        payload: { bytes: 'AQQ' },
      });
      assert.equal(json.statusCode, 415, 'a JSON body is not a segment');
    });

    test('an upload is private to the member who began it; another organisation gets 404', async () => {
      const worker = await addMember(t, org, 'case_worker');
      const other = await createOrganisation(t, 'Other');
      const ciphertext = encryptBytes(generateFileKey(), new Uint8Array(10));
      const id = await injectBeginUpload(t, org.admin, target.parent, ciphertext.byteLength);
      for (const member of [worker, other.admin]) {
        assert.equal((await status(id, member.cookie)).statusCode, 404);
        assert.equal((await injectSegment(t, member, id, 0, ciphertext)).statusCode, 404);
        const gone = await call(t, 'DELETE', `/api/evidence/uploads/${id}`, {
          cookie: member.cookie,
        });
        assert.equal(gone.statusCode, 404);
      }
      const outsiderBegins = await call(t, 'POST', '/api/evidence/uploads', {
        cookie: other.admin.cookie,
        payload: { parent: target.parent, length: ciphertext.byteLength },
      });
      assert.equal(outsiderBegins.statusCode, 404, 'another organisation’s incident is unknown');
      assert.equal((await status(id)).statusCode, 200);
    });

    test('a restricted case takes uploads only from its assigned members and admins', async () => {
      const worker = await addMember(t, org, 'case_worker');
      const kase = await createTestCase(t, org, org.admin, { restricted: true });
      const length = envelopeLength(10);
      const refused = await call(t, 'POST', '/api/evidence/uploads', {
        cookie: worker.cookie,
        payload: { parent: { caseId: kase.id }, length },
      });
      assert.equal(refused.statusCode, 404);
      assert.equal(errorOf(refused).message, 'The case was not found.');
      const admin = await call(t, 'POST', '/api/evidence/uploads', {
        cookie: org.admin.cookie,
        payload: { parent: { caseId: kase.id }, length },
      });
      assert.equal(admin.statusCode, 201);
    });

    test('abandoning removes the row and the bytes', async () => {
      const ciphertext = encryptBytes(generateFileKey(), new Uint8Array(1000));
      const id = await injectBeginUpload(t, org.admin, target.parent, ciphertext.byteLength);
      await injectSegment(t, org.admin, id, 0, ciphertext.subarray(0, 500));
      const res = await call(t, 'DELETE', `/api/evidence/uploads/${id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(res.statusCode, 204);
      assert.equal((await status(id)).statusCode, 404);
      assert.equal(await t.blobs.uploadSize(id), null);
    });

    test('an expired upload answers 410 and the purge removes its row and bytes', async () => {
      const ciphertext = encryptBytes(generateFileKey(), new Uint8Array(1000));
      const id = await injectBeginUpload(t, org.admin, target.parent, ciphertext.byteLength);
      await injectSegment(t, org.admin, id, 0, ciphertext.subarray(0, 500));
      // Its expiry passes (moving the clock 48 hours would end the session too).
      await t.database.db
        .updateTable('evidence_uploads')
        .set({ expires_at: new Date(t.clock.now().getTime() - 1) })
        .where('id', '=', id)
        .execute();
      const late = await injectSegment(t, org.admin, id, 500, ciphertext.subarray(500));
      assert.equal(late.statusCode, 410);
      assert.equal(errorOf(late).code, 'upload_expired');
      // An orphan: bytes whose row is gone (a commit cut short before discarding them).
      const orphan = randomUUID();
      await t.blobs.createUpload(orphan);
      const purged = await purgeUploads({ db: t.database.db, blobs: t.blobs, now: t.clock.now() });
      assert.ok(purged.expired >= 1);
      assert.ok(purged.orphans >= 1);
      assert.equal(await t.blobs.uploadSize(id), null);
      assert.equal(await t.blobs.uploadSize(orphan), null);
      const row = await t.database.db
        .selectFrom('evidence_uploads')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      assert.equal(row, undefined);
    });

    test('a commit with an incomplete upload is refused and writes nothing', async () => {
      const itemKey = generateItemKey();
      const plaintext = randomFillSync(new Uint8Array(5000));
      const fileKey = generateFileKey();
      const ciphertext = encryptBytes(fileKey, plaintext);
      const uploadId = await injectBeginUpload(t, org.admin, target.parent, ciphertext.byteLength);
      await injectSegment(t, org.admin, uploadId, 0, ciphertext.subarray(0, 3000));
      const before = await countAuditEvents(t);
      const itemId = randomUUID();
      const body = commitBody(
        target,
        itemId,
        itemKey,
        [
          {
            id: randomUUID(),
            uploadId,
            role: 'original',
            sealedFileKey: 'AQEAAAAAAAAAAAAA',
            ciphertextSha256: createHash('sha256').update(ciphertext).digest('hex'),
          },
        ],
        plaintext,
      );
      const res = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: body,
      });
      assert.equal(res.statusCode, 409);
      assert.equal(errorOf(res).code, 'upload_incomplete');
      assert.match(errorOf(res).message, /3000 of/);
      assert.equal(await countAuditEvents(t), before);
      const item = await call(t, 'GET', `/api/evidence/items/${itemId}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(item.statusCode, 404);

      // Finished, the same commit goes through.
      await injectSegment(t, org.admin, uploadId, 3000, ciphertext.subarray(3000));
      const done = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: body,
      });
      assert.equal(done.statusCode, 201, done.body);
    });

    test('a commit whose ciphertext hash differs is refused and the upload discarded', async () => {
      const itemKey = generateItemKey();
      const plaintext = randomFillSync(new Uint8Array(5000));
      const { file } = await injectUploadFile(t, org.admin, target.parent, itemKey, plaintext);
      const wrong = {
        ...file,
        ciphertextSha256: createHash('sha256').update('other').digest('hex'),
      };
      const before = await countAuditEvents(t);
      const res = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: commitBody(target, randomUUID(), itemKey, [wrong], plaintext),
      });
      assert.equal(res.statusCode, 400);
      assert.equal(errorOf(res).code, 'upload_corrupt');
      assert.equal(await countAuditEvents(t), before);
      assert.equal((await status(file.uploadId)).statusCode, 404);
      assert.equal(await t.blobs.uploadSize(file.uploadId), null);
    });

    test('a commit for another parent than the upload’s, or reusing an upload, is refused', async () => {
      const itemKey = generateItemKey();
      const plaintext = randomFillSync(new Uint8Array(100));
      const { file } = await injectUploadFile(t, org.admin, target.parent, itemKey, plaintext);
      const other = await createTestIncident(t, org);
      const elsewhere = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: commitBody(
          { parent: { incidentId: other.id }, recordKey: other.recordKey },
          randomUUID(),
          itemKey,
          [file],
          plaintext,
        ),
      });
      assert.equal(elsewhere.statusCode, 400);
      assert.equal(errorOf(elsewhere).code, 'upload_parent_mismatch');
      const twice = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: commitBody(
          target,
          randomUUID(),
          itemKey,
          [file, { ...file, id: randomUUID(), role: 'working' }],
          plaintext,
        ),
      });
      assert.equal(twice.statusCode, 400);
      assert.equal(errorOf(twice).code, 'duplicate_upload');
      const ok = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: commitBody(target, randomUUID(), itemKey, [file], plaintext),
      });
      assert.equal(ok.statusCode, 201, ok.body);
      const again = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: commitBody(
          target,
          randomUUID(),
          itemKey,
          [{ ...file, id: randomUUID() }],
          plaintext,
        ),
      });
      assert.equal(again.statusCode, 400, 'a committed upload is gone');
      assert.equal(errorOf(again).code, 'upload_not_found');
    });

    test('a duplicate item or file id is refused before anything is written', async () => {
      const itemKey = generateItemKey();
      const plaintext = randomFillSync(new Uint8Array(2000));
      const { file } = await injectUploadFile(t, org.admin, target.parent, itemKey, plaintext);
      const existing = await t.database.db
        .selectFrom('evidence_files')
        .select('id')
        .executeTakeFirstOrThrow();
      const clash = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: commitBody(
          target,
          randomUUID(),
          itemKey,
          [{ ...file, id: existing.id }],
          plaintext,
        ),
      });
      assert.equal(clash.statusCode, 409);
      assert.equal(errorOf(clash).code, 'item_exists');
      assert.equal((await status(file.uploadId)).statusCode, 200, 'the upload is still there');
    });

    test('when a blob cannot be committed, the transaction rolls back, no blob stays and the uploads can be committed later', async () => {
      const itemKey = generateItemKey();
      const plaintext = randomFillSync(new Uint8Array(3000));
      const original = await injectUploadFile(t, org.admin, target.parent, itemKey, plaintext);
      const working = await injectUploadFile(
        t,
        org.admin,
        target.parent,
        itemKey,
        plaintext,
        'working',
      );
      const files = [original.file, working.file];
      const blobsBefore = await blobFiles(t.blobs.root);
      const auditBefore = await countAuditEvents(t);
      // The second blob's commit fails (a full disk): the first one was already linked.
      let calls = 0;
      const failing: BlobStore = Object.assign(Object.create(t.blobs) as BlobStore, {
        async commitUpload(id: string, key: string) {
          if (++calls === 2) throw new Error('ENOSPC: no space left on device');
          return t.blobs.commitUpload(id, key);
        },
      });
      const itemId = randomUUID();
      const body = commitBody(target, itemId, itemKey, files, plaintext);
      await assert.rejects(
        commitItem({
          deps: { db: t.database.db, config: t.config, blobs: failing, now: t.clock.now },
          tracker: new UploadTracker(),
          actor: {
            memberId: org.admin.id,
            organisationId: org.id,
            role: 'admin',
            status: 'active',
          },
          request: evidenceApi.commitItem.parse(body),
        }),
        /ENOSPC/,
      );
      assert.equal(calls, 2);
      assert.deepEqual(await blobFiles(t.blobs.root), blobsBefore, 'the linked blob was removed');
      assert.equal(await countAuditEvents(t), auditBefore, 'no custody entry was written');
      const row = await t.database.db
        .selectFrom('evidence_items')
        .select('id')
        .where('id', '=', itemId)
        .executeTakeFirst();
      assert.equal(row, undefined);
      for (const f of files) assert.equal((await status(f.uploadId)).statusCode, 200);

      const ok = await call(t, 'POST', '/api/evidence/items', {
        cookie: org.admin.cookie,
        payload: body,
      });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal((await blobFiles(t.blobs.root)).length, blobsBefore.length + 2);
    });
  });
}

/** The committed blobs of a store (its fan-out folders), not the upload area. */
async function blobFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter(
      (e) => e.isFile() && !e.parentPath.includes('.uploads') && !e.parentPath.includes('.partial'),
    )
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
