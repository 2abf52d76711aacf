// A 100 MB video must not cost the server 100 MB of memory: the pipeline holds one chunk
// at a time. Measured as the growth of the resident set while the file streams through,
// sampled on every chunk and on a timer; no timing is asserted.
//
// Garbage the collector has not reached yet is not memory the pipeline holds, but it shows
// in RSS: V8 lets some 64 MB of dead buffers pile up before it collects them, however large
// the file. So the test collects every few chunks, and what remains is what is retained.
import assert from 'node:assert/strict';
import { createHash, randomFillSync } from 'node:crypto';
import { after, before, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  createStreamDecryptor,
  ENCRYPTED_CHUNK_BYTES,
  loadSodium,
  openSealed,
  STREAM_HEADER_BYTES,
} from '../../src/common/crypto/index.ts';
import { fileMeta } from '../../src/common/intake/report.ts';
import { storeUploadedFile } from '../../src/server/files/store-upload.ts';
import { tempBlobStore } from '../helpers/blobs.ts';
import { organisationKeys, pdfBytes, streamOf } from './support.ts';

await loadSodium();

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const MB = 1_000_000;
const FILE_BYTES = 100 * MB;
const PIECE = 256 * 1024;
const keys = organisationKeys();
let blobs: Awaited<ReturnType<typeof tempBlobStore>>;
before(async () => {
  blobs = await tempBlobStore();
});
after(async () => {
  await blobs.dispose();
});

test('a 100 MB file streams through with flat memory and decrypts to the same hash', async () => {
  // Warm up: load file-type, sharp and libsodium's buffers before the baseline.
  await storeUploadedFile({
    blobs,
    organisationPublicKey: keys.publicKey,
    source: streamOf(new Uint8Array([...pdfBytes(), ...new Uint8Array(300_000)])),
    fileName: 'warm.pdf',
    declaredType: 'application/pdf',
    keepMetadata: false,
    maxBytes: FILE_BYTES,
  });

  const hash = createHash('sha256');
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  async function* video(): AsyncGenerator<Uint8Array> {
    const head = pdfBytes();
    hash.update(head);
    yield head;
    let sent = head.length;
    let pieces = 0;
    while (sent < FILE_BYTES) {
      // Every 4 MB: dead buffers out of the way, so the samples show what is held.
      if (++pieces % 16 === 0) collectGarbage();
      // A fresh buffer each time, as a multipart parser hands them over.
      const piece = randomFillSync(new Uint8Array(Math.min(PIECE, FILE_BYTES - sent)));
      hash.update(piece);
      sent += piece.length;
      sample();
      yield piece;
    }
  }

  collectGarbage();
  const baseline = process.memoryUsage().rss;
  peak = baseline;
  const timer = setInterval(sample, 2);
  let stored;
  try {
    stored = await storeUploadedFile({
      blobs,
      organisationPublicKey: keys.publicKey,
      source: video(),
      fileName: 'video.pdf',
      declaredType: 'application/pdf',
      keepMetadata: false,
      maxBytes: FILE_BYTES,
    });
  } finally {
    clearInterval(timer);
  }
  const growthMb = (peak - baseline) / MB;
  console.log(`peak RSS growth while storing 100 MB: ${growthMb.toFixed(1)} MB`);
  assert.ok(growthMb < 40, `RSS grew by ${growthMb.toFixed(1)} MB`);

  // Decrypt it back the way staff will: streamed, chunk by chunk.
  const [file] = stored;
  assert.ok(file);
  const meta = fileMeta.parse(
    JSON.parse(Buffer.from(openSealed(keys, file.sealedMeta)).toString()),
  );
  const expected = hash.digest('hex');
  assert.equal(meta.size, FILE_BYTES);
  assert.equal(meta.sha256, expected);
  assert.equal(await decryptedSha256(file.blobKey, openSealed(keys, file.sealedFileKey)), expected);
});

async function decryptedSha256(blobKey: string, fileKey: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  let pending = Buffer.alloc(0);
  let decryptor: ReturnType<typeof createStreamDecryptor> | null = null;
  for await (const chunk of await blobs.openRead(blobKey)) {
    pending = Buffer.concat([pending, chunk as Buffer]);
    if (!decryptor) {
      if (pending.length < STREAM_HEADER_BYTES) continue;
      decryptor = createStreamDecryptor(fileKey, pending.subarray(0, STREAM_HEADER_BYTES));
      pending = pending.subarray(STREAM_HEADER_BYTES);
    }
    // Keep the last (possibly full-size) chunk until the end: only then is it known to be last.
    while (pending.length > ENCRYPTED_CHUNK_BYTES) {
      hash.update(decryptor.pull(pending.subarray(0, ENCRYPTED_CHUNK_BYTES)).plaintext);
      pending = pending.subarray(ENCRYPTED_CHUNK_BYTES);
    }
  }
  assert.ok(decryptor);
  hash.update(decryptor.pull(pending).plaintext);
  decryptor.finish();
  return hash.digest('hex');
}
