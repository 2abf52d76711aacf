// All SQL of the job queue. Every state change after a claim is fenced by the attempt
// number the claim produced: a worker whose lease expired and whose job was claimed
// again cannot mark it done or failed over the new owner.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, JobsTable, JsonValue } from '../db/types.generated.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type JobRow = Selectable<JobsTable>;

export interface InsertJobRow {
  kind: string;
  version: number;
  payload: JsonValue;
  dedupe_key: string | null;
  run_at: Date;
  max_attempts: number;
  created_at: Date;
}

/**
 * Inserts a job; with a dedupe key that is already taken, inserts nothing and returns
 * the id of the job holding the key.
 */
export async function insertJob(
  db: Db,
  row: InsertJobRow,
): Promise<{ id: number; inserted: boolean }> {
  const inserted = await db
    .insertInto('jobs')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, inserted: true };
  if (row.dedupe_key === null) throw new Error('job insert returned no row');
  // `on conflict` waited for any concurrent holder of the key to commit, so it is visible.
  const existing = await db
    .selectFrom('jobs')
    .select('id')
    .where('dedupe_key', '=', row.dedupe_key)
    .executeTakeFirstOrThrow();
  return { id: existing.id, inserted: false };
}

/**
 * Claims the next due job of one of `kinds`: takes a lease until `leaseUntil` and counts
 * the attempt. SKIP LOCKED lets parallel workers pass over a row another worker is
 * claiming at this instant instead of queueing behind it; a row whose lease is live is
 * excluded by the WHERE clause, one whose lease expired is claimed again.
 */
export async function claimNextJob(
  db: Db,
  options: { now: Date; leaseUntil: Date; kinds: readonly string[] },
): Promise<JobRow | undefined> {
  if (options.kinds.length === 0) return undefined;
  const { now, leaseUntil, kinds } = options;
  return db
    .updateTable('jobs')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), locked_until: leaseUntil }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('done_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('run_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<=', now)]))
        .where('kind', 'in', kinds)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The claim a worker holds: the job and the attempt number its claim produced. */
export interface Claim {
  id: number;
  attempts: number;
}

function owned(db: Db, claim: Claim) {
  return db
    .updateTable('jobs')
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('done_at', 'is', null)
    .where('failed_at', 'is', null);
}

/** Pushes the lease forward while the handler runs; false when the claim was lost. */
export async function extendLease(db: Db, claim: Claim, leaseUntil: Date): Promise<boolean> {
  const rows = await owned(db, claim).set({ locked_until: leaseUntil }).returning('id').execute();
  return rows.length === 1;
}

export async function markJobDone(db: Db, claim: Claim, at: Date): Promise<boolean> {
  const rows = await owned(db, claim)
    .set({ done_at: at, locked_until: null, last_error: null })
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function markJobForRetry(
  db: Db,
  claim: Claim,
  runAt: Date,
  error: string,
): Promise<boolean> {
  const rows = await owned(db, claim)
    .set({ run_at: runAt, locked_until: null, last_error: error })
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function markJobFailed(
  db: Db,
  claim: Claim,
  at: Date,
  error: string,
): Promise<boolean> {
  const rows = await owned(db, claim)
    .set({ failed_at: at, locked_until: null, last_error: error })
    .returning('id')
    .execute();
  return rows.length === 1;
}

export async function findJob(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}
