// On PostgreSQL several processes may run workers against one database: each job must
// still run exactly once. Two workers on two separate connection pools stand in for two
// processes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { enqueue } from '../../src/server/jobs/enqueue.ts';
import { startWorker } from '../../src/server/jobs/worker.ts';
import { engines, type TestDatabase } from '../helpers/engines.ts';
import { recordingJob, silentLogger, waitFor } from './job-fixtures.ts';

const postgres = engines().find((e) => e.engine === 'postgres');

describe('parallel workers (postgres)', { skip: postgres?.skip ?? 'no PostgreSQL engine' }, () => {
  let database: TestDatabase;
  let second: Database;
  before(async () => {
    if (!postgres) return;
    database = await postgres.open();
    second = await openDatabase({ databaseUrl: database.url, poolSize: 4 });
  });
  after(async () => {
    await second?.close();
    await database?.close();
  });

  test('two workers in parallel never run the same job twice', async () => {
    const ranBy = new Map<number, string[]>();
    const makeJob = (worker: string) =>
      recordingJob({
        kind: 'test.parallel',
        behave: async (_attempt, ctx) => {
          ranBy.set(ctx.job.id, [...(ranBy.get(ctx.job.id) ?? []), worker]);
          // Long enough that both workers are busy at the same time.
          await new Promise((resolve) => setTimeout(resolve, 5));
        },
      });
    const a = makeJob('a');
    const b = makeJob('b');
    const ids: number[] = [];
    for (let n = 0; n < 50; n += 1)
      ids.push((await enqueue({ db: database.db, job: a.job, payload: { n } })).id);

    const workers = [
      startWorker({
        db: database.db,
        engine: 'postgres',
        definitions: [a.job],
        logger: silentLogger,
        pollMs: 5,
      }),
      startWorker({
        db: second.db,
        engine: 'postgres',
        definitions: [b.job],
        logger: silentLogger,
        pollMs: 5,
      }),
    ];
    try {
      await waitFor(async () => {
        const pending = await database.db
          .selectFrom('jobs')
          .select('id')
          .where('kind', '=', 'test.parallel')
          .where('done_at', 'is', null)
          .execute();
        return pending.length === 0;
      }, 'all 50 jobs to be done');
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }

    for (const id of ids)
      assert.equal(ranBy.get(id)?.length, 1, `job ${id} ran ${ranBy.get(id)?.length ?? 0} times`);
    assert.equal(ranBy.size, 50);
    assert.equal(a.runs.length + b.runs.length, 50);
    assert.ok(
      a.runs.length > 0 && b.runs.length > 0,
      `both workers took jobs (a: ${a.runs.length}, b: ${b.runs.length})`,
    );
    const rows = await database.db
      .selectFrom('jobs')
      .select(['attempts', 'failed_at'])
      .where('kind', '=', 'test.parallel')
      .execute();
    assert.ok(
      rows.every((r) => r.attempts === 1 && r.failed_at === null),
      'every job was claimed once',
    );
  });
});
