// What the server can check about a ciphertext it cannot open: that it starts with the
// stream envelope's version and algorithm bytes, and that its length can be cut into a
// header and whole encrypted chunks, only the last one shorter (src/common/crypto/stream.ts).
// A plaintext file sent by mistake (or on purpose) fails these checks.
import { ALG_STREAM, FORMAT_VERSION } from '../../../common/crypto/envelope.ts';
import {
  CHUNK_BYTES,
  ENCRYPTED_CHUNK_BYTES,
  STREAM_HEADER_BYTES,
} from '../../../common/crypto/stream.ts';

/** Authentication tag and stream tag of each encrypted chunk. */
const CHUNK_OVERHEAD = ENCRYPTED_CHUNK_BYTES - CHUNK_BYTES;

/** Whether `length` bytes can be a whole stream envelope. */
export function isEnvelopeLength(length: number): boolean {
  if (!Number.isSafeInteger(length)) return false;
  const body = length - STREAM_HEADER_BYTES;
  if (body < CHUNK_OVERHEAD) return false;
  const last = body % ENCRYPTED_CHUNK_BYTES;
  return last === 0 || last >= CHUNK_OVERHEAD;
}

/** Whether the first bytes are a stream envelope's version and algorithm. */
export function hasEnvelopeHead(head: Uint8Array): boolean {
  return head.byteLength >= 2 && head[0] === FORMAT_VERSION && head[1] === ALG_STREAM;
}
