// The integrity job: it re-hashes every stored ciphertext when due, marks items intact,
// corrupt or missing with a custody entry, and tells the admins once about an item that
// newly failed; it runs from the job registry with the worker's services.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EvidenceItem } from '../../src/common/api/evidence.ts';
import { evidenceIntegrity } from '../../src/server/jobs/definitions/evidence-integrity.ts';
import type { JobContext } from '../../src/server/jobs/job-definition.ts';
import { jobDefinitions, recurringJobs } from '../../src/server/jobs/registry.ts';
import { createMailer } from '../../src/server/mail/mailer.ts';
import { createLogger } from '../../src/server/logger.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { call } from '../helpers/http.ts';
import { signInAgain } from '../helpers/cases.ts';
import { createTestIncident } from '../helpers/records.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { flipByte, injectUploadItem } from './upload-helpers.ts';

for (const engine of engines()) {
  describe(`evidence integrity job (${engine.engine})`, { skip: engine.skip }, () => {
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

    /** Runs the registered job's handler as the worker would, with its services. */
    const runJob = async () => {
      const lines: string[] = [];
      const ctx: JobContext = {
        db: t.database.db,
        engine: t.database.engine,
        logger: {
          debug: () => {},
          info: (obj: unknown) => void lines.push(JSON.stringify(obj)),
          warn: () => {},
          error: () => {},
        } as unknown as JobContext['logger'],
        now: t.clock.now,
        job: { id: 1, kind: evidenceIntegrity.kind, version: 1, attempt: 1, maxAttempts: 3 },
        signal: new AbortController().signal,
        services: {
          mailer: createMailer(null, createLogger({ level: 'silent' })),
          secrets: t.secrets,
          config: t.config,
          blobs: t.blobs,
        },
      };
      await evidenceIntegrity.handler({}, ctx);
      return JSON.parse(lines[0] ?? '{}') as { checked: number; newlyFailed: number };
    };
    const item = async (id: string, cookie = org.admin.cookie) =>
      (await call(t, 'GET', `/api/evidence/items/${id}`, { cookie })).json<EvidenceItem>();
    const integrityNotes = async (cookie: string) =>
      (await call(t, 'GET', '/api/notifications', { cookie }))
        .json<{ notifications: { kind: string; evidenceItemId: string | null }[] }>()
        .notifications.filter((n) => n.kind === 'evidence_integrity');
    const blobKeyOf = async (fileId: string) =>
      (
        await t.database.db
          .selectFrom('evidence_files')
          .select('blob_key')
          .where('id', '=', fileId)
          .executeTakeFirstOrThrow()
      ).blob_key;
    const checksOf = async (itemId: string) =>
      t.database.db
        .selectFrom('audit_events')
        .select(['fields', 'actor_member_id'])
        .where('object_id', '=', itemId)
        .where('action', '=', 'evidence.integrity_checked')
        .orderBy('seq')
        .execute();

    test('the job is registered and scheduled', () => {
      assert.ok(jobDefinitions.includes(evidenceIntegrity));
      assert.ok(recurringJobs.some((r) => r.job === evidenceIntegrity));
    });

    test('intact items are marked so, checked again only when due, each check in the custody log', async () => {
      const incident = await createTestIncident(t, org);
      const a = await injectUploadItem(t, org.admin, {
        parent: { incidentId: incident.id },
        recordKey: incident.recordKey,
      });
      await runJob();
      const checked = await item(a.id);
      assert.equal(checked.integrityStatus, 'intact');
      assert.equal(checked.integrityCheckedAt, t.clock.now().toISOString());
      assert.equal((await runJob()).checked, 0, 'not due again yet');
      t.clock.advance(t.config.evidence.integrityCheckHours * 3_600_000 + 1000);
      await signInAgain(t, org.admin);
      assert.ok((await runJob()).checked >= 1);
      const checks = await checksOf(a.id);
      assert.equal(checks.length, 2);
      assert.deepEqual(checks[0]?.fields, { result: 'intact', files: 1, failures: [] });
      assert.equal(checks[0]?.actor_member_id, null, 'the server checked, not a member');
    });

    test('a flipped byte makes the item corrupt and notifies each admin once; a lost blob makes it missing', async () => {
      const secondAdmin = await addMember(t, org, 'admin');
      const worker = await addMember(t, org, 'case_worker');
      const incident = await createTestIncident(t, org);
      const target = { parent: { incidentId: incident.id }, recordKey: incident.recordKey };
      const rotten = await injectUploadItem(
        t,
        org.admin,
        target,
        randomFillSync(new Uint8Array(90_000)),
      );
      const lost = await injectUploadItem(t, org.admin, target);
      await runJob();
      assert.equal((await item(rotten.id)).integrityStatus, 'intact');

      const rottenFile = rotten.files[0];
      assert.ok(rottenFile);
      await flipByte(t.blobs.root, await blobKeyOf(rottenFile.id), 70_000);
      const lostKey = await blobKeyOf(lost.files[0]?.id ?? '');
      await rm(path.join(t.blobs.root, lostKey.slice(0, 2), lostKey.slice(2, 4), lostKey));
      t.clock.advance(t.config.evidence.integrityCheckHours * 3_600_000 + 1000);
      await signInAgain(t, org.admin, secondAdmin, worker);
      const run = await runJob();
      assert.equal(run.newlyFailed, 2);
      assert.equal((await item(rotten.id)).integrityStatus, 'corrupt');
      assert.equal((await item(lost.id)).integrityStatus, 'missing');
      const [check] = (await checksOf(rotten.id)).slice(-1);
      assert.deepEqual(check?.fields, {
        result: 'corrupt',
        files: 1,
        failures: [`original:${rottenFile.id}:hash_differs`],
      });

      for (const admin of [org.admin, secondAdmin]) {
        const notes = await integrityNotes(admin.cookie);
        assert.deepEqual(
          notes
            .map((n) => n.evidenceItemId)
            .filter((id) => id === rotten.id || id === lost.id)
            .sort(),
          [lost.id, rotten.id].sort(),
        );
      }
      assert.deepEqual(await integrityNotes(worker.cookie), [], 'only admins are told');

      // Still corrupt at the next check: no second notification.
      t.clock.advance(t.config.evidence.integrityCheckHours * 3_600_000 + 1000);
      await signInAgain(t, org.admin);
      assert.equal((await runJob()).newlyFailed, 0);
      const again = (await integrityNotes(org.admin.cookie)).filter(
        (n) => n.evidenceItemId === rotten.id,
      );
      assert.equal(again.length, 1);
    });
  });
}
