// A reporter's plaintext file from the no-JavaScript form: it must come back out of the
// blob store byte for byte for whoever holds the organisation key, with a truthful sealed
// description, and a refused file must leave nothing on disk.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { CHUNK_BYTES, loadSodium, STREAM_HEADER_BYTES } from '../../src/common/crypto/index.ts';
import { LIMITS } from '../../src/common/intake/report.ts';
import { storeUploadedFile, UploadError } from '../../src/server/files/store-upload.ts';
import { tempBlobStore } from '../helpers/blobs.ts';
import {
  docxBytes,
  exeBytes,
  filesUnder,
  organisationKeys,
  openUpload,
  pdfBytes,
  plainPicture,
  randomBytes,
  streamOf,
  zipOf,
} from './support.ts';

await loadSodium();

const MiB = 1024 * 1024;
const keys = organisationKeys();
let blobs: Awaited<ReturnType<typeof tempBlobStore>>;
before(async () => {
  blobs = await tempBlobStore();
});
after(async () => {
  await blobs.dispose();
});

function upload(
  bytes: Uint8Array,
  fileName: string,
  declaredType: string,
  extra: { maxBytes?: number; keepMetadata?: boolean; source?: AsyncIterable<Uint8Array> } = {},
) {
  return storeUploadedFile({
    blobs,
    organisationPublicKey: keys.publicKey,
    source: extra.source ?? streamOf(bytes),
    fileName,
    declaredType,
    keepMetadata: extra.keepMetadata ?? false,
    maxBytes: extra.maxBytes ?? 10 * MiB,
  });
}

function refusedWith(code: UploadError['code'], what = '') {
  return (error: unknown) => {
    assert.ok(
      error instanceof UploadError,
      `expected an UploadError, got ${String(error)} ${what}`,
    );
    assert.equal(error.code, code, what);
    return true;
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('storing a plaintext upload', () => {
  test('a PDF comes back byte for byte, described truthfully, readable only with the organisation key', async () => {
    // Bigger than one chunk and not a multiple of it, so the re-cut and the short last chunk both happen.
    const pdf = new Uint8Array([...pdfBytes(), ...randomBytes(3 * CHUNK_BYTES + 1234)]);
    const stored = await upload(pdf, 'заявление.pdf', 'application/pdf');
    assert.equal(stored.length, 1);
    const [file] = stored;
    assert.ok(file);
    assert.equal(file.role, 'working');
    assert.equal(file.originalOf, null);

    const opened = await openUpload(blobs, keys, file);
    assert.deepEqual(opened.bytes, pdf);
    assert.deepEqual(opened.meta, {
      name: 'заявление.pdf',
      type: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      metadataRemoved: false,
    });
    assert.equal(file.ciphertextBytes, opened.envelope.length);
    assert.equal(await blobs.size(file.blobKey), file.ciphertextBytes);
    // Header, then four chunks each carrying 17 bytes of overhead.
    assert.equal(file.ciphertextBytes, STREAM_HEADER_BYTES + pdf.length + 4 * 17);

    const plaintextOnDisk = await filesUnder(blobs.root);
    assert.equal(plaintextOnDisk.length, 1, 'one blob, no partial file left');
    await assert.rejects(openUpload(blobs, organisationKeys(), file), /decryption failed/);
  });

  test('a file of exactly one chunk and a one-byte text file both round-trip', async () => {
    const exact = new Uint8Array([...pdfBytes(), ...randomBytes(CHUNK_BYTES - pdfBytes().length)]);
    const [a] = await upload(exact, 'a.pdf', 'application/pdf');
    assert.ok(a);
    assert.deepEqual((await openUpload(blobs, keys, a)).bytes, exact);

    const [b] = await upload(new TextEncoder().encode('x'), 'b.txt', 'text/plain');
    assert.ok(b);
    const opened = await openUpload(blobs, keys, b);
    assert.deepEqual(opened.bytes, new TextEncoder().encode('x'));
    assert.equal(opened.meta.type, 'text/plain');
  });

  test('the stored type is the one detected from the content', async () => {
    const gif = await plainPicture('gif');
    const [file] = await upload(gif, 'animation', 'application/octet-stream');
    assert.ok(file);
    const opened = await openUpload(blobs, keys, file);
    assert.equal(opened.meta.type, 'image/gif');
    assert.equal(opened.meta.metadataRemoved, false, 'GIFs are stored as sent');
    assert.deepEqual(opened.bytes, gif);
  });

  test('documents, archives, voice notes and UTF-8 text are accepted', async () => {
    const cases: [Uint8Array, string, string, string][] = [
      [
        docxBytes(),
        'statement.docx',
        '',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [zipOf({ 'a.txt': 'hello' }), 'photos.zip', 'application/zip', 'application/zip'],
      [oggHeader(), 'voice.ogg', 'audio/ogg', 'audio/ogg'],
      [
        new TextEncoder().encode('Он сказал: «уходи отсюда».\n'.repeat(500)),
        'notes.txt',
        'application/octet-stream',
        'text/plain',
      ],
      [
        new TextEncoder().encode('date,event\n2024-01-01,x\n'),
        'events.csv',
        'text/csv',
        'text/plain',
      ],
    ];
    for (const [bytes, name, declared, type] of cases) {
      const [file] = await upload(bytes, name, declared);
      assert.ok(file, name);
      const opened = await openUpload(blobs, keys, file);
      assert.equal(opened.meta.type, type, name);
      assert.deepEqual(opened.bytes, bytes, name);
    }
  });
});

describe('refusing a file', () => {
  test('a name or declared type that contradicts the content is a mismatch', async () => {
    const cases: [Uint8Array, string, string][] = [
      [pdfBytes(), 'photo.jpg', 'image/jpeg'],
      [pdfBytes(), 'photo', 'image/jpeg'],
      [pdfBytes(), 'photo.jpg', 'application/octet-stream'],
      [exeBytes(), 'statement.pdf', 'application/pdf'],
      [exeBytes(), 'statement.pdf', 'application/octet-stream'],
      [randomBytes(5000), 'voice.ogg', 'audio/ogg'],
      [randomBytes(5000), 'notes.txt', 'text/plain'],
      [await plainPicture('png'), 'report.pdf', 'application/pdf'],
      [new TextEncoder().encode('just text'), 'scan.pdf', 'application/pdf'],
    ];
    for (const [bytes, name, declared] of cases) {
      await assert.rejects(upload(bytes, name, declared), refusedWith('file_type_mismatch', name));
    }
  });

  test('content outside the allowlist is not allowed, however it is named', async () => {
    const tiff = await (
      await import('sharp')
    )
      .default({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
      .tiff()
      .toBuffer();
    const cases: [Uint8Array, string, string][] = [
      [exeBytes(), 'setup.exe', 'application/x-msdownload'],
      [exeBytes(), 'unnamed', 'application/octet-stream'],
      [new Uint8Array(tiff), 'scan.tiff', 'image/tiff'],
      [randomBytes(5000), 'data.bin', 'application/octet-stream'],
      // Text, but active content a browser would run.
      [new TextEncoder().encode('<script>alert(1)</script>'), 'page.html', 'text/html'],
      [
        new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
        'x.svg',
        'image/svg+xml',
      ],
      // Text that does not say it is text.
      [new TextEncoder().encode('plain words'), 'notes', 'application/octet-stream'],
      // Declared text, starts as UTF-8, then turns into binary past the detection window.
      [
        new Uint8Array([...new TextEncoder().encode('a'.repeat(10_000)), 0xff, 0xfe, 0]),
        'log.txt',
        'text/plain',
      ],
      // A PDF whose name claims a program.
      [pdfBytes(), 'invoice.exe', 'application/octet-stream'],
    ];
    for (const [bytes, name, declared] of cases) {
      await assert.rejects(
        upload(bytes, name, declared),
        refusedWith('file_type_not_allowed', name),
      );
    }
  });

  test('an empty file is refused as empty', async () => {
    await assert.rejects(
      upload(new Uint8Array(0), 'empty.pdf', 'application/pdf'),
      refusedWith('file_empty'),
    );
    async function* nothing(): AsyncGenerator<Uint8Array> {}
    await assert.rejects(
      upload(new Uint8Array(0), 'x.txt', 'text/plain', { source: nothing() }),
      refusedWith('file_empty'),
    );
  });

  test('a file over the limit is refused and nothing stays in the store, not even a partial file', async () => {
    const isolated = await tempBlobStore();
    try {
      const big = new Uint8Array([...pdfBytes(), ...randomBytes(2 * MiB)]);
      let readPastLimit = 0;
      async function* counted() {
        for await (const chunk of streamOf(big, [64 * 1024])) {
          readPastLimit += chunk.length;
          yield chunk;
        }
      }
      await assert.rejects(
        storeUploadedFile({
          blobs: isolated,
          organisationPublicKey: keys.publicKey,
          source: counted(),
          fileName: 'big.pdf',
          declaredType: 'application/pdf',
          keepMetadata: false,
          maxBytes: MiB,
        }),
        (error: unknown) => {
          refusedWith('file_too_large')(error);
          assert.equal((error as UploadError).limitBytes, MiB);
          return true;
        },
      );
      assert.ok(readPastLimit <= MiB + 64 * 1024, 'reading stopped at the limit');
      assert.deepEqual(await filesUnder(isolated.root), []);

      // One byte under the limit is fine.
      const fits = big.subarray(0, MiB);
      const [ok] = await storeUploadedFile({
        blobs: isolated,
        organisationPublicKey: keys.publicKey,
        source: streamOf(fits),
        fileName: 'fits.pdf',
        declaredType: 'application/pdf',
        keepMetadata: false,
        maxBytes: MiB,
      });
      assert.ok(ok);
      assert.equal((await filesUnder(isolated.root)).length, 1);
    } finally {
      await isolated.dispose();
    }
  });

  test('a source that breaks mid-file leaves nothing behind', async () => {
    const isolated = await tempBlobStore();
    try {
      async function* breaks() {
        yield pdfBytes();
        yield randomBytes(200_000);
        throw new Error('client went away');
      }
      await assert.rejects(
        storeUploadedFile({
          blobs: isolated,
          organisationPublicKey: keys.publicKey,
          source: breaks(),
          fileName: 'a.pdf',
          declaredType: 'application/pdf',
          keepMetadata: false,
          maxBytes: MiB,
        }),
        /client went away/,
      );
      assert.deepEqual(await filesUnder(isolated.root), []);
    } finally {
      await isolated.dispose();
    }
  });
});

describe('the file name staff see', () => {
  const cases: [string, string][] = [
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\aigerim\\Desktop\\заявление.pdf', 'заявление.pdf'],
    ['/home/user/.hidden.pdf', 'hidden.pdf'],
    ['evil\u0000.pdf', 'evil.pdf'],
    ['line\r\nbreak.pdf', 'linebreak.pdf'],
    // Right-to-left override: would display as "exe.pdf" while ending in "fdp.exe".
    ['invoice\u202Efdp.pdf', 'invoicefdp.pdf'],
    ['..', 'file'],
    ['', 'file'],
    ['   ', 'file'],
  ];
  for (const [sent, shown] of cases) {
    test(`${JSON.stringify(sent)} is shown as ${JSON.stringify(shown)}`, async () => {
      const [file] = await upload(pdfBytes(), sent, 'application/pdf');
      assert.ok(file);
      assert.equal((await openUpload(blobs, keys, file)).meta.name, shown);
    });
  }

  test('a very long name is cut to the limit and keeps its extension and whole characters', async () => {
    const sent = `${'😀'.repeat(300)}.pdf`;
    const [file] = await upload(pdfBytes(), sent, 'application/pdf');
    assert.ok(file);
    const { name } = (await openUpload(blobs, keys, file)).meta;
    assert.ok(name.length <= LIMITS.fileNameChars);
    assert.ok(name.endsWith('.pdf'));
    assert.ok(name.length > LIMITS.fileNameChars - 4, 'cut only as much as needed');
    assert.doesNotMatch(name, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/, 'no broken surrogate pair');
  });
});

/** The first page of an Ogg Vorbis stream: enough for detection. */
function oggHeader(): Uint8Array {
  const bytes = new Uint8Array(200);
  bytes.set(new TextEncoder().encode('OggS'), 0);
  bytes[4] = 0;
  bytes[5] = 2;
  bytes.set(new TextEncoder().encode('\x01vorbis'), 28);
  return bytes;
}
