// The filesystem blob store: a blob is visible under its key only once it is whole; an
// interrupted write leaves nothing; start-up clears what a crash left in .partial; keys
// cannot walk out of the store's folder.
import assert from 'node:assert/strict';
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { BlobNotFoundError, newBlobKey } from '../../src/server/blobs/blob-store.ts';
import { FsBlobStore } from '../../src/server/blobs/fs-blob-store.ts';
import { tempBlobStore } from '../helpers/blobs.ts';
import { filesUnder, randomBytes, readAll, streamOf } from './support.ts';

let blobs: Awaited<ReturnType<typeof tempBlobStore>>;
beforeEach(async () => {
  blobs = await tempBlobStore();
});
afterEach(async () => {
  await blobs.dispose();
});

describe('FsBlobStore', () => {
  test('put, size and openRead give back the same bytes; the file is private to the server', async () => {
    const key = newBlobKey();
    const bytes = randomBytes(200_000);
    assert.deepEqual(await blobs.put(key, streamOf(bytes)), { bytes: bytes.length });
    assert.equal(await blobs.size(key), bytes.length);
    assert.deepEqual(await readAll(await blobs.openRead(key)), bytes);

    const [file, ...others] = await filesUnder(blobs.root);
    assert.deepEqual(others, []);
    assert.equal(file, path.join(blobs.root, key.slice(0, 2), key.slice(2, 4), key));
    assert.equal((await stat(file!)).mode & 0o777, 0o600);
  });

  test('a blob is not visible under its key while it is being written', async () => {
    const key = newBlobKey();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstWritten!: () => void;
    const halfway = new Promise<void>((resolve) => {
      firstWritten = resolve;
    });
    async function* slow() {
      yield randomBytes(1000);
      firstWritten();
      await gate;
      yield randomBytes(1000);
    }
    const writing = blobs.put(key, slow());
    await halfway;
    assert.equal(await blobs.size(key), null);
    await assert.rejects(blobs.openRead(key), BlobNotFoundError);
    release();
    await writing;
    assert.equal(await blobs.size(key), 2000);
  });

  test('a write whose chunks fail leaves nothing behind, not even in .partial', async () => {
    const key = newBlobKey();
    async function* failing() {
      yield randomBytes(100_000);
      yield randomBytes(100_000);
      throw new Error('upload aborted');
    }
    await assert.rejects(blobs.put(key, failing()), /upload aborted/);
    assert.equal(await blobs.size(key), null);
    assert.deepEqual(await filesUnder(blobs.root), []);
  });

  test('init() clears partial files a crash left, and keeps whole blobs', async () => {
    const key = newBlobKey();
    await blobs.put(key, streamOf(randomBytes(10)));
    const stale = path.join(blobs.root, '.partial', `${newBlobKey()}.crashed`);
    await writeFile(stale, 'half a file');
    assert.equal((await filesUnder(blobs.root)).length, 2);

    const restarted = await new FsBlobStore(blobs.root).init();
    assert.deepEqual(await filesUnder(blobs.root), [
      path.join(blobs.root, key.slice(0, 2), key.slice(2, 4), key),
    ]);
    assert.equal(await restarted.size(key), 10);
  });

  test('init() creates the folders of a new store', async () => {
    const root = path.join(blobs.root, 'nested', 'store');
    await new FsBlobStore(root).init();
    assert.ok((await stat(path.join(root, '.partial'))).isDirectory());
  });

  test('delete removes a blob; deleting a missing one is fine; reading it then is not found', async () => {
    const key = newBlobKey();
    await blobs.put(key, streamOf(randomBytes(10)));
    await blobs.delete(key);
    assert.equal(await blobs.size(key), null);
    await assert.rejects(blobs.openRead(key), BlobNotFoundError);
    await blobs.delete(key);
    await blobs.delete(newBlobKey());
  });

  test('keys that could leave the store folder, or are not keys, are refused by every operation', async () => {
    const bad = [
      '../../../../etc/passwd',
      '..%2f..%2fetc%2fpasswd',
      'a/b/cdefghijklmnopqrstu',
      'ABCDEF0123456789ABCDEF',
      'short',
      '',
      `${'a'.repeat(65)}`,
      'abcdef0123456789\u0000',
    ];
    for (const key of bad) {
      await assert.rejects(blobs.put(key, streamOf(randomBytes(1))), /blob key/, key);
      await assert.rejects(blobs.openRead(key), /blob key/, key);
      await assert.rejects(blobs.delete(key), /blob key/, key);
      await assert.rejects(blobs.size(key), /blob key/, key);
    }
    assert.deepEqual(await filesUnder(blobs.root), []);
  });

  test('newBlobKey gives distinct keys the store accepts', async () => {
    const keys = new Set(Array.from({ length: 100 }, () => newBlobKey()));
    assert.equal(keys.size, 100);
    for (const key of keys) assert.match(key, /^[a-f0-9]{32}$/);
  });
});
