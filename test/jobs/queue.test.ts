// The durable job queue on both engines: atomic enqueue, dedupe, one run per job,
// retries with backoff, failure after the last attempt, bad payloads, lease expiry after
// a crash, and a stop that waits for the running job.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueue } from '../../src/server/jobs/enqueue.ts';
import { claimNextJob, findJob, markJobDone } from '../../src/server/jobs/jobs.repository.ts';
import { jobRunner, startWorker } from '../../src/server/jobs/worker.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { deferred, movableClock, recordingJob, silentLogger, waitFor } from './job-fixtures.ts';

let kindCounter = 0;
/** Each test uses its own job kind, so tests sharing a database never run each other's jobs. */
const freshKind = () => `test.k${++kindCounter}`;

for (const engine of engines()) {
  describe(`job queue (${engine.engine})`, { skip: engine.skip }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await engine.open();
    });
    after(async () => {
      await database?.close();
    });

    const runnerFor = (
      job: ReturnType<typeof recordingJob>['job'],
      clock = movableClock(),
      leaseMs?: number,
    ) =>
      jobRunner({
        db: database.db,
        engine: database.engine,
        definitions: [job],
        logger: silentLogger,
        now: clock.now,
        ...(leaseMs ? { leaseMs } : {}),
      });

    test('a job enqueued in a rolled-back transaction does not exist; in a committed one it does', async () => {
      const { job } = recordingJob({ kind: freshKind() });
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await enqueue({ db: trx, job, payload: { n: 1 } });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      const afterRollback = await database.db
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', job.kind)
        .execute();
      assert.equal(afterRollback.length, 0);

      const { id } = await database.db
        .transaction()
        .execute((trx) => enqueue({ db: trx, job, payload: { n: 2 } }));
      const row = await findJob(database.db, id);
      assert.equal(row?.kind, job.kind);
      assert.equal(row?.version, 1);
      assert.deepEqual(row?.payload, { n: 2 });
    });

    test('a payload that does not match the schema is refused at enqueue', async () => {
      const { job } = recordingJob({ kind: freshKind() });
      await assert.rejects(
        // @ts-expect-error: the wrong type on purpose
        enqueue({ db: database.db, job, payload: { n: 'one' } }),
        /does not match its schema: n: invalid_type/,
      );
    });

    test('a job runs once and is marked done', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({ kind: freshKind() });
      const { id } = await enqueue({ db: database.db, job, payload: { n: 7 }, now: clock.now });
      const run = runnerFor(job, clock);
      assert.equal(await run(), true);
      assert.equal(await run(), false, 'nothing left to run');
      assert.deepEqual(runs, [{ jobId: id, attempt: 1, n: 7 }]);
      const row = await findJob(database.db, id);
      assert.ok(row?.done_at);
      assert.equal(row.attempts, 1);
      assert.equal(row.locked_until, null);
      assert.equal(row.failed_at, null);
    });

    test('a job is not run before its runAt', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({ kind: freshKind() });
      await enqueue({
        db: database.db,
        job,
        payload: { n: 1 },
        runAt: new Date(clock.now().getTime() + 60_000),
        now: clock.now,
      });
      const run = runnerFor(job, clock);
      assert.equal(await run(), false);
      clock.advance(60_000);
      assert.equal(await run(), true);
      assert.equal(runs.length, 1);
    });

    test('a dedupe key makes enqueue idempotent', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({ kind: freshKind() });
      const key = `dedupe-${job.kind}`;
      const first = await enqueue({
        db: database.db,
        job,
        payload: { n: 1 },
        dedupeKey: key,
        now: clock.now,
      });
      const second = await enqueue({
        db: database.db,
        job,
        payload: { n: 2 },
        dedupeKey: key,
        now: clock.now,
      });
      assert.equal(first.enqueued, true);
      assert.equal(second.enqueued, false);
      assert.equal(second.id, first.id);
      const rows = await database.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', job.kind)
        .execute();
      assert.equal(rows.length, 1);
      assert.deepEqual(rows[0]?.payload, { n: 1 });

      const run = runnerFor(job, clock);
      assert.equal(await run(), true);
      const third = await enqueue({
        db: database.db,
        job,
        payload: { n: 3 },
        dedupeKey: key,
        now: clock.now,
      });
      assert.equal(third.enqueued, false, 'the key stays taken after the job ran');
      assert.equal(await run(), false);
      assert.equal(runs.length, 1);
    });

    test('a failing job is retried with exponential backoff and then succeeds', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({
        kind: freshKind(),
        maxAttempts: 5,
        backoff: { baseMs: 1_000, maxMs: 60_000 },
        behave: (attempt) => {
          if (attempt < 3) throw new Error(`temporary failure ${attempt}`);
        },
      });
      const { id } = await enqueue({ db: database.db, job, payload: { n: 1 }, now: clock.now });
      const run = runnerFor(job, clock);

      assert.equal(await run(), true);
      let row = await findJob(database.db, id);
      assert.equal(row?.attempts, 1);
      assert.equal(row?.last_error, 'Error: temporary failure 1');
      assert.equal(
        row?.run_at.getTime(),
        clock.now().getTime() + 1_000,
        'first retry after the base delay',
      );
      assert.equal(await run(), false, 'not due before the backoff');

      clock.advance(1_000);
      assert.equal(await run(), true);
      row = await findJob(database.db, id);
      assert.equal(row?.attempts, 2);
      assert.equal(row?.run_at.getTime(), clock.now().getTime() + 2_000, 'the delay doubles');
      clock.advance(1_999);
      assert.equal(await run(), false);

      clock.advance(1);
      assert.equal(await run(), true);
      row = await findJob(database.db, id);
      assert.equal(row?.attempts, 3);
      assert.ok(row?.done_at, 'done on the third attempt');
      assert.equal(row.failed_at, null);
      assert.equal(row.last_error, null);
      assert.deepEqual(
        runs.map((r) => r.attempt),
        [1, 2, 3],
      );
    });

    test('a job that fails every attempt is left failed with the last error', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({
        kind: freshKind(),
        maxAttempts: 3,
        backoff: { baseMs: 10 },
        behave: (attempt) => {
          throw new TypeError(`permanent failure ${attempt}`);
        },
      });
      const { id } = await enqueue({ db: database.db, job, payload: { n: 1 }, now: clock.now });
      const run = runnerFor(job, clock);
      for (let i = 0; i < 3; i += 1) {
        assert.equal(await run(), true);
        clock.advance(1_000);
      }
      assert.equal(await run(), false, 'a failed job is not claimed again');
      assert.equal(runs.length, 3);
      const row = await findJob(database.db, id);
      assert.ok(row?.failed_at);
      assert.equal(row.done_at, null);
      assert.equal(row.attempts, 3);
      assert.equal(row.last_error, 'TypeError: permanent failure 3');
    });

    test('a stored payload that fails its schema fails at once, with the path but not the value', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({ kind: freshKind() });
      // As a payload written by an older version of the code would be.
      const { id } = await database.db
        .insertInto('jobs')
        .values({
          kind: job.kind,
          version: 1,
          payload: { n: 'CANARY-sealed-bytes' },
          run_at: clock.now(),
          created_at: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const run = runnerFor(job, clock);
      assert.equal(await run(), true);
      assert.equal(runs.length, 0, 'the handler never saw it');
      const row = await findJob(database.db, id);
      assert.ok(row?.failed_at);
      assert.equal(row.attempts, 1, 'no retries: a retry cannot fix a payload');
      assert.match(
        row.last_error ?? '',
        new RegExp(`^payload does not match ${job.kind} v1: n: invalid_type`),
      );
      assert.doesNotMatch(row.last_error ?? '', /CANARY/);
    });

    test('a job of an unknown version fails with a clear error', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({ kind: freshKind() });
      const { id } = await database.db
        .insertInto('jobs')
        .values({
          kind: job.kind,
          version: 2,
          payload: { n: 1 },
          run_at: clock.now(),
          created_at: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.equal(await runnerFor(job, clock)(), true);
      assert.equal(runs.length, 0);
      const row = await findJob(database.db, id);
      assert.ok(row?.failed_at);
      assert.equal(
        row.last_error,
        `no definition for ${job.kind} version 2 (this server has version 1)`,
      );
    });

    test('a job claimed by a worker that crashed runs again after the lease expires', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({ kind: freshKind() });
      const { id } = await enqueue({ db: database.db, job, payload: { n: 1 }, now: clock.now });
      // The crashed worker: it claimed the job and never reported back.
      const leaseMs = 30_000;
      const crashed = await claimNextJob(database.db, {
        now: clock.now(),
        leaseUntil: new Date(clock.now().getTime() + leaseMs),
        kinds: [job.kind],
      });
      assert.equal(crashed?.id, id);

      const run = runnerFor(job, clock, leaseMs);
      assert.equal(await run(), false, 'not claimable while the lease is live');
      clock.advance(leaseMs - 1);
      assert.equal(await run(), false);
      clock.advance(1);
      assert.equal(await run(), true, 'claimable once the lease expired');
      assert.deepEqual(runs, [{ jobId: id, attempt: 2, n: 1 }]);
      const row = await findJob(database.db, id);
      assert.ok(row?.done_at);
      assert.equal(row.attempts, 2);

      // The first worker wakes up late: its claim is fenced off.
      assert.equal(await markJobDone(database.db, { id, attempts: 1 }, clock.now()), false);
    });

    test('a lease that expires on the last attempt leaves the job failed', async () => {
      const clock = movableClock();
      const { job, runs } = recordingJob({ kind: freshKind(), maxAttempts: 1 });
      const { id } = await enqueue({ db: database.db, job, payload: { n: 1 }, now: clock.now });
      await claimNextJob(database.db, {
        now: clock.now(),
        leaseUntil: new Date(clock.now().getTime() + 1_000),
        kinds: [job.kind],
      });
      clock.advance(1_000);
      assert.equal(await runnerFor(job, clock)(), true);
      assert.equal(runs.length, 0);
      const row = await findJob(database.db, id);
      assert.ok(row?.failed_at);
      assert.match(row.last_error ?? '', /attempt 1 of 1 stopped before it finished/);
    });

    test('the worker runs due jobs, and stop() waits for the running job', async () => {
      const release = deferred();
      const started = deferred();
      const { job, runs } = recordingJob({
        kind: freshKind(),
        behave: async (_attempt, ctx) => {
          if (ctx.job.attempt === 1 && runs.length === 2) {
            started.resolve();
            await release.promise;
          }
        },
      });
      const first = await enqueue({ db: database.db, job, payload: { n: 1 } });
      const worker = startWorker({
        db: database.db,
        engine: database.engine,
        definitions: [job],
        logger: silentLogger,
        pollMs: 10,
      });
      try {
        await waitFor(
          async () => Boolean((await findJob(database.db, first.id))?.done_at),
          'the first job to be done',
        );
        const second = await enqueue({ db: database.db, job, payload: { n: 2 } });
        await started.promise;
        let stopped = false;
        const stopping = worker.stop().then(() => (stopped = true));
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.equal(stopped, false, 'stop() waits while a job runs');
        release.resolve();
        await stopping;
        const row = await findJob(database.db, second.id);
        assert.ok(row?.done_at, 'the running job finished and was recorded before stop() resolved');
        assert.deepEqual(
          runs.map((r) => r.n),
          [1, 2],
        );
      } finally {
        release.resolve();
        await worker.stop();
      }
    });

    test('a stopped worker claims nothing more', async () => {
      const { job, runs } = recordingJob({ kind: freshKind() });
      const worker = startWorker({
        db: database.db,
        engine: database.engine,
        definitions: [job],
        logger: silentLogger,
        pollMs: 10,
      });
      await worker.stop();
      await enqueue({ db: database.db, job, payload: { n: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(runs.length, 0);
    });

    if (engine.engine === 'pglite') {
      test('on PGlite a second worker is refused', async () => {
        const { job } = recordingJob({ kind: freshKind() });
        const worker = startWorker({
          db: database.db,
          engine: 'pglite',
          definitions: [job],
          logger: silentLogger,
          pollMs: 10,
        });
        try {
          assert.throws(
            () =>
              startWorker({
                db: database.db,
                engine: 'pglite',
                definitions: [job],
                logger: silentLogger,
                pollMs: 10,
              }),
            /already running on this PGlite database/,
          );
        } finally {
          await worker.stop();
        }
        // Once stopped, a worker may start again (e.g. after a restart of the server in-process).
        await startWorker({
          db: database.db,
          engine: 'pglite',
          definitions: [job],
          logger: silentLogger,
          pollMs: 10,
        }).stop();
      });
    }
  });
}
