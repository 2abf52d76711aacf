// Test job definitions that record their runs in memory, a movable clock and a silent
// logger, shared by the job queue tests.
import { z } from 'zod';
import {
  defineJob,
  type JobBackoff,
  type JobContext,
} from '../../src/server/jobs/job-definition.ts';
import { createLogger } from '../../src/server/logger.ts';

export const silentLogger = createLogger({ level: 'silent' });

export interface MovableClock {
  now: () => Date;
  advance(ms: number): void;
}

export function movableClock(start = new Date('2026-03-01T09:00:00Z')): MovableClock {
  let current = start.getTime();
  return { now: () => new Date(current), advance: (ms) => (current += ms) };
}

export interface Run {
  jobId: number;
  attempt: number;
  n: number;
}

/**
 * A definition whose handler records each run and then does what `behave` says for that
 * attempt: resolve, throw, or wait on a promise.
 */
export function recordingJob(options: {
  kind?: string;
  maxAttempts?: number;
  backoff?: JobBackoff;
  behave?: (attempt: number, ctx: JobContext) => Promise<void> | void;
}) {
  const runs: Run[] = [];
  const job = defineJob({
    kind: options.kind ?? 'test.record',
    version: 1,
    payload: z.strictObject({ n: z.number().int() }),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    async handler(payload, ctx) {
      runs.push({ jobId: ctx.job.id, attempt: ctx.job.attempt, n: payload.n });
      await options.behave?.(ctx.job.attempt, ctx);
    },
  });
  return { job, runs };
}

/** Polls `condition` every 10 ms until it holds, failing after `timeoutMs`. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
