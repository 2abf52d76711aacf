// Small async-iterable steps the upload pipeline is built from. Each holds at most one
// chunk (or one CHUNK_BYTES piece) at a time, so memory stays flat whatever the file size.
import { CHUNK_BYTES } from '../../common/crypto/stream.ts';
import { UploadError } from './upload-error.ts';

export interface HeadAndRest {
  /** The first bytes of the stream: at least `minBytes`, unless the stream is shorter. */
  head: Uint8Array;
  /** The whole stream again, head included, read on from where the head stopped. */
  all: AsyncIterable<Uint8Array>;
}

/** Reads the start of a stream (for type detection) without losing it. */
export async function readHead(
  source: AsyncIterable<Uint8Array>,
  minBytes: number,
): Promise<HeadAndRest> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < minBytes) {
    const next = await iterator.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.byteLength;
  }
  const head = concat(parts, length);
  const rest: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => iterator };
  return {
    head,
    all: (async function* () {
      if (head.byteLength > 0) yield head;
      // for-await hands an early stop on to the source (return()), which releases it.
      yield* rest;
    })(),
  };
}

/** Passes chunks through, throwing UploadError('file_too_large') once more than `max` bytes went by. */
export async function* capBytes(
  source: AsyncIterable<Uint8Array>,
  max: number,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.byteLength;
    if (total > max) throw new UploadError('file_too_large', max);
    yield chunk;
  }
}

/** Passes chunks through, throwing UploadError('file_type_not_allowed') unless the whole stream is UTF-8 without NUL. */
export async function* requireUtf8(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of source) {
    if (chunk.includes(0)) throw new UploadError('file_type_not_allowed');
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      throw new UploadError('file_type_not_allowed');
    }
    yield chunk;
  }
  try {
    decoder.decode();
  } catch {
    throw new UploadError('file_type_not_allowed');
  }
}

export interface Piece {
  bytes: Uint8Array;
  /** The last piece; it alone may be shorter than CHUNK_BYTES (or empty, for an empty stream). */
  final: boolean;
}

/**
 * Re-cuts chunks of any size into pieces of exactly CHUNK_BYTES, as the stream cipher
 * requires. A full piece is held back until the next byte arrives, because whether it is
 * the final one is only known then. Two buffers are reused for the whole stream, so a
 * piece's bytes are valid only until the next piece is asked for: use them at once.
 */
export async function* rechunk(source: AsyncIterable<Uint8Array>): AsyncGenerator<Piece> {
  let filling: Uint8Array = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  let held: Uint8Array | null = null;
  for await (const chunk of source) {
    let offset = 0;
    while (offset < chunk.byteLength) {
      if (filled === CHUNK_BYTES) {
        let spare: Uint8Array | null = null;
        if (held) {
          yield { bytes: held, final: false };
          spare = held;
        }
        held = filling;
        filling = spare ?? new Uint8Array(CHUNK_BYTES);
        filled = 0;
      }
      const take = Math.min(CHUNK_BYTES - filled, chunk.byteLength - offset);
      filling.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
    }
  }
  if (filled === 0) {
    yield held ? { bytes: held, final: true } : { bytes: filling.subarray(0, 0), final: true };
    return;
  }
  if (held) yield { bytes: held, final: false };
  yield { bytes: filling.subarray(0, filled), final: true };
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
