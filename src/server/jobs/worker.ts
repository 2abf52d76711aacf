// The worker: claims due jobs one at a time, runs them, and records the outcome. One per
// process; on PGlite exactly one, because the embedded database belongs to this process.
import type { Kysely } from 'kysely';
import type { Engine } from '../db/client.ts';
import type { DB } from '../db/types.generated.ts';
import { describeIssues } from './enqueue.ts';
import {
  backoffDelay,
  type JobDefinition,
  type JobLogger,
  type JobServices,
} from './job-definition.ts';
import {
  claimNextJob,
  extendLease,
  markJobDone,
  markJobFailed,
  markJobForRetry,
  type Claim,
  type JobRow,
} from './jobs.repository.ts';

export interface WorkerOptions {
  db: Kysely<DB>;
  engine: Engine;
  definitions: readonly JobDefinition[];
  logger: JobLogger;
  /** How long to wait between polls when no job is due. */
  pollMs: number;
  /**
   * How long a claim lasts without news from its worker (default 5 min). The worker
   * renews it while the handler runs; if the worker dies, another claims the job after it.
   */
  leaseMs?: number;
  /** The clock (default: the system clock); tests move it. */
  now?: () => Date;
  /** Mailer, secrets and config for handlers that need them (JobServices). */
  services?: JobServices;
}

export interface Worker {
  /** Stops claiming, waits for the running job to finish, then resolves. */
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
const MAX_ERROR_LENGTH = 1000;

// PGlite is one in-process database: a second worker on it would only compete with the
// first for its single connection, and it signals a wiring mistake.
const pgliteWorkers = new WeakSet<Kysely<DB>>();

export function startWorker(options: WorkerOptions): Worker {
  if (options.engine === 'pglite') {
    if (pgliteWorkers.has(options.db))
      throw new Error(
        'a job worker is already running on this PGlite database; PGlite runs exactly one',
      );
    pgliteWorkers.add(options.db);
  }
  const run = jobRunner(options);
  let stopping = false;
  let wake: (() => void) | undefined;

  const loop = async () => {
    while (!stopping) {
      let ran = false;
      try {
        ran = await run();
      } catch (error) {
        // The database may be restarting; the job (if any was claimed) is retried after its lease.
        options.logger.error({ error: errorSummary(error) }, 'job worker: poll failed');
      }
      if (ran || stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };
  const finished = loop().finally(() => {
    if (options.engine === 'pglite') pgliteWorkers.delete(options.db);
  });

  return {
    stop() {
      stopping = true;
      wake?.();
      return finished;
    },
  };
}

/**
 * Returns a function that claims and runs the next due job, resolving to true if there
 * was one. Exposed for tests and for commands that want to drain the queue.
 */
export function jobRunner(options: Omit<WorkerOptions, 'pollMs'>): () => Promise<boolean> {
  const byKind = new Map<string, Map<number, JobDefinition>>();
  for (const definition of options.definitions) {
    const versions = byKind.get(definition.kind) ?? new Map<number, JobDefinition>();
    if (versions.has(definition.version))
      throw new Error(`job ${definition.kind} v${definition.version} is defined twice`);
    versions.set(definition.version, definition);
    byKind.set(definition.kind, versions);
  }
  const kinds = [...byKind.keys()];
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const now = options.now ?? (() => new Date());
  const { db, logger } = options;

  return async () => {
    const start = now();
    const row = await claimNextJob(db, {
      now: start,
      leaseUntil: new Date(start.getTime() + leaseMs),
      kinds,
    });
    if (!row) return false;
    const claim: Claim = { id: row.id, attempts: row.attempts };
    const log = { jobId: row.id, kind: row.kind, version: row.version, attempt: row.attempts };

    const definition = byKind.get(row.kind)?.get(row.version);
    if (!definition) {
      const known = [...(byKind.get(row.kind)?.keys() ?? [])].join(', ');
      await fail(
        row,
        claim,
        `no definition for ${row.kind} version ${row.version} (this server has version ${known})`,
      );
      return true;
    }
    if (row.attempts > row.max_attempts) {
      // The previous claim was the last attempt, and its worker stopped before reporting.
      await fail(
        row,
        claim,
        `the worker running attempt ${row.max_attempts} of ${row.max_attempts} stopped before it finished (its lease expired)`,
      );
      return true;
    }
    const parsed = definition.payload.safeParse(row.payload);
    if (!parsed.success) {
      // Retrying cannot fix a payload; fail at once so it is seen.
      await fail(
        row,
        claim,
        `payload does not match ${row.kind} v${row.version}: ${describeIssues(parsed.error)}`,
      );
      return true;
    }

    const lease = keepLease(options, claim, leaseMs, now);
    try {
      await definition.handler(parsed.data, {
        db,
        engine: options.engine,
        logger,
        now,
        job: {
          id: row.id,
          kind: row.kind,
          version: row.version,
          attempt: row.attempts,
          maxAttempts: row.max_attempts,
        },
        signal: lease.signal,
        services: options.services ?? null,
      });
    } catch (error) {
      const message = errorSummary(error);
      if (row.attempts >= row.max_attempts) {
        await fail(row, claim, message);
      } else {
        const delay = backoffDelay(definition.backoff, row.attempts);
        const updated = await markJobForRetry(
          db,
          claim,
          new Date(now().getTime() + delay),
          message,
        );
        if (updated)
          logger.warn({ ...log, error: message, retryInMs: delay }, 'job failed; will retry');
        else logger.warn(log, 'job failed after its lease was lost; the new owner decides');
      }
      return true;
    } finally {
      lease.stop();
    }
    const updated = await markJobDone(db, claim, now());
    if (updated) logger.info(log, 'job done');
    else logger.warn(log, 'job finished after its lease was lost; it may run again');
    return true;
  };

  async function fail(row: JobRow, claim: Claim, message: string) {
    const updated = await markJobFailed(db, claim, now(), truncate(message));
    logger.error(
      {
        jobId: row.id,
        kind: row.kind,
        version: row.version,
        attempt: row.attempts,
        error: message,
        recorded: updated,
      },
      'job failed for good',
    );
  }
}

/** Renews the lease at a third of its length while the handler runs. */
function keepLease(
  options: Omit<WorkerOptions, 'pollMs'>,
  claim: Claim,
  leaseMs: number,
  now: () => Date,
) {
  const controller = new AbortController();
  const timer = setInterval(
    () => {
      extendLease(options.db, claim, new Date(now().getTime() + leaseMs)).then(
        (kept) => {
          if (!kept) {
            options.logger.warn({ jobId: claim.id, attempt: claim.attempts }, 'job lease lost');
            controller.abort(new Error('job lease lost'));
          }
        },
        (error: unknown) =>
          options.logger.warn(
            { jobId: claim.id, error: errorSummary(error) },
            'job lease renewal failed',
          ),
      );
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  timer.unref();
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}

/**
 * The error's class and message only — no stack, no `cause`, no `detail` (a database
 * error's detail may quote row values). Handlers must not put sealed content in messages.
 */
function errorSummary(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `non-error thrown: ${typeof error}`;
  return truncate(text);
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
