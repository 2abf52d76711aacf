// A stored file arrives split however the network splits it; envelopePieces cuts it back
// at the envelope's fixed offsets so each piece can be decrypted in turn.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { loadSodium } from '../../src/common/crypto/sodium.ts';
import {
  CHUNK_BYTES,
  createStreamDecryptor,
  encryptBytes,
  ENCRYPTED_CHUNK_BYTES,
  envelopePieces,
  STREAM_HEADER_BYTES,
} from '../../src/common/crypto/stream.ts';

function streamOf(bytes: Uint8Array, cut: number[]): ReadableStream<Uint8Array> {
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const size of cut) {
    if (at >= bytes.length) break;
    parts.push(bytes.slice(at, at + size));
    at += size;
  }
  if (at < bytes.length) parts.push(bytes.slice(at));
  return new ReadableStream({
    pull(controller) {
      const next = parts.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

test('pieces are the header, then whole encrypted chunks, however the bytes were split', async () => {
  await loadSodium();
  const key = new Uint8Array(randomBytes(32));
  const plaintext = new Uint8Array(randomBytes(2 * CHUNK_BYTES + 1000));
  const envelope = encryptBytes(key, plaintext);
  for (const cut of [[1, 7, 3], [STREAM_HEADER_BYTES + 5, 100_000], [envelope.length]]) {
    const pieces: Uint8Array[] = [];
    for await (const piece of envelopePieces(streamOf(envelope, cut))) pieces.push(piece.slice());
    assert.deepEqual(
      pieces.map((p) => p.length),
      [STREAM_HEADER_BYTES, ENCRYPTED_CHUNK_BYTES, ENCRYPTED_CHUNK_BYTES, 1000 + 17],
    );
    const decryptor = createStreamDecryptor(key, pieces[0]!);
    const opened = pieces.slice(1).map((p) => decryptor.pull(p));
    assert.deepEqual(
      opened.map((o) => o.final),
      [false, false, true],
    );
    assert.deepEqual(Buffer.concat(opened.map((o) => o.plaintext)), Buffer.from(plaintext));
  }
});
