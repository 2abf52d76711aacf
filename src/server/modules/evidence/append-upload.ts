import type { Actor } from '../../../common/policy/permissions.ts';
import { BlobNotFoundError, UploadAppendError, UploadOffsetError } from '../../blobs/blob-store.ts';
import { badRequest, HttpError } from '../../http/errors.ts';
import { hasEnvelopeHead } from './envelope-shape.ts';
import type { EvidenceDeps } from './evidence.deps.ts';
import { loadOwnUpload } from './load-upload.ts';
import type { UploadTracker } from './upload-tracker.ts';
import { touchUpload } from './uploads.repository.ts';

/** The client named an offset that is not where the upload ends; `actual` is. */
export class UploadOffsetMismatch extends HttpError {
  readonly actual: number;
  constructor(actual: number) {
    super(
      409,
      'upload_offset_mismatch',
      `The upload holds ${actual} bytes; send the bytes from offset ${actual}.`,
    );
    this.actual = actual;
  }
}

/**
 * Appends one segment of ciphertext to one of the actor's uploads, at `offset`, which
 * must be where the upload ends (else 409 `upload_offset_mismatch` with the real offset).
 * The segment is streamed to disk as it arrives: at most `maxSegmentBytes` per request
 * and never past the upload's length (413). It is flushed before the new offset is
 * returned. When the connection breaks part-way, what arrived is kept, and the client
 * resumes from the offset a GET reports. The first bytes of an upload must be a stream
 * envelope's header (400 `file_not_encrypted`), so plaintext is refused before it is
 * written. Each append moves the upload's expiry forward.
 */
export async function appendUpload(options: {
  deps: EvidenceDeps;
  tracker: UploadTracker;
  actor: Actor;
  uploadId: string;
  /** The Upload-Offset the client sent. */
  offset: number;
  /** The declared body length (Content-Length), when the client sent one. */
  declaredBytes: number | null;
  body: AsyncIterable<Uint8Array>;
}): Promise<{ offset: number; length: number }> {
  const { deps, tracker, actor, offset } = options;
  const upload = await loadOwnUpload(deps.db, actor, options.uploadId, deps.now());
  const { maxSegmentBytes, uploadExpiryHours } = deps.config.evidence;
  const room = upload.length - offset;
  if (options.declaredBytes !== null && options.declaredBytes > maxSegmentBytes) {
    throw segmentTooLarge(maxSegmentBytes);
  }
  return tracker.withLock(upload.id, async () => {
    const size = await deps.blobs.uploadSize(upload.id);
    if (size === null) throw new Error(`upload ${upload.id} has a row but no bytes`);
    if (size !== offset) throw new UploadOffsetMismatch(size);
    if (options.declaredBytes !== null && options.declaredBytes > room) {
      throw tooLong(upload.length);
    }
    const hasher = tracker.hasherAt(upload.id, offset);
    let source = limitBytes(options.body, { maxSegmentBytes, room, length: upload.length });
    if (offset === 0) source = requireEnvelopeHead(source);
    let reached: number;
    try {
      reached = (
        await deps.blobs.appendUpload(upload.id, offset, source, (chunk) => hasher?.update(chunk))
      ).offset;
    } catch (error) {
      if (error instanceof UploadOffsetError) throw new UploadOffsetMismatch(error.actual);
      if (error instanceof BlobNotFoundError) {
        throw new Error(`upload ${upload.id} lost its bytes`, { cause: error });
      }
      if (error instanceof UploadAppendError) {
        if (hasher && hasher.offset() !== error.offset) tracker.forget(upload.id);
        // What arrived is kept and the expiry moves: the client will resume.
        await touchUpload(deps.db, upload.id, expiryFrom(deps.now(), uploadExpiryHours));
        if (error.cause instanceof HttpError) throw error.cause;
        throw new HttpError(
          400,
          'upload_interrupted',
          `The segment stopped coming at offset ${error.offset}; resume from there.`,
        );
      }
      tracker.forget(upload.id);
      throw error;
    }
    if (hasher && hasher.offset() !== reached) tracker.forget(upload.id);
    if (reached === upload.length) tracker.finish(upload.id, upload.length);
    await touchUpload(deps.db, upload.id, expiryFrom(deps.now(), uploadExpiryHours));
    return { offset: reached, length: upload.length };
  });
}

function expiryFrom(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * 3_600_000);
}

function segmentTooLarge(max: number): HttpError {
  return new HttpError(413, 'segment_too_large', `Send at most ${max} bytes per request.`);
}

function tooLong(length: number): HttpError {
  return new HttpError(
    413,
    'upload_too_long',
    `The upload was declared as ${length} bytes; this segment would go past its end.`,
  );
}

/**
 * Passes chunks through while they fit in one segment and before the upload's end; a
 * chunk that would go past either is not passed on, and the append stops with 413 (what
 * came before it is kept). A body without Content-Length is bounded here, as it streams.
 */
async function* limitBytes(
  source: AsyncIterable<Uint8Array>,
  limits: { maxSegmentBytes: number; room: number; length: number },
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (total > limits.room) throw tooLong(limits.length);
    if (total > limits.maxSegmentBytes) throw segmentTooLarge(limits.maxSegmentBytes);
    yield chunk;
  }
}

/** Refuses a stream whose first two bytes are not a stream envelope's, before any is written. */
async function* requireEnvelopeHead(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let checked = false;
  for await (const chunk of source) {
    if (checked) {
      yield chunk;
      continue;
    }
    held.push(chunk);
    heldBytes += chunk.byteLength;
    if (heldBytes < 2) continue;
    const head = held.length === 1 ? chunk : Buffer.concat(held);
    if (!hasEnvelopeHead(head)) throw notEncrypted();
    checked = true;
    for (const part of held) yield part;
    held.length = 0;
  }
  if (!checked && heldBytes > 0) throw notEncrypted();
}

function notEncrypted(): HttpError {
  return badRequest(
    'file_not_encrypted',
    'The upload must start with an encrypted stream envelope; nothing was stored.',
  );
}
