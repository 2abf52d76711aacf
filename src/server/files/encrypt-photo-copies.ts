// A photo's working copy is decoded and re-encoded by sharp, which writes pixels only:
// EXIF (GPS position, camera make and model, serial numbers, time), XMP, IPTC, comments
// and ICC profiles are all left behind. EXIF orientation is applied to the pixels first
// so the photo still looks right. The untouched original is kept only when the reporter
// asked for it, as evidence.
//
// The plaintext is fed through sharp as a stream while, in the same pass, it is encrypted
// into the original's blob; sharp's output is encrypted into the working copy's blob. If
// either side fails, the other is stopped and both partial blobs are removed by the store.
import type { Writable } from 'node:stream';
import type { Sharp } from 'sharp';
import type { BlobStore } from '../blobs/blob-store.ts';
import { capBytes } from './byte-streams.ts';
import { encryptIntoBlob, type EncryptedBlob } from './encrypt-into-blob.ts';
import type { PhotoFormat } from './file-types.ts';
import { UploadError } from './upload-error.ts';

/**
 * Photos above this size are refused. sharp collects a streamed input in memory before it
 * decodes, so this bounds the memory one upload can take (plus the decoded pixels).
 */
export const PHOTO_MAX_BYTES = 50 * 1024 * 1024;
/** 100 megapixels: above any phone camera's normal mode; about 300 MB of decoded RGB. */
export const PHOTO_MAX_PIXELS = 100_000_000;

export interface PhotoCopies {
  working: EncryptedBlob;
  original: EncryptedBlob | null;
}

export async function encryptPhotoCopies(options: {
  blobs: BlobStore;
  /** The photo's plaintext bytes, from the start. */
  plaintext: AsyncIterable<Uint8Array>;
  /** The format of the working copy. */
  format: PhotoFormat;
  /** Store the untouched original too. */
  keepOriginal: boolean;
  /** Refuse (file_too_large) past this many bytes. */
  maxBytes: number;
}): Promise<PhotoCopies> {
  const { blobs, format, keepOriginal } = options;
  const stripper = await createStripper(format);
  // Errors reach the working copy's reader through the stream itself.
  stripper.on('error', () => {});
  // The failure to report: a source error, a size cap or sharp's own, never the knock-on
  // failure of the other side after it was stopped.
  let rootCause: unknown = null;
  let stoppedByUs = false;
  const stopStripper = () => {
    stoppedByUs = true;
    if (!stripper.destroyed) stripper.destroy(new Stopped());
  };
  const stripperFailure = () => {
    if (stoppedByUs) return new Stopped();
    // sharp could not decode it: never fall back to storing the photo un-stripped.
    rootCause ??= new UploadError('image_unreadable');
    return rootCause;
  };

  async function* feed(): AsyncGenerator<Uint8Array> {
    let completed = false;
    try {
      for await (const chunk of capBytes(options.plaintext, options.maxBytes)) {
        try {
          await writeWithBackpressure(stripper, chunk);
        } catch {
          throw stripperFailure();
        }
        yield chunk;
      }
      stripper.end();
      completed = true;
    } catch (error) {
      if (!(error instanceof Stopped)) rootCause ??= error;
      throw error;
    } finally {
      // Also reached when the original's writer stopped reading (a disk write failed).
      if (!completed) stopStripper();
    }
  }

  async function* stripped(): AsyncGenerator<Uint8Array> {
    let completed = false;
    try {
      for await (const chunk of stripper as AsyncIterable<Uint8Array>) yield chunk;
      completed = true;
    } catch {
      throw stripperFailure();
    } finally {
      // The working copy's writer stopped reading: what the feed sees next is not sharp's fault.
      if (!completed) stoppedByUs = true;
    }
  }

  const originalTask = keepOriginal
    ? encryptIntoBlob({ blobs, plaintext: feed() })
    : drain(feed()).then(() => null);
  const workingTask = encryptIntoBlob({ blobs, plaintext: stripped() });
  const [original, working] = await Promise.allSettled([originalTask, workingTask]);

  if (original.status === 'fulfilled' && working.status === 'fulfilled') {
    return { working: working.value, original: original.value };
  }
  // All or nothing: a copy that was written is removed when the other one failed.
  const written = [original, working].flatMap((result) =>
    result.status === 'fulfilled' && result.value ? [result.value.blobKey] : [],
  );
  await Promise.allSettled(written.map((key) => blobs.delete(key)));
  const failures = [original, working].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  throw rootCause ?? failures.find((error) => !(error instanceof Stopped)) ?? failures[0];
}

/** One side of the pipeline stopped because the other one failed. */
class Stopped extends Error {
  constructor() {
    super('stopped: the other copy failed');
    this.name = 'Stopped';
  }
}

async function createStripper(format: PhotoFormat): Promise<Sharp> {
  // Loaded on the first photo: libvips costs a server that receives none about 10 MB.
  const { default: sharp } = await import('sharp');
  const image = sharp({
    // Lenient on damaged-but-decodable photos (evidence is often re-saved and cut short):
    // whatever decodes is re-encoded, so leniency never lets metadata through.
    failOn: 'error',
    limitInputPixels: PHOTO_MAX_PIXELS,
    sequentialRead: true,
  }).rotate();
  // No withMetadata/keepExif/keepIccProfile: sharp's default output carries no metadata.
  if (format === 'png') return image.png();
  if (format === 'webp') return image.webp({ quality: 90 });
  return image.jpeg({ quality: 90 });
}

async function drain(source: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _chunk of source) {
    // Only sharp needs the bytes.
  }
}

/** Writes one chunk, waiting for 'drain' when the stream asks; rejects if it fails or closes. */
function writeWithBackpressure(stream: Writable, chunk: Uint8Array): Promise<void> {
  if (stream.destroyed) return Promise.reject(stream.errored ?? new Error('stream closed'));
  if (stream.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(stream.errored ?? new Error('stream closed'));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
