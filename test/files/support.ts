// Shared by the upload tests: real key pairs, real blobs opened the way staff will open
// them, and files made on the spot (sharp for pictures, a tiny ZIP writer for documents).
import { randomFillSync } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import {
  decryptBytes,
  generateBoxKeyPair,
  openSealed,
  type BoxKeyPair,
} from '../../src/common/crypto/index.ts';
import { fileMeta, type FileMeta } from '../../src/common/intake/report.ts';
import type { BlobStore } from '../../src/server/blobs/blob-store.ts';
import type { StoredUpload } from '../../src/server/files/store-upload.ts';

export function organisationKeys(): BoxKeyPair {
  return generateBoxKeyPair();
}

/** Random bytes from node:crypto (libsodium.js is slow for large buffers). */
export function randomBytes(n: number): Uint8Array {
  return randomFillSync(new Uint8Array(n));
}

/** The bytes as a stream of uneven chunks, as a multipart parser would hand them over. */
export async function* streamOf(bytes: Uint8Array, chunkSizes = [1000, 70_000, 3]) {
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = chunkSizes[i % chunkSizes.length] ?? 1000;
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

export async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

export interface OpenedUpload {
  bytes: Uint8Array;
  meta: FileMeta;
  fileKey: Uint8Array;
  envelope: Uint8Array;
}

/** Opens a stored file as a staff member holding the organisation key would. */
export async function openUpload(
  blobs: BlobStore,
  keys: BoxKeyPair,
  stored: StoredUpload,
): Promise<OpenedUpload> {
  const fileKey = openSealed(keys, stored.sealedFileKey);
  const meta = fileMeta.parse(
    JSON.parse(Buffer.from(openSealed(keys, stored.sealedMeta)).toString('utf8')),
  );
  const envelope = await readAll(await blobs.openRead(stored.blobKey));
  return { bytes: decryptBytes(fileKey, envelope), meta, fileKey, envelope };
}

/** Every file under a folder, partial files included. */
export async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

export const GPS = { latitude: 43.25, longitude: 76.95 };

/**
 * A JPEG as a phone writes it: camera make and model, GPS position (Almaty), and an
 * orientation tag saying the pixels must be turned 90° to be seen upright.
 */
export async function phonePhoto(format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<Uint8Array> {
  const image = sharp({
    create: { width: 80, height: 40, channels: 3, background: { r: 200, g: 30, b: 90 } },
  })
    .toFormat(format)
    .withExif({
      IFD0: { Make: 'TestMake', Model: 'TestModel' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '43/1 15/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '76/1 57/1 0/1',
      },
    })
    // withExif cannot set Orientation (sharp writes its own); withMetadata can.
    .withMetadata({ orientation: 6 });
  return new Uint8Array(await image.toBuffer());
}

/** A plain picture without metadata. */
export async function plainPicture(format: 'jpeg' | 'png' | 'webp' | 'gif'): Promise<Uint8Array> {
  const image = sharp({
    create: { width: 16, height: 16, channels: 3, background: { r: 10, g: 120, b: 40 } },
  });
  return new Uint8Array(await image.toFormat(format).toBuffer());
}

/** A small but well-formed PDF. */
export function pdfBytes(): Uint8Array {
  return new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  );
}

/** The start of a Windows program: "MZ" then padding. */
export function exeBytes(): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set([0x4d, 0x5a]);
  return bytes;
}

/** A ZIP with uncompressed entries; a DOCX is one with the right [Content_Types].xml. */
export function zipOf(entries: Record<string, string>): Uint8Array {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBytes.length, 26);
    local.push(head, nameBytes, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBytes);
    offset += head.length + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...local, centralBytes, end]));
}

export function docxBytes(): Uint8Array {
  return zipOf({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml': '<w:document/>',
  });
}

/**
 * An iPhone-style HEIC (HEVC) photo with camera make/model and GPS EXIF, 64×48 pixels.
 * Made once with libheif's heif-enc from a sharp-made JPEG carrying that EXIF; kept here
 * because nothing in node_modules can encode HEVC.
 */
export const HEIC_WITH_GPS = Buffer.from(
  'AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAeFtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAACAAAAEGlkYXQAAAAAAEAAMAAAAExpbG9jAQAAAERAAAMAAQAAAAAAAAIFAAEAAAAAAAAAHAACAAEAAAAAAAAAAQAAAAAAAAAIAAMAAAAAAAACIQABAAAAAAAAAVYAAABNaWluZgAAAAAAAwAAABVpbmZlAgAAAQABAABodmMxAAAAABVpbmZlAgAAAAACAABncmlkAAAAABVpbmZlAgAAAQADAABFeGlmAAAAANVpcHJwAAAAs2lwY28AAABzaHZjQwEDcAAAAAAAAAAAAB7wAPz9+PgAAA8DIAABABhAAQwB//8DcAAAAwCQAAADAAADAB66AkAhAAEAJ0IBAQNwAAADAJAAAAMAAAMAHqAggQWW6uSmubAgAAADACAAAAMAISIAAQAGRAHBc8CJAAAAFGlzcGUAAAAAAAAAQAAAAEAAAAAUaXNwZQAAAAAAAABAAAAAMAAAABBwaXhpAAAAAAMICAgAAAAaaXBtYQAAAAAAAAACAAECgQIAAgIDhAAAAChpcmVmAAAAAAAAAA5kaW1nAAIAAQABAAAADmNkc2MAAwABAAIAAAF6bWRhdAAAABgoAa8TgPgQ4af/+xKiuPPD7uzr86KQz4AAAAAASUkqAAgAAAAJAA8BAgAJAAAAlAAAABABAgAKAAAAigAAABIBAwABAAAAAQAAABoBBQABAAAAegAAABsBBQABAAAAggAAACgBAwABAAAAAgAAABMCAwABAAAAAQAAAGmHBAABAAAAngAAACWIBAABAAAA7AAAAAAAAAA4YwAA6AMAADhjAADoAwAAVGVzdE1vZGVsAFRlc3RNYWtlAAAGAACQBwAEAAAAMDIxMAGRBwAEAAAAAQIDAACgBwAEAAAAMDEwMAGgAwABAAAA//8AAAKgBAABAAAAQAAAAAOgBAABAAAAMAAAAAAAAAAEAAEAAgACAAAATgAAAAIABQADAAAAOgEAAAMAAgACAAAARQAAAAQABQADAAAAIgEAAAAAAABMAAAAAQAAADkAAAABAAAAAAAAAAEAAAArAAAAAQAAAA8AAAABAAAAAAAAAAEAAAA=',
  'base64',
);
