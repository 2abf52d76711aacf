// Tampering with stored evidence: one flipped byte of a blob, anywhere in the envelope,
// makes decryption fail, and the integrity job flags the item corrupt and tells the admins.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { EvidenceItem } from '../../src/common/api/evidence.ts';
import { DecryptionError } from '../../src/common/crypto/envelope.ts';
import { checkIntegrity } from '../../src/server/modules/evidence/check-integrity.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { createTestIncident, type TestIncident } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { fetchAndDecrypt, flipByte, listen, uploadItem } from './upload-helpers.ts';

for (const engine of engines()) {
  describe(`tampered evidence (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    let org: TestOrganisation;
    let incident: TestIncident;
    let baseUrl: string;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
      org = await createOrganisation(t);
      incident = await createTestIncident(t, org);
      baseUrl = await listen(t);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    const blobKeyOf = async (fileId: string) =>
      (
        await t.database.db
          .selectFrom('evidence_files')
          .select('blob_key')
          .where('id', '=', fileId)
          .executeTakeFirstOrThrow()
      ).blob_key;

    // In the header, in the first chunk, in a middle chunk's tag, in the last chunk.
    for (const where of [1, 30, 65_553 + 26 - 3, 190_000]) {
      test(`a byte flipped at ${where} fails decryption and the integrity check`, async () => {
        const bytes = randomFillSync(new Uint8Array(200_000));
        const { item } = await uploadItem(
          baseUrl,
          org.admin,
          { parent: { incidentId: incident.id }, recordKey: incident.recordKey },
          [{ role: 'original', bytes }],
        );
        assert.deepEqual(await fetchAndDecrypt(t, org.admin, item, incident.recordKey), bytes);
        await flipByte(t.blobs.root, await blobKeyOf(item.files[0]?.id ?? ''), where);
        await assert.rejects(
          fetchAndDecrypt(t, org.admin, item, incident.recordKey),
          (error: unknown) => error instanceof DecryptionError,
        );
        await checkIntegrity({
          db: t.database.db,
          blobs: t.blobs,
          now: t.clock.now,
          everyHours: t.config.evidence.integrityCheckHours,
        });
        const after = (
          await call(t, 'GET', `/api/evidence/items/${item.id}`, { cookie: org.admin.cookie })
        ).json<EvidenceItem>();
        assert.equal(after.integrityStatus, 'corrupt');
        const notes = (
          await call(t, 'GET', '/api/notifications', { cookie: org.admin.cookie })
        ).json<{ notifications: { kind: string; evidenceItemId: string | null }[] }>();
        assert.ok(
          notes.notifications.some(
            (n) => n.kind === 'evidence_integrity' && n.evidenceItemId === item.id,
          ),
          'the admin is told',
        );
      });
    }
  });
}
