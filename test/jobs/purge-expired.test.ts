// The hourly purge deletes only sessions, challenges and setup tokens that can no longer
// be used, and the scheduler enqueues it once per hour slot.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { purgeExpired } from '../../src/server/jobs/definitions/purge-expired.ts';
import { enqueue } from '../../src/server/jobs/enqueue.ts';
import { findJob } from '../../src/server/jobs/jobs.repository.ts';
import { recurringJobs } from '../../src/server/jobs/registry.ts';
import { enqueueRecurring, slotKey, startScheduler } from '../../src/server/jobs/scheduler.ts';
import { jobRunner } from '../../src/server/jobs/worker.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { createOrganisation, type TestOrganisation } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { silentLogger } from './job-fixtures.ts';

const HOUR = 3_600_000;
const bytes = () => new Uint8Array(randomBytes(32));
// pg returns bytea as a Buffer, PGlite as a Uint8Array: compare the bytes.
const hex = (value: Uint8Array | undefined) =>
  value ? Buffer.from(value).toString('hex') : undefined;

for (const engine of engines()) {
  describe(
    `purge of expired sessions and challenges (${engine.engine})`,
    { skip: engine.skip },
    () => {
      let t: TestApp;
      let database: TestDatabase;
      let org: TestOrganisation;
      before(async () => {
        database = await engine.open();
        t = await createTestApp(database);
        org = await createOrganisation(t);
      });
      after(async () => {
        await t?.close();
        await database?.close();
      });

      test('deletes ended and expired rows and keeps live ones', async () => {
        const db = database.db;
        const now = new Date();
        const past = new Date(now.getTime() - 1);
        const future = new Date(now.getTime() + HOUR);
        const session = (label: string, patch: { idle?: Date; absolute?: Date; ended?: Date }) => ({
          id: randomUUID(),
          member_id: org.admin.id,
          token_hash: bytes(),
          device: label,
          created_at: new Date(now.getTime() - 2 * HOUR),
          last_seen_at: past,
          idle_expires_at: patch.idle ?? future,
          absolute_expires_at: patch.absolute ?? future,
          ended_at: patch.ended ?? null,
        });
        const sessions = {
          live: session('live', {}),
          ended: session('ended', { ended: past }),
          idle: session('idle', { idle: past }),
          absolute: session('absolute', { absolute: past }),
          expiresExactlyNow: session('now', { idle: now }),
        };
        await db.insertInto('sessions').values(Object.values(sessions)).execute();
        await db
          .insertInto('login_challenges')
          .values([
            { token_hash: bytes(), member_id: org.admin.id, device: 'live', expires_at: future },
            { token_hash: bytes(), member_id: org.admin.id, device: 'expired', expires_at: past },
          ])
          .execute();
        const liveNonce = bytes();
        await db
          .insertInto('recovery_challenges')
          .values([
            { nonce: liveNonce, organisation_id: org.id, expires_at: future },
            { nonce: bytes(), organisation_id: org.id, expires_at: past },
          ])
          .execute();
        const liveToken = bytes();
        await db
          .insertInto('setup_tokens')
          .values([
            { token_hash: liveToken, created_at: past, expires_at: future },
            { token_hash: bytes(), created_at: past, expires_at: past },
            { token_hash: bytes(), created_at: past, expires_at: past, used_at: past },
          ])
          .execute();

        const dayAndMore = new Date(now.getTime() - 25 * HOUR);
        const throttles = {
          recent: bytes(),
          stale: bytes(),
          staleButLocked: bytes(),
          lockPassed: bytes(),
        };
        await db
          .insertInto('login_throttle')
          .values([
            { email_index: throttles.recent, failures: 2, locked_until: null, updated_at: past },
            {
              email_index: throttles.stale,
              failures: 3,
              locked_until: null,
              updated_at: dayAndMore,
            },
            {
              email_index: throttles.staleButLocked,
              failures: 9,
              locked_until: future,
              updated_at: dayAndMore,
            },
            {
              email_index: throttles.lockPassed,
              failures: 7,
              locked_until: past,
              updated_at: dayAndMore,
            },
          ])
          .execute();

        const { id } = await enqueue({ db, job: purgeExpired, payload: {}, now: () => now });
        const run = jobRunner({
          db,
          engine: database.engine,
          definitions: [purgeExpired],
          logger: silentLogger,
          now: () => now,
        });
        assert.equal(await run(), true);
        assert.ok((await findJob(db, id))?.done_at);

        const leftSessions = await db
          .selectFrom('sessions')
          .select('id')
          .where('member_id', '=', org.admin.id)
          .execute();
        const leftIds = new Set(leftSessions.map((s) => s.id));
        assert.ok(leftIds.has(sessions.live.id), 'a live session stays');
        for (const gone of [
          sessions.ended,
          sessions.idle,
          sessions.absolute,
          sessions.expiresExactlyNow,
        ]) {
          assert.ok(!leftIds.has(gone.id), `the ${gone.device} session is deleted`);
        }
        const challenges = await db.selectFrom('login_challenges').select('device').execute();
        assert.deepEqual(
          challenges.map((c) => c.device),
          ['live'],
        );
        const recovery = await db.selectFrom('recovery_challenges').select('nonce').execute();
        assert.equal(recovery.length, 1);
        assert.equal(hex(recovery[0]?.nonce), hex(liveNonce));
        const tokens = await db.selectFrom('setup_tokens').select('token_hash').execute();
        assert.equal(tokens.length, 1);
        assert.equal(hex(tokens[0]?.token_hash), hex(liveToken));
        const keptThrottles = (
          await db.selectFrom('login_throttle').select('email_index').execute()
        ).map((r) => hex(r.email_index));
        assert.deepEqual(
          keptThrottles.sort(),
          [hex(throttles.recent), hex(throttles.staleButLocked)].sort(),
          'recent and still-locked throttle rows stay; stale ones go',
        );

        // The admin's real session (created by signing in) is still live and still works at the real clock.
        const me = await t.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: { cookie: org.admin.cookie },
        });
        assert.equal(me.statusCode, 200);

        // Idempotent: a second run deletes nothing more.
        await enqueue({ db, job: purgeExpired, payload: {}, now: () => now });
        assert.equal(await run(), true);
        assert.equal(
          (
            await db
              .selectFrom('sessions')
              .select('id')
              .where('member_id', '=', org.admin.id)
              .execute()
          ).length,
          leftSessions.length,
        );
      });

      test('the scheduler enqueues the purge once per hour slot', async () => {
        const db = database.db;
        const recurring = recurringJobs.find((r) => r.job === purgeExpired);
        assert.ok(recurring, 'the purge is a recurring job');
        assert.equal(recurring.everyMs, HOUR);
        let now = new Date('2030-01-01T10:05:00Z');
        const clock = () => now;
        assert.equal(await enqueueRecurring({ db, recurring: [recurring], now: clock }), 1);
        now = new Date('2030-01-01T10:59:59Z');
        assert.equal(
          await enqueueRecurring({ db, recurring: [recurring], now: clock }),
          0,
          'same slot: deduped',
        );
        now = new Date('2030-01-01T11:00:00Z');
        assert.equal(
          await enqueueRecurring({ db, recurring: [recurring], now: clock }),
          1,
          'next slot',
        );
        const keys = await db
          .selectFrom('jobs')
          .select('dedupe_key')
          .where('kind', '=', purgeExpired.kind)
          .where('dedupe_key', 'like', 'sessions.purge-expired@2030-%')
          .orderBy('dedupe_key')
          .execute();
        assert.deepEqual(
          keys.map((k) => k.dedupe_key),
          [
            'sessions.purge-expired@2030-01-01T10:00:00.000Z',
            'sessions.purge-expired@2030-01-01T11:00:00.000Z',
          ],
        );
        assert.equal(
          slotKey(recurring, new Date('2030-01-01T11:30:00Z')),
          'sessions.purge-expired@2030-01-01T11:00:00.000Z',
        );

        // Started, it enqueues for the current slot at once; stop() waits for that.
        now = new Date('2030-01-01T12:00:01Z');
        const scheduler = startScheduler({
          db,
          recurring: recurringJobs,
          logger: silentLogger,
          now: clock,
          checkMs: 60_000,
        });
        await scheduler.stop();
        const slot12 = await db
          .selectFrom('jobs')
          .select('id')
          .where('dedupe_key', '=', 'sessions.purge-expired@2030-01-01T12:00:00.000Z')
          .execute();
        assert.equal(slot12.length, 1);
      });
    },
  );
}
