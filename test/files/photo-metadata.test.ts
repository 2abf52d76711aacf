// A phone photo says where it was taken and on which phone. Staff open the working copy,
// so it must carry neither; the reporter may ask to keep the untouched original as
// evidence, and then that original must be exactly what they sent.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import exifr from 'exifr';
import sharp from 'sharp';
import { loadSodium } from '../../src/common/crypto/index.ts';
import type { BlobStore } from '../../src/server/blobs/blob-store.ts';
import { storeUploadedFile, UploadError } from '../../src/server/files/store-upload.ts';
import { tempBlobStore } from '../helpers/blobs.ts';
import {
  filesUnder,
  GPS,
  HEIC_WITH_GPS,
  organisationKeys,
  openUpload,
  phonePhoto,
  randomBytes,
  streamOf,
} from './support.ts';

await loadSodium();

const keys = organisationKeys();
let blobs: Awaited<ReturnType<typeof tempBlobStore>>;
before(async () => {
  blobs = await tempBlobStore();
});
after(async () => {
  await blobs.dispose();
});

function upload(bytes: Uint8Array, fileName: string, declaredType: string, keepMetadata: boolean) {
  return storeUploadedFile({
    blobs,
    organisationPublicKey: keys.publicKey,
    source: streamOf(bytes, [512, 4096, 7]),
    fileName,
    declaredType,
    keepMetadata,
    maxBytes: 10 * 1024 * 1024,
  });
}

const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  xmp: true,
  iptc: true,
  icc: true,
  ifd1: true,
  interop: true,
  mergeOutput: true,
};

/**
 * Everything exifr can find (EXIF, GPS, XMP, IPTC, ICC), or an empty object. exifr cannot
 * open WebP, so the EXIF block sharp finds in any format is read as well.
 */
async function metadataOf(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const described = await sharp(bytes).metadata();
  const fromFile: unknown =
    described.format === 'webp' ? undefined : await exifr.parse(Buffer.from(bytes), EXIFR_OPTIONS);
  const fromBlock = described.exif ? await exifBlockData(described.exif) : {};
  return { ...((fromFile ?? {}) as object), ...fromBlock };
}

/** An EXIF block as sharp returns it: TIFF data, sometimes behind an "Exif\0\0" marker. */
async function exifBlockData(block: Buffer): Promise<Record<string, unknown>> {
  const tiff = block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
  const found: unknown = await exifr.parse(tiff, EXIFR_OPTIONS);
  return (found ?? {}) as Record<string, unknown>;
}

function assertCarriesGpsAndCamera(found: Record<string, unknown>, what: string) {
  assert.equal(found.Make, 'TestMake', `${what}: camera make`);
  assert.equal(found.Model, 'TestModel', `${what}: camera model`);
  assert.ok(Math.abs(Number(found.latitude) - GPS.latitude) < 1e-6, `${what}: GPS latitude`);
  assert.ok(Math.abs(Number(found.longitude) - GPS.longitude) < 1e-6, `${what}: GPS longitude`);
}

async function assertCarriesNoMetadata(bytes: Uint8Array) {
  const found = await metadataOf(bytes);
  assert.equal(found.latitude, undefined, 'no GPS latitude');
  assert.equal(found.GPSLatitude, undefined, 'no GPS tags');
  assert.equal(found.Make, undefined, 'no camera make');
  assert.equal(found.Model, undefined, 'no camera model');
  const described = await sharp(bytes).metadata();
  assert.equal(described.exif, undefined, 'no EXIF block at all');
  assert.equal(described.xmp, undefined, 'no XMP block');
  assert.equal(described.iptc, undefined, 'no IPTC block');
}

/** A 1600×1200 JPEG of noise: well over a megabyte, like a real camera photo. */
async function cameraPhoto(): Promise<Uint8Array> {
  const noise = randomBytes(1600 * 1200 * 3);
  const image = sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } })
    .jpeg({ quality: 95 })
    .withExif({ IFD0: { Make: 'TestMake', Model: 'TestModel' } });
  return new Uint8Array(await image.toBuffer());
}

describe('photo metadata', () => {
  for (const format of ['jpeg', 'png', 'webp'] as const) {
    test(`a ${format.toUpperCase()} working copy has no GPS and no camera, and is turned upright`, async () => {
      const photo = await phonePhoto(format);
      // Without this the test would prove nothing: the fixture really carries the data.
      assertCarriesGpsAndCamera(await metadataOf(photo), 'fixture');

      const stored = await upload(photo, `IMG_0001.${format}`, `image/${format}`, false);
      assert.equal(stored.length, 1, 'the original is not kept unless asked');
      const [working] = stored;
      assert.ok(working);
      assert.equal(working.role, 'working');
      const opened = await openUpload(blobs, keys, working);

      await assertCarriesNoMetadata(opened.bytes);
      const described = await sharp(opened.bytes).metadata();
      assert.equal(described.format, format);
      // Orientation 6 on an 80×40 image: upright it is 40 wide, 80 tall.
      assert.deepEqual([described.width, described.height], [40, 80]);
      assert.equal(described.orientation, undefined);
      assert.deepEqual(opened.meta, {
        name: `IMG_0001.${format}`,
        type: `image/${format}`,
        size: opened.bytes.length,
        sha256: createHash('sha256').update(opened.bytes).digest('hex'),
        metadataRemoved: true,
      });
    });
  }

  test('XMP and ICC data are removed too', async () => {
    const photo = new Uint8Array(
      await sharp(await phonePhoto('jpeg'))
        .keepExif()
        .withXmp(
          '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
            '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="43,15.0N"/>' +
            '</rdf:RDF></x:xmpmeta>',
        )
        .withIccProfile('p3')
        .toBuffer(),
    );
    const before = await sharp(photo).metadata();
    assert.ok(before.xmp && before.icc && before.exif, 'the fixture has XMP, ICC and EXIF');

    const [working] = await upload(photo, 'x.jpg', 'image/jpeg', false);
    assert.ok(working);
    const opened = await openUpload(blobs, keys, working);
    await assertCarriesNoMetadata(opened.bytes);
    assert.equal((await sharp(opened.bytes).metadata()).icc, undefined, 'no ICC profile');
  });

  test('asked to keep metadata: the original is stored too, byte for byte, with its GPS', async () => {
    const photo = await phonePhoto('jpeg');
    const stored = await upload(photo, 'IMG_0002.JPG', 'image/jpeg', true);
    assert.equal(stored.length, 2);
    const [working, original] = stored;
    assert.ok(working && original);
    assert.equal(working.role, 'working');
    assert.equal(working.originalOf, null);
    assert.equal(original.role, 'original');
    assert.equal(original.originalOf, 0);
    assert.notEqual(working.blobKey, original.blobKey);

    const openedWorking = await openUpload(blobs, keys, working);
    await assertCarriesNoMetadata(openedWorking.bytes);
    assert.equal(openedWorking.meta.metadataRemoved, true);

    const openedOriginal = await openUpload(blobs, keys, original);
    assert.deepEqual(openedOriginal.bytes, photo);
    assertCarriesGpsAndCamera(await metadataOf(openedOriginal.bytes), 'original');
    assert.deepEqual(openedOriginal.meta, {
      name: 'IMG_0002.JPG',
      type: 'image/jpeg',
      size: photo.length,
      sha256: createHash('sha256').update(photo).digest('hex'),
      metadataRemoved: false,
    });
    // Separate keys: handing out one copy's key does not open the other.
    assert.notDeepEqual(openedWorking.fileKey, openedOriginal.fileKey);
  });

  test('a ".jpg" that is really a PNG is still a picture: stripped, stored as PNG', async () => {
    const photo = await phonePhoto('png');
    const [working] = await upload(photo, 'saved.jpg', 'image/jpeg', false);
    assert.ok(working);
    const opened = await openUpload(blobs, keys, working);
    assert.equal(opened.meta.type, 'image/png');
    await assertCarriesNoMetadata(opened.bytes);
  });

  test('a camera-sized photo streams through in many chunks; both copies come out whole', async () => {
    const photo = await cameraPhoto();
    assert.ok(photo.length > 1024 * 1024, 'more than a megabyte, so many stream chunks');
    const stored = await storeUploadedFile({
      blobs,
      organisationPublicKey: keys.publicKey,
      source: streamOf(photo, [65_536, 1_000, 300_000]),
      fileName: 'big.jpg',
      declaredType: 'image/jpeg',
      keepMetadata: true,
      maxBytes: 10 * 1024 * 1024,
    });
    const [working, original] = stored;
    assert.ok(working && original);
    const openedOriginal = await openUpload(blobs, keys, original);
    assert.deepEqual(openedOriginal.bytes, photo);
    const openedWorking = await openUpload(blobs, keys, working);
    const described = await sharp(openedWorking.bytes).metadata();
    assert.deepEqual([described.width, described.height], [1600, 1200]);
    assert.equal(described.exif, undefined);
  });

  test('a photo whose upload breaks off leaves nothing, even when the original was to be kept', async () => {
    const isolated = await tempBlobStore();
    try {
      const photo = await cameraPhoto();
      // Past type detection, into the middle of the stream through sharp.
      async function* breaksOff() {
        for (let at = 0; at < 500_000; at += 50_000) yield photo.subarray(at, at + 50_000);
        throw new Error('connection reset');
      }
      await assert.rejects(
        storeUploadedFile({
          blobs: isolated,
          organisationPublicKey: keys.publicKey,
          source: breaksOff(),
          fileName: 'photo.jpg',
          declaredType: 'image/jpeg',
          keepMetadata: true,
          maxBytes: 1024 * 1024,
        }),
        /connection reset/,
      );
      assert.deepEqual(await filesUnder(isolated.root), []);
    } finally {
      await isolated.dispose();
    }
  });

  for (const failing of ['original', 'working'] as const) {
    test(`when writing the ${failing} copy fails, the other copy is removed and the disk error reported`, async () => {
      const isolated = await tempBlobStore();
      try {
        const photo = await cameraPhoto();
        // The original's write starts first, the working copy's second.
        const failingCall = failing === 'original' ? 0 : 1;
        let calls = 0;
        // Everything but put is the isolated store's own.
        const store: BlobStore = Object.assign(Object.create(isolated) as BlobStore, {
          async put(key: string, chunks: AsyncIterable<Uint8Array>) {
            if (calls++ !== failingCall) return isolated.put(key, chunks);
            // As a full disk does: the writer stops reading part-way and throws.
            let seen = 0;
            for await (const _chunk of chunks) if (++seen > 3) break;
            throw new Error('ENOSPC: no space left on device');
          },
        });
        await assert.rejects(
          storeUploadedFile({
            blobs: store,
            organisationPublicKey: keys.publicKey,
            source: streamOf(photo, [65_536]),
            fileName: 'photo.jpg',
            declaredType: 'image/jpeg',
            keepMetadata: true,
            maxBytes: 10 * 1024 * 1024,
          }),
          /ENOSPC/,
        );
        assert.deepEqual(await filesUnder(isolated.root), []);
      } finally {
        await isolated.dispose();
      }
    });
  }

  test('a photo sharp cannot read is refused, and nothing is stored (not even the asked-for original)', async () => {
    const isolated = await tempBlobStore();
    try {
      const broken = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(20_000)]);
      for (const keepMetadata of [false, true]) {
        await assert.rejects(
          storeUploadedFile({
            blobs: isolated,
            organisationPublicKey: keys.publicKey,
            source: streamOf(broken),
            fileName: 'photo.jpg',
            declaredType: 'image/jpeg',
            keepMetadata,
            maxBytes: 1024 * 1024,
          }),
          (error: unknown) => error instanceof UploadError && error.code === 'image_unreadable',
        );
      }
      assert.deepEqual(await filesUnder(isolated.root), []);
    } finally {
      await isolated.dispose();
    }
  });

  test('an iPhone HEIC photo never reaches staff with its GPS: stripped if decodable, refused if not', async () => {
    const exif = (await sharp(HEIC_WITH_GPS).metadata()).exif;
    assert.ok(exif, 'the fixture carries EXIF');
    assertCarriesGpsAndCamera(await exifBlockData(exif), 'HEIC fixture');

    const isolated = await tempBlobStore();
    try {
      // The prebuilt sharp has no HEVC decoder (patents); a libvips built with libde265 has one.
      const decodable = await sharp(HEIC_WITH_GPS)
        .toBuffer()
        .then(() => true)
        .catch(() => false);
      const attempt = storeUploadedFile({
        blobs: isolated,
        organisationPublicKey: keys.publicKey,
        source: streamOf(new Uint8Array(HEIC_WITH_GPS)),
        fileName: 'IMG_0003.HEIC',
        declaredType: 'image/heic',
        keepMetadata: true,
        maxBytes: 1024 * 1024,
      });
      if (!decodable) {
        await assert.rejects(
          attempt,
          (error: unknown) => error instanceof UploadError && error.code === 'image_unreadable',
        );
        assert.deepEqual(await filesUnder(isolated.root), []);
        return;
      }
      const [working] = await attempt;
      assert.ok(working);
      const opened = await openUpload(isolated, keys, working);
      assert.equal(opened.meta.type, 'image/jpeg');
      assert.equal(opened.meta.name, 'IMG_0003.jpg');
      await assertCarriesNoMetadata(opened.bytes);
    } finally {
      await isolated.dispose();
    }
  });

  test('a small file claiming a huge picture (a decompression bomb) is refused before decoding', async () => {
    const isolated = await tempBlobStore();
    try {
      const bomb = Uint8Array.from(await plainJpeg());
      // Rewrite the frame header (SOF0: FF C0, length, precision, height, width) to
      // 12000×10000: 120 megapixels, over our cap though under sharp's own default limit.
      const sof = bomb.findIndex((byte, i) => byte === 0xff && bomb[i + 1] === 0xc0);
      assert.ok(sof > 0, 'the JPEG has a baseline frame header');
      new DataView(bomb.buffer).setUint16(sof + 5, 10_000);
      new DataView(bomb.buffer).setUint16(sof + 7, 12_000);
      assert.equal((await sharp(bomb).metadata()).width, 12_000);
      await assert.rejects(
        storeUploadedFile({
          blobs: isolated,
          organisationPublicKey: keys.publicKey,
          source: streamOf(bomb),
          fileName: 'bomb.jpg',
          declaredType: 'image/jpeg',
          keepMetadata: true,
          maxBytes: 1024 * 1024,
        }),
        (error: unknown) => error instanceof UploadError && error.code === 'image_unreadable',
      );
      assert.deepEqual(await filesUnder(isolated.root), []);
    } finally {
      await isolated.dispose();
    }
  });

  test('a photo over the photo cap is refused with that cap, and nothing is stored', async () => {
    const isolated = await tempBlobStore();
    try {
      const photo = await phonePhoto('jpeg');
      await assert.rejects(
        storeUploadedFile({
          blobs: isolated,
          organisationPublicKey: keys.publicKey,
          source: streamOf(photo, [100]),
          fileName: 'photo.jpg',
          declaredType: 'image/jpeg',
          keepMetadata: true,
          maxBytes: photo.length - 1,
        }),
        (error: unknown) =>
          error instanceof UploadError &&
          error.code === 'file_too_large' &&
          error.limitBytes === photo.length - 1,
      );
      assert.deepEqual(await filesUnder(isolated.root), []);
    } finally {
      await isolated.dispose();
    }
  });
});

async function plainJpeg(): Promise<Uint8Array> {
  const image = sharp({
    create: { width: 32, height: 32, channels: 3, background: { r: 1, g: 2, b: 3 } },
  });
  return new Uint8Array(await image.jpeg().toBuffer());
}
