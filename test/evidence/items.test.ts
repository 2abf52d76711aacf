// Evidence items after the commit: listed per incident or case with the keys a member
// needs to open them, hidden by the same rules as their parent (another organisation, a
// restricted case), deleted only by admins, and gone with their blobs when the incident or
// the case is deleted.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { EvidenceItem } from '../../src/common/api/evidence.ts';
import { encryptBytes } from '../../src/common/crypto/stream.ts';
import { generateFileKey } from '../../src/common/evidence/item-crypto.ts';
import { createTestCase } from '../helpers/cases.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call, errorOf } from '../helpers/http.ts';
import { createTestIncident, openKey } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import {
  fetchAndDecrypt,
  injectBeginUpload,
  injectSegment,
  injectUploadItem,
  openMeta,
} from './upload-helpers.ts';

for (const engine of engines()) {
  describe(`evidence items (${engine.engine})`, { skip: engine.skip }, () => {
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

    const get = (url: string, cookie = org.admin.cookie) => call(t, 'GET', url, { cookie });

    test('an incident lists its items oldest first, with the keys that open them', async () => {
      const incident = await createTestIncident(t, org);
      const target = { parent: { incidentId: incident.id }, recordKey: incident.recordKey };
      const first = randomFillSync(new Uint8Array(3000));
      const second = randomFillSync(new Uint8Array(70_000));
      const a = await injectUploadItem(t, org.admin, target, first);
      t.clock.advance(1000);
      const b = await injectUploadItem(t, org.admin, target, second);
      const res = await get(`/api/evidence/items?incidentId=${incident.id}`);
      assert.equal(res.statusCode, 200, res.body);
      const list = res.json<{ sealedRecordKey: string; items: EvidenceItem[] }>();
      assert.deepEqual(
        list.items.map((i) => i.id),
        [a.id, b.id],
      );
      // The member's browser opens the record key with the organisation key, then the rest.
      const recordKey = openKey(org, list.sealedRecordKey);
      assert.deepEqual(recordKey, incident.recordKey);
      const [itemA, itemB] = list.items;
      assert.ok(itemA && itemB);
      assert.equal(itemA.sealedRecordKey, list.sealedRecordKey);
      assert.equal(itemA.kind, 'file');
      assert.equal(itemA.collectedBy, org.admin.id);
      assert.equal(itemA.integrityStatus, 'unchecked');
      assert.equal(itemA.files[0]?.ciphertextBytes, encryptBytes(generateFileKey(), first).length);
      assert.equal(openMeta(itemB, recordKey).files[0]?.size, second.byteLength);
      assert.deepEqual(await fetchAndDecrypt(t, org.admin, itemB, recordKey), second);
      const one = await get(`/api/evidence/items/${a.id}`);
      assert.deepEqual(one.json(), itemA);
    });

    test('a case lists its items; a restricted one only to its assigned members and admins', async () => {
      const worker = await addMember(t, org, 'case_worker');
      const lawyer = await addMember(t, org, 'lawyer');
      const kase = await createTestCase(t, org, org.admin, { restricted: true });
      const assign = await call(t, 'PUT', `/api/cases/${kase.id}/members/${lawyer.id}`, {
        cookie: org.admin.cookie,
        payload: {},
      });
      assert.equal(assign.statusCode, 204, assign.body);
      const item = await injectUploadItem(t, lawyer, {
        parent: { caseId: kase.id },
        recordKey: kase.recordKey,
      });
      const fileId = item.files[0]?.id ?? '';
      const urls = [
        `/api/evidence/items?caseId=${kase.id}`,
        `/api/evidence/items/${item.id}`,
        `/api/evidence/items/${item.id}/custody`,
        `/api/evidence/files/${fileId}/content?purpose=view`,
      ];
      for (const url of urls) {
        assert.equal((await get(url, lawyer.cookie)).statusCode, 200, `assigned: ${url}`);
        assert.equal((await get(url)).statusCode, 200, `admin: ${url}`);
        const hidden = await get(url, worker.cookie);
        assert.equal(hidden.statusCode, 404, `not assigned: ${url}`);
      }
      const verify = await call(t, 'POST', `/api/evidence/items/${item.id}/verifications`, {
        cookie: worker.cookie,
        payload: { result: 'pass', failures: [] },
      });
      assert.equal(verify.statusCode, 404);
      const exported = await call(t, 'POST', '/api/evidence/exports', {
        cookie: worker.cookie,
        payload: { caseId: null, itemIds: [item.id], packageManifestSha256: 'a'.repeat(64) },
      });
      assert.equal(exported.statusCode, 403, 'a case worker may not export at all');
    });

    test('another organisation gets 404 for every item, file and list, and cannot export them', async () => {
      const incident = await createTestIncident(t, org);
      const item = await injectUploadItem(t, org.admin, {
        parent: { incidentId: incident.id },
        recordKey: incident.recordKey,
      });
      const other = await createOrganisation(t, 'Other');
      for (const url of [
        `/api/evidence/items?incidentId=${incident.id}`,
        `/api/evidence/items/${item.id}`,
        `/api/evidence/items/${item.id}/custody`,
        `/api/evidence/files/${item.files[0]?.id ?? ''}/content?purpose=download`,
      ]) {
        const res = await get(url, other.admin.cookie);
        assert.equal(res.statusCode, 404, url);
        assert.ok(!res.body.includes(item.id));
      }
      const del = await call(t, 'DELETE', `/api/evidence/items/${item.id}`, {
        cookie: other.admin.cookie,
      });
      assert.equal(del.statusCode, 404);
      const exported = await call(t, 'POST', '/api/evidence/exports', {
        cookie: other.admin.cookie,
        payload: { caseId: null, itemIds: [item.id], packageManifestSha256: 'a'.repeat(64) },
      });
      assert.equal(exported.statusCode, 400);
      assert.equal(errorOf(exported).code, 'item_not_found');
      assert.equal((await get(`/api/evidence/items/${item.id}`)).statusCode, 200);
    });

    test('only an admin deletes an item; its rows and blobs go, its custody entries stay', async () => {
      const lawyer = await addMember(t, org, 'lawyer');
      const incident = await createTestIncident(t, org);
      const item = await injectUploadItem(t, lawyer, {
        parent: { incidentId: incident.id },
        recordKey: incident.recordKey,
      });
      const blobKey = await blobKeyOf(item.files[0]?.id ?? '');
      assert.notEqual(await t.blobs.size(blobKey), null);
      const refused = await call(t, 'DELETE', `/api/evidence/items/${item.id}`, {
        cookie: lawyer.cookie,
      });
      assert.equal(refused.statusCode, 403);
      const res = await call(t, 'DELETE', `/api/evidence/items/${item.id}`, {
        cookie: org.admin.cookie,
      });
      assert.equal(res.statusCode, 204);
      assert.equal((await get(`/api/evidence/items/${item.id}`)).statusCode, 404);
      assert.equal(await t.blobs.size(blobKey), null, 'the blob is removed');
      const events = await t.database.db
        .selectFrom('audit_events')
        .select(['action', 'fields'])
        .where('object_id', '=', item.id)
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        events.map((e) => e.action),
        ['evidence.uploaded', 'evidence.deleted'],
      );
    });

    for (const parentType of ['incident', 'case'] as const) {
      test(`deleting the ${parentType} removes its evidence blobs and uploads in progress`, async () => {
        const target =
          parentType === 'incident'
            ? await (async () => {
                const i = await createTestIncident(t, org);
                return {
                  parent: { incidentId: i.id },
                  recordKey: i.recordKey,
                  url: `/api/incidents/${i.id}`,
                };
              })()
            : await (async () => {
                const c = await createTestCase(t, org, org.admin);
                return {
                  parent: { caseId: c.id },
                  recordKey: c.recordKey,
                  url: `/api/cases/${c.id}`,
                };
              })();
        const items = [
          await injectUploadItem(t, org.admin, target),
          await injectUploadItem(t, org.admin, target),
        ];
        const keys = await Promise.all(items.map((i) => blobKeyOf(i.files[0]?.id ?? '')));
        const pending = encryptBytes(generateFileKey(), new Uint8Array(500));
        const uploadId = await injectBeginUpload(t, org.admin, target.parent, pending.byteLength);
        await injectSegment(t, org.admin, uploadId, 0, pending.subarray(0, 100));

        const res = await call(t, 'DELETE', target.url, { cookie: org.admin.cookie });
        assert.equal(res.statusCode, 204, res.body);
        for (const key of keys) assert.equal(await t.blobs.size(key), null);
        assert.equal(await t.blobs.uploadSize(uploadId), null);
        for (const item of items) {
          assert.equal((await get(`/api/evidence/items/${item.id}`)).statusCode, 404);
          const deleted = await t.database.db
            .selectFrom('audit_events')
            .select('fields')
            .where('object_id', '=', item.id)
            .where('action', '=', 'evidence.deleted')
            .execute();
          assert.equal(deleted.length, 1);
        }
      });
    }

    async function blobKeyOf(fileId: string): Promise<string> {
      const row = await t.database.db
        .selectFrom('evidence_files')
        .select('blob_key')
        .where('id', '=', fileId)
        .executeTakeFirstOrThrow();
      return row.blob_key;
    }
  });
}
