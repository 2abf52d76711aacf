// Enqueues recurring jobs. Each run of a recurring job belongs to a time slot (e.g. one
// hour), and its dedupe key names the slot, so any number of processes, restarts or
// ticks within a slot enqueue it once.
import type { JobDefinition, JobLogger } from './job-definition.ts';
import { enqueue } from './enqueue.ts';
import type { Db } from './jobs.repository.ts';

export interface RecurringJob {
  job: JobDefinition;
  /** Length of a slot: the job is enqueued once per slot. */
  everyMs: number;
  payload: unknown;
}

export interface SchedulerOptions {
  db: Db;
  recurring: readonly RecurringJob[];
  logger: JobLogger;
  /** How often to check whether a new slot began (default 1 min). */
  checkMs?: number;
  /** The clock (default: the system clock). */
  now?: () => Date;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/** The dedupe key of the slot `at` falls in, e.g. `sessions.purge-expired@2026-03-01T09:00:00.000Z`. */
export function slotKey(recurring: RecurringJob, at: Date): string {
  const slotStart = Math.floor(at.getTime() / recurring.everyMs) * recurring.everyMs;
  return `${recurring.job.kind}@${new Date(slotStart).toISOString()}`;
}

/** Enqueues each recurring job for the current slot unless already enqueued; returns how many were new. */
export async function enqueueRecurring(
  options: Omit<SchedulerOptions, 'logger' | 'checkMs'>,
): Promise<number> {
  const now = options.now ?? (() => new Date());
  let added = 0;
  for (const recurring of options.recurring) {
    const result = await enqueue({
      db: options.db,
      job: recurring.job,
      payload: recurring.payload,
      dedupeKey: slotKey(recurring, now()),
      now,
    });
    if (result.enqueued) added += 1;
  }
  return added;
}

/** Checks at once and then every `checkMs`. */
export function startScheduler(options: SchedulerOptions): Scheduler {
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => enqueueRecurring(options))
      .then(
        () => undefined,
        (error: unknown) =>
          options.logger.error(
            { error: error instanceof Error ? error.message : String(error) },
            'scheduler: enqueue failed',
          ),
      );
  };
  tick();
  const timer = setInterval(tick, options.checkMs ?? 60_000);
  return {
    stop() {
      clearInterval(timer);
      return running;
    },
  };
}
