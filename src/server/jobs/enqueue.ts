import type { z } from 'zod';
import type { JsonValue } from '../db/types.generated.ts';
import { DEFAULT_MAX_ATTEMPTS, type JobDefinition } from './job-definition.ts';
import { insertJob, type Db } from './jobs.repository.ts';

export interface EnqueueOptions<S extends z.ZodType> {
  /**
   * The database, or — usually — the caller's open transaction, so the job is stored
   * together with the change that causes it, or not at all.
   */
  db: Db;
  /** The definition to run; its kind and version are stored with the job. */
  job: JobDefinition<S>;
  /** Checked against the definition's schema here, so a bad payload fails the caller. */
  payload: z.input<S>;
  /** Earliest time to run (default: now). */
  runAt?: Date;
  /**
   * Makes enqueueing idempotent: while any job with this key exists (pending, done or
   * failed), enqueueing another one with it does nothing.
   */
  dedupeKey?: string;
  /** The clock (default: the system clock). */
  now?: () => Date;
}

export interface Enqueued {
  /** The job's id; with a dedupe key already taken, the id of the job holding it. */
  id: number;
  /** False when the dedupe key was taken. */
  enqueued: boolean;
}

/** Stores a job for the worker. */
export async function enqueue<S extends z.ZodType>(options: EnqueueOptions<S>): Promise<Enqueued> {
  const { job } = options;
  const payload = toJson(options.payload, job);
  const checked = job.payload.safeParse(payload);
  if (!checked.success) {
    throw new Error(
      `payload for ${job.kind} v${job.version} does not match its schema: ${describeIssues(checked.error)}`,
    );
  }
  const now = (options.now ?? (() => new Date()))();
  const result = await insertJob(options.db, {
    kind: job.kind,
    version: job.version,
    payload,
    dedupe_key: options.dedupeKey ?? null,
    run_at: options.runAt ?? now,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    created_at: now,
  });
  return { id: result.id, enqueued: result.inserted };
}

// The worker sees the payload after a trip through jsonb; checking that form here means
// a Date or an undefined field cannot pass at enqueue and then fail in the worker.
function toJson(payload: unknown, job: JobDefinition): JsonValue {
  const text = JSON.stringify(payload);
  if (text === undefined) throw new Error(`payload for ${job.kind} is not JSON`);
  return JSON.parse(text) as JsonValue;
}

/**
 * Paths, codes and zod's messages, never the offending values: a payload may carry
 * sealed bytes, and this text ends up in a log or in `jobs.last_error`.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map(
      (issue) =>
        `${issue.path.length > 0 ? issue.path.join('.') : '(payload)'}: ${issue.code}: ${issue.message}`,
    )
    .join('; ');
}
