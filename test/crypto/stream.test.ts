// File streams: secretstream_xchacha20poly1305 in CHUNK_BYTES chunks behind a 2-byte header.
// Truncation (at a chunk boundary or inside a chunk), dropped, reordered, duplicated or
// altered chunks, and data after the final chunk must all fail with DecryptionError.
import assert from 'node:assert/strict';
import { randomFillSync } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  ALG_FIELD,
  ALG_STREAM,
  CHUNK_BYTES,
  DecryptionError,
  ENCRYPTED_CHUNK_BYTES,
  FORMAT_VERSION,
  STREAM_HEADER_BYTES,
  createStreamDecryptor,
  createStreamEncryptor,
  decryptBytes,
  encryptBytes,
  generateSymmetricKey,
  loadSodium,
} from '../../src/common/crypto/index.ts';

await loadSodium();

function assertDecryptionError(fn: () => unknown, pattern: RegExp, note = ''): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(
      err instanceof DecryptionError,
      `expected a DecryptionError ${note}, got ${String(err)}`,
    );
    assert.match(err.message, pattern, note);
    return true;
  });
}

/** Random test data (node:crypto: libsodium.js fills large buffers 4 bytes per JS call, slowly). */
function randomBytes(n: number): Uint8Array {
  return randomFillSync(new Uint8Array(n));
}

function flip(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[index] = (copy[index] ?? 0) ^ (1 << bit);
  return copy;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Splits an encrypted file into its header and its encrypted chunks. */
function split(env: Uint8Array): { head: Uint8Array; chunks: Uint8Array[] } {
  const chunks: Uint8Array[] = [];
  for (let off = STREAM_HEADER_BYTES; off < env.length; off += ENCRYPTED_CHUNK_BYTES) {
    chunks.push(env.subarray(off, off + ENCRYPTED_CHUNK_BYTES));
  }
  return { head: env.subarray(0, STREAM_HEADER_BYTES), chunks };
}

function chunkAt(chunks: Uint8Array[], i: number): Uint8Array {
  const c = chunks[i];
  if (!c) throw new Error(`no chunk ${i}`);
  return c;
}

const AUTH_FAILED = /chunk authentication failed/;
const TRUNCATED = /truncated/;

describe('file stream', () => {
  test('the format constants', () => {
    assert.equal(CHUNK_BYTES, 64 * 1024);
    assert.equal(ENCRYPTED_CHUNK_BYTES, CHUNK_BYTES + 17);
    assert.equal(STREAM_HEADER_BYTES, 2 + 24);
  });

  test('round trips, including empty, one byte and exact multiples of CHUNK_BYTES', () => {
    const key = generateSymmetricKey();
    const sizes = [0, 1, 1000, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES];
    for (const size of [...sizes, 3 * CHUNK_BYTES + 17]) {
      const data = randomBytes(size);
      const env = encryptBytes(key, data);
      const chunkCount = Math.max(1, Math.ceil(size / CHUNK_BYTES));
      assert.equal(env.length, STREAM_HEADER_BYTES + size + 17 * chunkCount, `size ${size}`);
      assert.deepEqual(decryptBytes(key, env), data, `size ${size}`);
    }
  });

  test('an empty file is a header and one empty FINAL chunk', () => {
    const key = generateSymmetricKey();
    const env = encryptBytes(key, new Uint8Array(0));
    assert.equal(env.length, STREAM_HEADER_BYTES + 17);
    assert.equal(decryptBytes(key, env).length, 0);
    assertDecryptionError(() => decryptBytes(key, env.subarray(0, STREAM_HEADER_BYTES)), TRUNCATED);
  });

  test('an exact multiple of CHUNK_BYTES has no extra empty chunk, and its last chunk is FINAL', () => {
    const key = generateSymmetricKey();
    const data = randomBytes(2 * CHUNK_BYTES);
    const env = encryptBytes(key, data);
    const { head, chunks } = split(env);
    assert.equal(chunks.length, 2);
    const dec = createStreamDecryptor(key, head);
    assert.equal(dec.pull(chunkAt(chunks, 0)).final, false);
    const last = dec.pull(chunkAt(chunks, 1));
    assert.equal(last.final, true);
    assert.equal(last.plaintext.length, CHUNK_BYTES);
    dec.finish();
  });

  test('the header carries the version byte and algorithm id; both are checked', () => {
    const key = generateSymmetricKey();
    const env = encryptBytes(key, randomBytes(100));
    assert.equal(env[0], FORMAT_VERSION);
    assert.equal(env[1], ALG_STREAM);
    const wrongVersion = env.slice();
    wrongVersion[0] = 2;
    assertDecryptionError(() => decryptBytes(key, wrongVersion), /unknown format version 2/);
    const wrongAlg = env.slice();
    wrongAlg[1] = ALG_FIELD;
    assertDecryptionError(() => decryptBytes(key, wrongAlg), /expected algorithm 4, found 1/);
    assertDecryptionError(() => decryptBytes(key, env.subarray(0, 10)), /too short/);
  });

  test('a wrong key fails; a fresh header each time', () => {
    const key = generateSymmetricKey();
    const data = randomBytes(100);
    const env = encryptBytes(key, data);
    assertDecryptionError(() => decryptBytes(generateSymmetricKey(), env), AUTH_FAILED);
    assert.notDeepEqual(encryptBytes(key, data).subarray(2, 26), env.subarray(2, 26));
  });

  test('tampering in each region fails: header, secretstream nonce, body and tag of each chunk', () => {
    const key = generateSymmetricKey();
    const env = encryptBytes(key, randomBytes(2 * CHUNK_BYTES + 100));
    assertDecryptionError(() => decryptBytes(key, flip(env, 0)), /format version/);
    assertDecryptionError(() => decryptBytes(key, flip(env, 1)), /expected algorithm/);
    assertDecryptionError(() => decryptBytes(key, flip(env, 2)), AUTH_FAILED, 'stream nonce');
    assertDecryptionError(() => decryptBytes(key, flip(env, 25, 7)), AUTH_FAILED, 'stream nonce');
    const chunkStarts = [0, 1, 2].map((i) => STREAM_HEADER_BYTES + i * ENCRYPTED_CHUNK_BYTES);
    for (const [i, start] of chunkStarts.entries()) {
      const end = Math.min(start + ENCRYPTED_CHUNK_BYTES, env.length);
      // Each encrypted chunk: 1 encrypted tag byte, the body, then the 16-byte MAC.
      for (const [where, at] of [
        ['tag byte', start],
        ['body start', start + 1],
        ['body end', end - 17],
        ['MAC start', end - 16],
        ['MAC end', end - 1],
      ] as const) {
        assertDecryptionError(
          () => decryptBytes(key, flip(env, at)),
          AUTH_FAILED,
          `chunk ${i} ${where}`,
        );
      }
    }
  });

  test('truncated at a chunk boundary fails with "truncated"', () => {
    const key = generateSymmetricKey();
    const env = encryptBytes(key, randomBytes(3 * CHUNK_BYTES + 10));
    for (const chunks of [0, 1, 2, 3]) {
      const cut = env.subarray(0, STREAM_HEADER_BYTES + chunks * ENCRYPTED_CHUNK_BYTES);
      assertDecryptionError(() => decryptBytes(key, cut), TRUNCATED, `after ${chunks} chunks`);
    }
    // An exact multiple of CHUNK_BYTES, cut before its last (full, FINAL) chunk.
    const even = encryptBytes(key, randomBytes(2 * CHUNK_BYTES));
    assertDecryptionError(
      () => decryptBytes(key, even.subarray(0, STREAM_HEADER_BYTES + ENCRYPTED_CHUNK_BYTES)),
      TRUNCATED,
    );
  });

  test('truncated inside a chunk fails (also when less than a MAC of it remains)', () => {
    const key = generateSymmetricKey();
    const env = encryptBytes(key, randomBytes(CHUNK_BYTES + 100));
    const lastStart = STREAM_HEADER_BYTES + ENCRYPTED_CHUNK_BYTES;
    for (const keep of [1, 5, 16, 17, 18, 100, 116]) {
      const cut = env.subarray(0, lastStart + keep);
      assertDecryptionError(() => decryptBytes(key, cut), AUTH_FAILED, `keep ${keep}`);
    }
    for (const keep of [1, 16, 17, 1000, ENCRYPTED_CHUNK_BYTES - 1]) {
      const cut = env.subarray(0, STREAM_HEADER_BYTES + keep);
      assertDecryptionError(() => decryptBytes(key, cut), AUTH_FAILED, `first chunk keep ${keep}`);
    }
    for (const keep of [1, 10, 25]) {
      assertDecryptionError(() => decryptBytes(key, env.subarray(0, keep)), /too short/);
    }
  });

  test('dropped, reordered and duplicated chunks fail', () => {
    const key = generateSymmetricKey();
    const env = encryptBytes(key, randomBytes(3 * CHUNK_BYTES + 10));
    const { head, chunks } = split(env);
    const [c0, c1, c2, c3] = [0, 1, 2, 3].map((i) => chunkAt(chunks, i));
    assert.ok(c0 && c1 && c2 && c3);
    assert.deepEqual(decryptBytes(key, concat(head, c0, c1, c2, c3)), decryptBytes(key, env));
    const broken: [string, Uint8Array, RegExp][] = [
      ['first dropped', concat(head, c1, c2, c3), AUTH_FAILED],
      ['middle dropped', concat(head, c0, c2, c3), AUTH_FAILED],
      ['final dropped', concat(head, c0, c1, c2), TRUNCATED],
      ['two swapped', concat(head, c0, c2, c1, c3), AUTH_FAILED],
      ['final moved first', concat(head, c3, c0, c1, c2), AUTH_FAILED],
      ['reversed', concat(head, c3, c2, c1, c0), AUTH_FAILED],
      ['first duplicated', concat(head, c0, c0, c1, c2, c3), AUTH_FAILED],
      ['middle duplicated', concat(head, c0, c1, c1, c2, c3), AUTH_FAILED],
      // The short final chunk and its copy are read as one slice: it fails to authenticate.
      ['final duplicated', concat(head, c0, c1, c2, c3, c3), AUTH_FAILED],
    ];
    for (const [what, bytes, pattern] of broken) {
      assertDecryptionError(() => decryptBytes(key, bytes), pattern, what);
    }
  });

  test('a chunk from another file under the same key does not fit', () => {
    const key = generateSymmetricKey();
    const a = split(encryptBytes(key, randomBytes(2 * CHUNK_BYTES + 1)));
    const b = split(encryptBytes(key, randomBytes(2 * CHUNK_BYTES + 1)));
    const spliced = concat(
      a.head,
      chunkAt(a.chunks, 0),
      chunkAt(b.chunks, 1),
      chunkAt(a.chunks, 2),
    );
    assertDecryptionError(() => decryptBytes(key, spliced), AUTH_FAILED);
    const otherHeader = concat(b.head, ...a.chunks);
    assertDecryptionError(() => decryptBytes(key, otherHeader), AUTH_FAILED);
  });

  test('data appended after the final chunk fails', () => {
    const key = generateSymmetricKey();
    const extras = [Uint8Array.of(0), randomBytes(17), randomBytes(ENCRYPTED_CHUNK_BYTES)];
    // A full final chunk: whatever follows is read as a chunk after FINAL.
    for (const size of [CHUNK_BYTES, 2 * CHUNK_BYTES]) {
      const env = encryptBytes(key, randomBytes(size));
      for (const extra of extras) {
        assertDecryptionError(
          () => decryptBytes(key, concat(env, extra)),
          /data after the final chunk/,
          `size ${size} + ${extra.length}`,
        );
      }
      // Even a copy of the genuine final chunk.
      const { chunks } = split(env);
      const final = chunkAt(chunks, chunks.length - 1);
      assertDecryptionError(
        () => decryptBytes(key, concat(env, final)),
        /data after the final chunk/,
      );
    }
    // A short final chunk: the appended bytes become part of its slice, which then fails.
    for (const size of [0, 10, CHUNK_BYTES + 10]) {
      const env = encryptBytes(key, randomBytes(size));
      for (const extra of extras) {
        assertDecryptionError(
          () => decryptBytes(key, concat(env, extra)),
          /chunk authentication failed|data after the final chunk/,
          `size ${size} + ${extra.length}`,
        );
      }
    }
  });

  test('streaming API: chunk by chunk, FINAL flag, finish() detects truncation', () => {
    const key = generateSymmetricKey();
    const enc = createStreamEncryptor(key);
    const parts = [randomBytes(CHUNK_BYTES), randomBytes(CHUNK_BYTES), randomBytes(3)];
    const encrypted = parts.map((p, i) => enc.push(p, i === parts.length - 1));
    assert.throws(() => enc.push(randomBytes(1), true), /already finished/);
    // What the streaming encryptor writes is what decryptBytes reads.
    assert.deepEqual(decryptBytes(key, concat(enc.header, ...encrypted)), concat(...parts));

    const dec = createStreamDecryptor(key, enc.header);
    assert.throws(
      () => dec.finish(),
      (err: unknown) => err instanceof DecryptionError && TRUNCATED.test(err.message),
    );
    const first = dec.pull(chunkAt(encrypted, 0));
    assert.equal(first.final, false);
    assert.deepEqual(first.plaintext, parts[0]);
    assert.equal(dec.pull(chunkAt(encrypted, 1)).final, false);
    assertDecryptionError(() => dec.finish(), TRUNCATED);
    assert.equal(dec.pull(chunkAt(encrypted, 2)).final, true);
    dec.finish();
    assertDecryptionError(() => dec.pull(chunkAt(encrypted, 2)), /data after the final chunk/);
  });

  test('streaming API refuses chunks the reader could not split', () => {
    const key = generateSymmetricKey();
    const enc = createStreamEncryptor(key);
    assert.throws(() => enc.push(new Uint8Array(CHUNK_BYTES + 1), false), /larger than/);
    assert.throws(() => enc.push(new Uint8Array(CHUNK_BYTES + 1), true), /larger than/);
    // Only the last chunk may be shorter than CHUNK_BYTES: decryptBytes splits at fixed offsets.
    assert.throws(() => enc.push(new Uint8Array(100), false), /exactly/);
    enc.push(new Uint8Array(CHUNK_BYTES), false);
    enc.push(new Uint8Array(100), true);
  });

  test('a stream header with the wrong length or a wrong-length key is rejected', () => {
    const key = generateSymmetricKey();
    const enc = createStreamEncryptor(key);
    assertDecryptionError(
      () => createStreamDecryptor(key, enc.header.subarray(0, 20)),
      /too short/,
    );
    assertDecryptionError(
      () => createStreamDecryptor(key, concat(enc.header, Uint8Array.of(0))),
      /header rejected/,
    );
    assertDecryptionError(
      () => createStreamDecryptor(key.subarray(1), enc.header),
      /header rejected/,
    );
  });
});

describe('file stream integrity hash', () => {
  test('the encryptor yields the SHA-256 of the plaintext, only after the final chunk', async () => {
    const { createHash, randomBytes } = await import('node:crypto');
    const { createStreamEncryptor, CHUNK_BYTES: size } =
      await import('../../src/common/crypto/stream.ts');
    const { generateSymmetricKey } = await import('../../src/common/crypto/envelope.ts');
    const data = new Uint8Array(randomBytes(size * 2 + 123));
    const enc = createStreamEncryptor(generateSymmetricKey());
    enc.push(data.subarray(0, size), false);
    assert.throws(() => enc.sha256(), /not finished/);
    enc.push(data.subarray(size, size * 2), false);
    enc.push(data.subarray(size * 2), true);
    assert.equal(
      Buffer.from(enc.sha256()).toString('hex'),
      createHash('sha256').update(data).digest('hex'),
    );
  });
});
