// Files the reporter's browser encrypted before sending: the server cannot read them, so
// it only checks that they are shaped like a stream envelope, stores them as sent, and
// keeps to the size limit. And a stored blob that was cut short or altered on disk must
// fail to decrypt rather than hand staff a damaged file as if it were whole.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CHUNK_BYTES,
  createStreamDecryptor,
  DecryptionError,
  decryptBytes,
  ENCRYPTED_CHUNK_BYTES,
  encryptBytes,
  generateSymmetricKey,
  loadSodium,
  STREAM_HEADER_BYTES,
} from '../../src/common/crypto/index.ts';
import {
  storeEncryptedUpload,
  storeUploadedFile,
  UploadError,
} from '../../src/server/files/store-upload.ts';
import { tempBlobStore } from '../helpers/blobs.ts';
import {
  filesUnder,
  organisationKeys,
  openUpload,
  pdfBytes,
  randomBytes,
  readAll,
  streamOf,
} from './support.ts';

await loadSodium();

let blobs: Awaited<ReturnType<typeof tempBlobStore>>;
before(async () => {
  blobs = await tempBlobStore();
});
after(async () => {
  await blobs.dispose();
});

const refused = (code: UploadError['code']) => (error: unknown) =>
  error instanceof UploadError && error.code === code;

describe('a browser-encrypted upload', () => {
  test('is stored exactly as sent and decrypts with the browser’s file key', async () => {
    const fileKey = generateSymmetricKey();
    const plaintext = randomBytes(2 * CHUNK_BYTES + 99);
    const envelope = encryptBytes(fileKey, plaintext);
    const stored = await storeEncryptedUpload({
      blobs,
      source: streamOf(envelope),
      maxBytes: plaintext.length,
    });
    assert.equal(stored.ciphertextBytes, envelope.length);
    const onDisk = await readAll(await blobs.openRead(stored.blobKey));
    assert.deepEqual(onDisk, envelope);
    assert.deepEqual(decryptBytes(fileKey, onDisk), plaintext);
  });

  test('a file exactly at the size limit fits, with its encryption overhead', async () => {
    const fileKey = generateSymmetricKey();
    const maxBytes = 3 * CHUNK_BYTES;
    const stored = await storeEncryptedUpload({
      blobs,
      source: streamOf(encryptBytes(fileKey, randomBytes(maxBytes))),
      maxBytes,
    });
    assert.ok(stored.blobKey);
  });

  test('anything that does not start with a stream envelope header is refused', async () => {
    const isolated = await tempBlobStore();
    try {
      const fileKey = generateSymmetricKey();
      const good = encryptBytes(fileKey, randomBytes(1000));
      const wrongVersion = Uint8Array.from(good);
      wrongVersion[0] = 2;
      const wrongAlgorithm = Uint8Array.from(good);
      wrongAlgorithm[1] = 1;
      const cases: [string, Uint8Array][] = [
        ['a plaintext PDF', pdfBytes()],
        ['an empty body', new Uint8Array(0)],
        ['a header cut short', good.subarray(0, STREAM_HEADER_BYTES - 1)],
        ['a header and no chunk', good.subarray(0, STREAM_HEADER_BYTES)],
        ['a last chunk shorter than its tag', good.subarray(0, STREAM_HEADER_BYTES + 10)],
        ['a format version that is not 1', wrongVersion],
        ['another algorithm (a field envelope)', wrongAlgorithm],
      ];
      for (const [what, bytes] of cases) {
        await assert.rejects(
          storeEncryptedUpload({ blobs: isolated, source: streamOf(bytes), maxBytes: 1 << 20 }),
          refused('file_not_encrypted'),
          what,
        );
      }
      assert.deepEqual(await filesUnder(isolated.root), []);
    } finally {
      await isolated.dispose();
    }
  });

  test('over the limit (plus overhead) is refused, and nothing stays in the store', async () => {
    const isolated = await tempBlobStore();
    try {
      const fileKey = generateSymmetricKey();
      const maxBytes = 3 * CHUNK_BYTES;
      const envelope = encryptBytes(fileKey, randomBytes(maxBytes + 1));
      await assert.rejects(
        storeEncryptedUpload({ blobs: isolated, source: streamOf(envelope), maxBytes }),
        refused('file_too_large'),
      );
      assert.deepEqual(await filesUnder(isolated.root), []);
    } finally {
      await isolated.dispose();
    }
  });
});

describe('a stored blob damaged on disk', () => {
  test('cut short or altered, it fails to decrypt instead of yielding a partial file', async () => {
    const keys = organisationKeys();
    const pdf = new Uint8Array([...pdfBytes(), ...randomBytes(3 * CHUNK_BYTES)]);
    const [file] = await storeUploadedFile({
      blobs,
      organisationPublicKey: keys.publicKey,
      source: streamOf(pdf),
      fileName: 'a.pdf',
      declaredType: 'application/pdf',
      keepMetadata: false,
      maxBytes: 1 << 20,
    });
    assert.ok(file);
    const { envelope, fileKey } = await openUpload(blobs, keys, file);

    const decrypt = (bytes: Uint8Array) => {
      const decryptor = createStreamDecryptor(fileKey, bytes.subarray(0, STREAM_HEADER_BYTES));
      for (let at = STREAM_HEADER_BYTES; at < bytes.length; at += ENCRYPTED_CHUNK_BYTES) {
        decryptor.pull(bytes.subarray(at, at + ENCRYPTED_CHUNK_BYTES));
      }
      decryptor.finish();
    };
    decrypt(envelope);

    const flipped = Uint8Array.from(envelope);
    flipped[STREAM_HEADER_BYTES + ENCRYPTED_CHUNK_BYTES + 5]! ^= 1;
    const damaged: [string, Uint8Array][] = [
      [
        'cut at a chunk boundary',
        envelope.subarray(0, STREAM_HEADER_BYTES + 2 * ENCRYPTED_CHUNK_BYTES),
      ],
      ['cut inside the last chunk', envelope.subarray(0, envelope.length - 7)],
      ['one bit flipped', flipped],
    ];
    for (const [what, bytes] of damaged) {
      assert.throws(() => decrypt(bytes), DecryptionError, what);
    }
  });
});
