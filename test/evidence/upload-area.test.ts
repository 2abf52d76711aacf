// The blob store's resumable-upload area (FsBlobStore): appends land at the upload's end
// and are on disk when acknowledged; a write cut off part-way keeps what arrived; a commit
// makes the whole file visible under its key at once; uploads survive a restart.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import {
  BlobNotFoundError,
  newBlobKey,
  UploadAppendError,
  UploadOffsetError,
} from '../../src/server/blobs/blob-store.ts';
import { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';
import { tempBlobStore } from '../helpers/blobs.ts';
import { randomBytes, readAll, streamOf } from '../files/support.ts';

let blobs: Awaited<ReturnType<typeof tempBlobStore>>;
beforeEach(async () => {
  blobs = await tempBlobStore();
});
afterEach(async () => {
  await blobs.dispose();
});

describe('FsBlobStore upload area', () => {
  test('appends at the current offset grow the upload; the bytes read back in order', async () => {
    const id = randomUUID();
    await blobs.createUpload(id);
    assert.equal(await blobs.uploadSize(id), 0);
    const first = randomBytes(150_000);
    const second = randomBytes(2_500_000);
    const seen: number[] = [];
    assert.deepEqual(
      await blobs.appendUpload(id, 0, streamOf(first), (c) => seen.push(c.byteLength)),
      { offset: first.length },
    );
    assert.equal(
      seen.reduce((a, b) => a + b, 0),
      first.length,
      'every written chunk is reported once',
    );
    assert.deepEqual(await blobs.appendUpload(id, first.length, streamOf(second, [65_536])), {
      offset: first.length + second.length,
    });
    assert.equal(await blobs.uploadSize(id), first.length + second.length);
    assert.deepEqual(
      await readAll(await blobs.openUploadRead(id)),
      new Uint8Array(Buffer.concat([first, second])),
    );
    const file = path.join(blobs.root, '.uploads', id);
    assert.equal((await stat(file)).mode & 0o777, 0o600, 'only the server may read it');
  });

  test('an append at the wrong offset is refused with the real offset and writes nothing', async () => {
    const id = randomUUID();
    await blobs.createUpload(id);
    await blobs.appendUpload(id, 0, streamOf(randomBytes(1000)));
    for (const wrong of [0, 999, 1001, 5000]) {
      const error = await blobs
        .appendUpload(id, wrong, streamOf(randomBytes(10)))
        .then(() => assert.fail(`offset ${wrong} was accepted`))
        .catch((e: unknown) => e);
      assert.ok(error instanceof UploadOffsetError);
      assert.equal(error.actual, 1000);
    }
    assert.equal(await blobs.uploadSize(id), 1000);
  });

  test('a write broken midway keeps every chunk that arrived, and the next append resumes there', async () => {
    const id = randomUUID();
    await blobs.createUpload(id);
    const bytes = randomBytes(300_000);
    async function* cutOff() {
      yield bytes.subarray(0, 100_000);
      yield bytes.subarray(100_000, 170_000);
      throw new Error('connection reset');
    }
    const error = await blobs
      .appendUpload(id, 0, cutOff())
      .then(() => assert.fail('the broken write resolved'))
      .catch((e: unknown) => e);
    assert.ok(error instanceof UploadAppendError);
    assert.equal(error.offset, 170_000);
    assert.match(error.message, /connection reset/);
    assert.equal(await blobs.uploadSize(id), 170_000);

    // A restart (a new store on the same folder) finds the same bytes.
    const restarted = await new FsBlobStore(blobs.root).init();
    assert.equal(await restarted.uploadSize(id), 170_000);
    await restarted.appendUpload(id, 170_000, streamOf(bytes.subarray(170_000)));
    assert.deepEqual(await readAll(await restarted.openUploadRead(id)), bytes);
  });

  test('commit makes the blob appear whole under its key; discard removes the upload', async () => {
    const id = randomUUID();
    await blobs.createUpload(id);
    const bytes = randomBytes(200_000);
    await blobs.appendUpload(id, 0, streamOf(bytes));
    const key = newBlobKey();
    assert.equal(await blobs.size(key), null);
    await blobs.commitUpload(id, key);
    assert.equal(await blobs.size(key), bytes.length);
    assert.deepEqual(await readAll(await blobs.openRead(key)), bytes);
    assert.equal(await blobs.uploadSize(id), bytes.length, 'the upload stays until discarded');
    await blobs.discardUpload(id);
    assert.equal(await blobs.uploadSize(id), null);
    assert.deepEqual(await readAll(await blobs.openRead(key)), bytes, 'the blob stays');
    assert.deepEqual(await blobs.listUploads(), []);
    await blobs.discardUpload(id);
  });

  test('a commit to a key that exists fails and leaves that blob as it was', async () => {
    const key = newBlobKey();
    const existing = randomBytes(500);
    await blobs.put(key, streamOf(existing));
    const id = randomUUID();
    await blobs.createUpload(id);
    await blobs.appendUpload(id, 0, streamOf(randomBytes(900)));
    await assert.rejects(blobs.commitUpload(id, key));
    assert.deepEqual(await readAll(await blobs.openRead(key)), existing);
  });

  test('uploads survive a restart, are listed, and missing ones are reported as such', async () => {
    const ids = [randomUUID(), randomUUID()];
    for (const id of ids) {
      await blobs.createUpload(id);
      await blobs.appendUpload(id, 0, streamOf(randomBytes(777)));
    }
    await assert.rejects(blobs.createUpload(ids[0]!), 'an id is used once');
    const restarted = await new FsBlobStore(blobs.root).init();
    assert.deepEqual((await restarted.listUploads()).sort(), [...ids].sort());
    for (const id of ids) assert.equal(await restarted.uploadSize(id), 777);
    const missing = randomUUID();
    assert.equal(await restarted.uploadSize(missing), null);
    await assert.rejects(restarted.openUploadRead(missing), BlobNotFoundError);
    await assert.rejects(
      restarted.appendUpload(missing, 0, streamOf(randomBytes(1))),
      BlobNotFoundError,
    );
    assert.deepEqual(await readdir(path.join(blobs.root, '.partial')), []);
  });

  test('an upload id that is not a UUID is refused before touching the disk', async () => {
    for (const id of ['../escape', 'a/b', '', 'ABCDEF', `${randomUUID()}/..`]) {
      await assert.rejects(blobs.createUpload(id), /upload id/);
      await assert.rejects(blobs.appendUpload(id, 0, streamOf(randomBytes(1))));
    }
  });
});
