// Small tests of what the staff app decides about a file before it is encrypted: its type
// from the content (never the name), a name or claimed type that contradicts it, and the
// cleaned name sealed with it and used for downloads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import {
  cleanFileName,
  extensionOf,
  FILE_NAME_CHARS,
  replaceExtension,
} from '../../src/common/evidence/file-name.ts';
import { configure, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import {
  detectFileType,
  looksLikeText,
  WORKING_COPY_TYPES,
} from '../../src/web/features/evidence/detect.ts';

const png = await sharp({
  create: { width: 4, height: 4, channels: 3, background: '#000' },
})
  .png()
  .toBuffer();
const jpeg = await sharp({
  create: { width: 4, height: 4, channels: 3, background: '#fff' },
})
  .jpeg()
  .toBuffer();
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

const detect = (bytes: Uint8Array, name: string, type = '') =>
  detectFileType(bytes, name, type, bytes.length);

describe('evidence file type detection', () => {
  test('the type comes from the content, whatever the name says', async () => {
    assert.deepEqual(await detect(png, 'photo.png', 'image/png'), {
      mediaType: 'image/png',
      detectedExtension: 'png',
      declaredType: 'image/png',
      mismatch: false,
    });
    const renamed = await detect(png, 'statement.pdf', 'application/pdf');
    assert.equal(renamed.mediaType, 'image/png');
    assert.equal(renamed.mismatch, true);
    assert.equal(renamed.declaredType, 'application/pdf');
    assert.equal((await detect(jpeg, 'IMG_1.JPEG')).mismatch, false, 'jpeg and jpg are one type');
    assert.equal((await detect(jpeg, 'IMG_1.jpg', 'image/jpeg')).mismatch, false);
    assert.equal((await detect(pdf, 'арыз.pdf')).mediaType, 'application/pdf');
    assert.equal((await detect(pdf, 'арыз.pdf')).mismatch, false);
  });

  test('a name without an extension, or an unknown one, claims nothing', async () => {
    assert.equal((await detect(png, 'scan')).mismatch, false);
    assert.equal((await detect(png, 'scan.xyz')).mismatch, false);
    assert.equal((await detect(png, 'scan', 'application/pdf')).mismatch, true);
  });

  test('text is recognised as text, and a text name on binary content is a mismatch', async () => {
    const text = Buffer.from('Полиция арызды тіркемеді.\nСвидетель: Айгүл.\n');
    assert.equal((await detect(text, 'note.txt')).mediaType, 'text/plain');
    assert.equal((await detect(text, 'note.txt')).mismatch, false);
    assert.equal((await detect(text, 'note')).mismatch, false);
    assert.equal((await detect(png, 'note.txt')).mismatch, true);
    // A text file named as a photo: the photo's signature is missing.
    const fake = await detect(text, 'photo.jpg', 'image/jpeg');
    assert.equal(fake.mediaType, 'text/plain');
    assert.equal(fake.mismatch, true);
  });

  test('unknown binary content is octet-stream, a mismatch only when the name promises a format', async () => {
    const noise = new Uint8Array(512).map((_, i) => (i * 131 + 7) % 256);
    noise[0] = 0;
    assert.equal((await detect(noise, 'recording.bin')).mediaType, 'application/octet-stream');
    assert.equal((await detect(noise, 'recording.bin')).mismatch, false);
    assert.equal((await detect(noise, 'video.mp4')).mismatch, true);
  });

  test('a head cut inside a multi-byte letter still reads as text', () => {
    const bytes = Buffer.from('Әсем қорқытылды');
    assert.equal(looksLikeText(bytes.subarray(0, 5), true), true);
    assert.equal(looksLikeText(bytes.subarray(0, 5), false), false, 'unless it is the whole file');
    assert.equal(looksLikeText(Buffer.from([0x41, 0x00, 0x42]), false), false, 'NUL is binary');
  });
});

describe('evidence file names', () => {
  test('only the last path part survives, without controls or bidi overrides', () => {
    assert.equal(cleanFileName('C:\\Users\\a\\Desktop\\photo.jpg'), 'photo.jpg');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('IMG_0042\u202egpj.exe'), 'IMG_0042gpj.exe');
    assert.equal(cleanFileName('a\u0000b.txt'), 'ab.txt');
    assert.equal(cleanFileName('.hidden'), 'hidden');
    assert.equal(cleanFileName('..'), 'file');
    assert.equal(cleanFileName('', 'evidence-1'), 'evidence-1');
    assert.equal(cleanFileName('what?<>:"|*.pdf'), 'what_______.pdf');
    assert.equal(cleanFileName('report. . .'), 'report');
    assert.equal(cleanFileName('Әсем.jpg'.normalize('NFD')), 'Әсем.jpg');
  });

  test('a long name is cut keeping its extension, never inside a letter', () => {
    const long = `${'қ'.repeat(300)}.jpg`;
    const cut = cleanFileName(long);
    assert.equal(cut.length, FILE_NAME_CHARS);
    assert.ok(cut.endsWith('.jpg'));
    const emoji = cleanFileName(`${'😀'.repeat(150)}.png`);
    assert.ok(emoji.length <= FILE_NAME_CHARS);
    assert.ok(emoji.endsWith('😀.png'), 'no half surrogate pair');
    assert.equal(extensionOf('archive.TAR.GZ'), 'gz');
    assert.equal(replaceExtension('photo.heic', 'jpg'), 'photo.jpg');
  });
});

describe('an archive uploaded as evidence', () => {
  test('a zip bomb is recognised as a ZIP from its first bytes and never expanded', async () => {
    configure({ useWebWorkers: false });
    // 256 MiB of zeros behind an entry name that OOXML detection looks inside.
    const total = 256 * 1024 * 1024;
    let sent = 0;
    const zeros = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        controller.enqueue(new Uint8Array(1024 * 1024));
        sent += 1024 * 1024;
      },
    });
    const writer = new ZipWriter(new Uint8ArrayWriter());
    await writer.add('[Content_Types].xml', zeros, { level: 9 });
    const bomb = await writer.close();
    assert.ok(bomb.length < total / 100, 'the archive is a bomb: over 100 times smaller inflated');

    const before = process.memoryUsage();
    const head = bomb.subarray(0, 64 * 1024);
    const found = await detectFileType(head, 'photos.zip', 'application/zip', bomb.length);
    const after = process.memoryUsage();
    assert.equal(found.mediaType, 'application/zip');
    assert.equal(found.mismatch, false);
    // Expanding even one entry would allocate hundreds of MB.
    assert.ok(
      after.arrayBuffers - before.arrayBuffers < 32 * 1024 * 1024,
      `detection allocated ${after.arrayBuffers - before.arrayBuffers} bytes`,
    );
    assert.ok(!WORKING_COPY_TYPES.has(found.mediaType), 'an archive gets no working copy');
  });
});
