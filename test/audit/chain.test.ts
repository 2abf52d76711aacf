// The audit hash chain: verifyChain passes on an intact log and names the exact event
// that was edited, deleted, reordered or cut off the end; the append-only trigger refuses
// UPDATE and DELETE. Each tampering test restores the rows, so the next starts intact.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import type { AuditRow } from '../../src/server/modules/audit/audit.repository.ts';
import { verifyChain } from '../../src/server/modules/audit/verify-chain.ts';
import { invite } from '../helpers/accounts.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { addMember, createOrganisation } from '../helpers/factories.ts';
import { auditHead } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

for (const engine of engines()) {
  describe(`audit hash chain (${engine.engine})`, { skip: engine.skip }, () => {
    let t: TestApp;
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
      t = await createTestApp(database);
      // Enough history to tamper with in the middle.
      const org = await createOrganisation(t);
      await addMember(t, org, 'case_worker');
      await invite(t, org);
    });
    after(async () => {
      await t.close();
      await database.close();
    });

    const db = () => t.database.db;
    const row = async (seq: number): Promise<AuditRow> =>
      db().selectFrom('audit_events').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();
    const reinsert = (r: AuditRow) =>
      db()
        .insertInto('audit_events')
        .values({ ...r, fields: JSON.stringify(r.fields) })
        .execute();
    /** Runs `change` with the append-only trigger off (as an insider with table rights could), then turns it back on. */
    const tamper = async (change: () => Promise<unknown>) => {
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(db());
      try {
        await change();
      } finally {
        await sql`alter table audit_events enable trigger audit_events_no_update`.execute(db());
      }
    };
    const middle = async () => {
      const head = await auditHead(t);
      assert.ok(head >= 5, `enough events to tamper with (${head})`);
      return Math.floor(head / 2);
    };

    test('an intact chain verifies', async () => {
      const report = await verifyChain({ db: db() });
      assert.deepEqual(report.problems, []);
      assert.equal(report.ok, true);
      assert.equal(report.checked, await auditHead(t));
      assert.equal(report.headSeq, report.checked);
      const paged = await verifyChain({ db: db(), pageSize: 3 });
      assert.deepEqual(
        [paged.ok, paged.checked],
        [true, report.checked],
        'the same across page boundaries',
      );
    });

    test('the trigger refuses UPDATE and DELETE of audit rows', async () => {
      const seq = await middle();
      await assert.rejects(
        sql`update audit_events set action = 'nothing.happened' where seq = ${seq}`.execute(db()),
        /append-only/,
      );
      await assert.rejects(
        sql`delete from audit_events where seq = ${seq}`.execute(db()),
        /append-only/,
      );
      await assert.rejects(sql`delete from audit_events`.execute(db()), /append-only/);
      assert.equal((await row(seq)).seq, seq);
      assert.equal((await verifyChain({ db: db() })).ok, true);
    });

    test('an edited row is named by its sequence number', async () => {
      const seq = await middle();
      const original = await row(seq);
      await tamper(() =>
        sql`update audit_events set fields = ${JSON.stringify({ role: 'admin' })}::jsonb where seq = ${seq}`.execute(
          db(),
        ),
      );
      const report = await verifyChain({ db: db() });
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.problems.map((p) => p.seq),
        [seq],
      );
      assert.match(report.problems[0]?.problem ?? '', /edited/);

      await tamper(() =>
        sql`update audit_events set fields = ${JSON.stringify(original.fields)}::jsonb where seq = ${seq}`.execute(
          db(),
        ),
      );
      assert.equal((await verifyChain({ db: db() })).ok, true, 'restored');
    });

    test('an edited timestamp or actor is caught too', async () => {
      const seq = await middle();
      const original = await row(seq);
      await tamper(() =>
        db()
          .updateTable('audit_events')
          .set({ at: new Date(original.at.getTime() + 1), actor_member_id: null })
          .where('seq', '=', seq)
          .execute(),
      );
      assert.deepEqual(
        (await verifyChain({ db: db() })).problems.map((p) => p.seq),
        [seq],
      );
      await tamper(() =>
        db()
          .updateTable('audit_events')
          .set({ at: original.at, actor_member_id: original.actor_member_id })
          .where('seq', '=', seq)
          .execute(),
      );
      assert.equal((await verifyChain({ db: db() })).ok, true);
    });

    test('a deleted row is reported where the gap is', async () => {
      const seq = await middle();
      const original = await row(seq);
      await tamper(() => db().deleteFrom('audit_events').where('seq', '=', seq).execute());
      const report = await verifyChain({ db: db() });
      assert.equal(report.ok, false);
      assert.ok(
        report.problems.every((p) => p.seq === seq + 1),
        JSON.stringify(report.problems),
      );
      assert.ok(
        report.problems.some((p) => p.problem.includes(`expected row ${seq}`)),
        JSON.stringify(report.problems),
      );

      await tamper(() => reinsert(original));
      assert.equal((await verifyChain({ db: db() })).ok, true);
    });

    test('two swapped rows are reported at the first of them', async () => {
      const seq = await middle();
      const swap = async () =>
        tamper(async () => {
          await db().updateTable('audit_events').set({ seq: -1 }).where('seq', '=', seq).execute();
          await db()
            .updateTable('audit_events')
            .set({ seq })
            .where('seq', '=', seq + 1)
            .execute();
          await db()
            .updateTable('audit_events')
            .set({ seq: seq + 1 })
            .where('seq', '=', -1)
            .execute();
        });
      await swap();
      const report = await verifyChain({ db: db() });
      assert.equal(report.ok, false);
      assert.equal(report.problems[0]?.seq, seq);
      assert.ok(
        report.problems.some((p) => p.seq === seq + 1),
        JSON.stringify(report.problems),
      );
      assert.ok(
        report.problems.every((p) => p.seq >= seq),
        'nothing before the swap is blamed',
      );

      await swap();
      assert.equal((await verifyChain({ db: db() })).ok, true);
    });

    test('a deleted tail is caught by the chain head', async () => {
      const head = await auditHead(t);
      const last = await row(head);
      await tamper(() => db().deleteFrom('audit_events').where('seq', '=', head).execute());
      const report = await verifyChain({ db: db() });
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.problems.map((p) => p.seq),
        [head],
      );
      assert.match(report.problems[0]?.problem ?? '', new RegExp(`last row is ${head - 1}`));

      await tamper(() => reinsert(last));
      assert.equal((await verifyChain({ db: db() })).ok, true);
    });

    test('a forged row appended without the head is caught', async () => {
      const head = await auditHead(t);
      const last = await row(head);
      const forged: AuditRow = {
        ...last,
        seq: head + 1,
        id: crypto.randomUUID(),
        prev_hash: last.hash,
        action: 'member.approved',
      };
      await reinsert(forged);
      const report = await verifyChain({ db: db() });
      assert.equal(report.ok, false);
      assert.ok(
        report.problems.some((p) => p.seq === head + 1),
        JSON.stringify(report.problems),
      );
      await tamper(() =>
        db()
          .deleteFrom('audit_events')
          .where('seq', '=', head + 1)
          .execute(),
      );
      assert.equal((await verifyChain({ db: db() })).ok, true);
    });
  });
}
