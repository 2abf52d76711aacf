// What a background job is: a kind, a version, a zod payload schema and an idempotent
// handler. A job may run more than once (a worker can crash after the handler's work
// committed but before the job was marked done), so handlers must be safe to repeat.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Engine } from '../db/client.ts';
import type { DB } from '../db/types.generated.ts';
import type { Logger } from '../logger.ts';
import type { AppConfig } from '../config.ts';
import type { BlobStore } from '../blobs/blob-store.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { InstanceSecrets } from '../secrets.ts';

/** The log methods the queue uses; both a pino logger and Fastify's `app.log` fit. */
export type JobLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface JobBackoff {
  /** Delay before the second attempt; doubled for every further attempt. */
  baseMs: number;
  /** Longest delay between two attempts. */
  maxMs?: number;
}

/**
 * What some handlers need beyond the database (the notification e-mail job: the mailer,
 * the server key that opens the address, the public origin), handed to the worker by
 * whoever starts it. Queue tests and commands that run only database jobs pass none.
 */
export interface JobServices {
  mailer: Mailer;
  secrets: InstanceSecrets;
  config: AppConfig;
  /** The blob store (evidence integrity checks and upload purges read and remove blobs). */
  blobs?: BlobStore;
}

export interface JobContext {
  /** The database; a handler opens its own transaction when it needs one. */
  db: Kysely<DB>;
  engine: Engine;
  logger: JobLogger;
  /** The worker's clock; tests move it. */
  now: () => Date;
  job: { id: number; kind: string; version: number; attempt: number; maxAttempts: number };
  /** Aborted when this worker lost the job's lease (another worker may now run it). */
  signal: AbortSignal;
  /** The worker's services; null when it was started without them. */
  services: JobServices | null;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Dotted name, `<module>.<verb>`, e.g. `sessions.purge-expired`. */
  kind: string;
  /**
   * Bumped when the payload or the handler's meaning changes incompatibly; a stored job
   * runs only under the definition with the version it was enqueued with.
   */
  version: number;
  payload: S;
  /** Must be idempotent: it may run again after a crash or a lost lease. */
  handler(payload: z.output<S>, ctx: JobContext): Promise<void>;
  /** Attempts before the job is left failed (default 5). */
  maxAttempts?: number;
  /** Delay between attempts (default 30 s, doubling, at most 1 h). */
  backoff?: JobBackoff;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF: Required<JobBackoff> = { baseMs: 30_000, maxMs: 3_600_000 };

/** Declares a job definition with its payload type inferred from the schema. */
export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(definition.kind)) {
    throw new Error(
      `job kind must be dotted lower-case words, e.g. sessions.purge-expired: ${definition.kind}`,
    );
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new Error(`job ${definition.kind}: version must be a positive integer`);
  }
  return definition;
}

/** The delay before attempt `attempt + 1`, after attempt `attempt` (1-based) failed. */
export function backoffDelay(backoff: JobBackoff | undefined, attempt: number): number {
  const baseMs = backoff?.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const maxMs = backoff?.maxMs ?? DEFAULT_BACKOFF.maxMs;
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
