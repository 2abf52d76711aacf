// Evidence and attachment files: secretstream_xchacha20poly1305 in fixed-size chunks.
//
//   [1][ALG_STREAM][secretstream header 24] then chunks of CHUNK_BYTES + ABYTES each,
//   the last chunk tagged FINAL (it may be shorter, or empty).
//
// A missing FINAL tag (truncation), a reordered, dropped or altered chunk all fail.
// SHA-256 of the plaintext is computed while streaming, for integrity proofs.
import { ALG_STREAM, DecryptionError, checkHeader, header } from './envelope.ts';
import { sodium } from './sodium.ts';

export const CHUNK_BYTES = 64 * 1024;

export interface StreamEncryptor {
  /** The envelope header; written before the first chunk. */
  readonly header: Uint8Array;
  /** Encrypts one chunk of at most CHUNK_BYTES; `final` marks the last one. */
  push(chunk: Uint8Array, final: boolean): Uint8Array;
  /** SHA-256 of all plaintext pushed, available once the final chunk was pushed. */
  sha256(): Uint8Array;
}

/** A running SHA-256 (libsodium's by default; Node callers may pass node:crypto's, ~5× faster). */
export interface Sha256Hasher {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

export function createStreamEncryptor(
  fileKey: Uint8Array,
  options: { createSha256?: () => Sha256Hasher } = {},
): StreamEncryptor {
  const s = sodium();
  const init = s.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
  const head = new Uint8Array(2 + init.header.length);
  head.set(header(ALG_STREAM));
  head.set(init.header, 2);
  let finished = false;
  // The integrity proof of an evidence file is the hash of its original plaintext,
  // computed in the same pass that encrypts it.
  const hash = options.createSha256?.() ?? libsodiumSha256();
  let digest: Uint8Array | undefined;
  return {
    header: head,
    sha256() {
      if (!digest) throw new Error('the stream is not finished');
      return digest;
    },
    push(chunk, final) {
      if (finished) throw new Error('stream already finished');
      if (chunk.length > CHUNK_BYTES) throw new Error(`chunk larger than ${CHUNK_BYTES} bytes`);
      // The reader splits at fixed offsets (decryptBytes), so only the last chunk may be short.
      if (!final && chunk.length !== CHUNK_BYTES) {
        throw new Error(`a chunk that is not the last must be exactly ${CHUNK_BYTES} bytes`);
      }
      finished = final;
      const tag = final
        ? s.crypto_secretstream_xchacha20poly1305_TAG_FINAL
        : s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      hash.update(chunk);
      if (final) digest = hash.digest();
      return s.crypto_secretstream_xchacha20poly1305_push(init.state, chunk, null, tag);
    },
  };
}

function libsodiumSha256(): Sha256Hasher {
  const s = sodium();
  const state = s.crypto_hash_sha256_init();
  return {
    update: (bytes) => s.crypto_hash_sha256_update(state, bytes),
    digest: () => s.crypto_hash_sha256_final(state),
  };
}

export const STREAM_HEADER_BYTES = 2 + 24;
export const ENCRYPTED_CHUNK_BYTES = CHUNK_BYTES + 17;

export interface StreamDecryptor {
  /** Decrypts one encrypted chunk; returns the plaintext and whether it was the last. */
  pull(encrypted: Uint8Array): { plaintext: Uint8Array; final: boolean };
  /** Throws if the FINAL chunk was never seen: the ciphertext was truncated. */
  finish(): void;
}

export function createStreamDecryptor(fileKey: Uint8Array, head: Uint8Array): StreamDecryptor {
  const s = sodium();
  checkHeader(head, ALG_STREAM, s.crypto_secretstream_xchacha20poly1305_HEADERBYTES);
  let state: ReturnType<typeof s.crypto_secretstream_xchacha20poly1305_init_pull>;
  try {
    state = s.crypto_secretstream_xchacha20poly1305_init_pull(head.subarray(2), fileKey);
  } catch {
    throw new DecryptionError('stream header rejected');
  }
  let sawFinal = false;
  return {
    pull(encrypted) {
      if (sawFinal) throw new DecryptionError('data after the final chunk');
      let result: { message: Uint8Array; tag: number } | false;
      try {
        // libsodium.js returns false when authentication fails, but throws a TypeError
        // ("cipher is too short") for a chunk shorter than ABYTES: a file cut inside its
        // last chunk. Both are a DecryptionError.
        result = s.crypto_secretstream_xchacha20poly1305_pull(state, encrypted, null);
      } catch {
        result = false;
      }
      if (!result) {
        throw new DecryptionError('chunk authentication failed (tampered, reordered or truncated)');
      }
      sawFinal = result.tag === s.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      return { plaintext: result.message, final: sawFinal };
    },
    finish() {
      if (!sawFinal) throw new DecryptionError('stream truncated: final chunk missing');
    },
  };
}

/** Encrypts a whole in-memory file; for small files and tests. */
export function encryptBytes(fileKey: Uint8Array, data: Uint8Array): Uint8Array {
  const enc = createStreamEncryptor(fileKey);
  const parts: Uint8Array[] = [enc.header];
  if (data.length === 0) parts.push(enc.push(data, true));
  for (let off = 0; off < data.length; off += CHUNK_BYTES) {
    const end = Math.min(off + CHUNK_BYTES, data.length);
    parts.push(enc.push(data.subarray(off, end), end === data.length));
  }
  return joinBytes(parts);
}

/** Decrypts a whole in-memory file produced by encryptBytes or the streaming encryptor. */
export function decryptBytes(fileKey: Uint8Array, envelope: Uint8Array): Uint8Array {
  const dec = createStreamDecryptor(fileKey, envelope.subarray(0, STREAM_HEADER_BYTES));
  const parts: Uint8Array[] = [];
  for (let off = STREAM_HEADER_BYTES; off < envelope.length; off += ENCRYPTED_CHUNK_BYTES) {
    parts.push(dec.pull(envelope.subarray(off, off + ENCRYPTED_CHUNK_BYTES)).plaintext);
  }
  dec.finish();
  return joinBytes(parts);
}

function joinBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * Cuts a byte stream at the envelope's fixed offsets: first the header, then encrypted
 * chunks of exactly ENCRYPTED_CHUNK_BYTES (the last may be shorter), however the network
 * happened to split it.
 */
export async function* envelopePieces(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size: number = STREAM_HEADER_BYTES;
  let buffer = new Uint8Array(size);
  let filled = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let offset = 0;
      while (offset < value.length) {
        const take = Math.min(size - filled, value.length - offset);
        buffer.set(value.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === size) {
          yield buffer;
          size = ENCRYPTED_CHUNK_BYTES;
          buffer = new Uint8Array(size);
          filled = 0;
        }
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}
