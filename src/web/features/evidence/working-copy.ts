// The working copy and thumbnail of an image, made in the browser: the original is decoded
// upright (its EXIF orientation applied), drawn on a canvas and encoded again. A canvas
// holds pixels only, so the new file carries no EXIF, GPS position, camera serial, XMP or
// IPTC. The original stays exactly as collected; both are hashed and listed in the item's
// hash manifest.
//
// Some browsers blank or add noise to what a canvas gives back (anti-fingerprinting in
// Tor Browser, Brave, Firefox's resistFingerprinting): a copy made there would be an
// altered picture, which is worse than none for evidence. canvasIsFaithful() checks
// first; when it fails, or the image cannot be decoded, the item keeps its original only.

import { canvasIsFaithful, canvasTools, MAX_CANVAS_PIXELS } from '../../../common/images/canvas.ts';

const QUALITY = 0.92;
/** The longer side of a thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 320;

export class WorkingCopyNotMade extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`working copy not made: ${reason}`);
    this.name = 'WorkingCopyNotMade';
    this.reason = reason;
  }
}

const { newCanvas, encode } = canvasTools((reason) => new WorkingCopyNotMade(reason));

export interface ImageCopy {
  blob: Blob;
  mediaType: string;
  width: number;
  height: number;
}

export interface WorkingCopies {
  working: ImageCopy;
  thumbnail: ImageCopy;
}

/**
 * A working copy in the original's format (PNG where the browser cannot write WebP) and a
 * JPEG thumbnail, both without metadata. Throws WorkingCopyNotMade.
 */
export async function makeWorkingCopies(original: Blob, mediaType: string): Promise<WorkingCopies> {
  if (!(await canvasIsFaithful())) throw new WorkingCopyNotMade('canvas read-back is altered');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(original, { imageOrientation: 'from-image' });
  } catch {
    throw new WorkingCopyNotMade('cannot decode');
  }
  try {
    const { width, height } = bitmap;
    if (width === 0 || height === 0 || width * height > MAX_CANVAS_PIXELS) {
      throw new WorkingCopyNotMade('image too large for a canvas');
    }
    const full = newCanvas(width, height);
    full.context.drawImage(bitmap, 0, 0);
    const lossy = mediaType !== 'image/png';
    const workingBlob = await encode(full.canvas, mediaType, lossy ? QUALITY : undefined);
    const workingType = workingBlob.type || mediaType;
    if (workingType !== mediaType && !(mediaType === 'image/webp' && workingType === 'image/png')) {
      throw new WorkingCopyNotMade(`the browser wrote ${workingType}`);
    }
    const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(width, height));
    const tw = Math.max(1, Math.round(width * scale));
    const th = Math.max(1, Math.round(height * scale));
    const small = newCanvas(tw, th);
    // JPEG has no transparency: a white ground instead of black behind transparent pixels.
    small.context.fillStyle = '#ffffff';
    small.context.fillRect(0, 0, tw, th);
    small.context.imageSmoothingQuality = 'high';
    small.context.drawImage(bitmap, 0, 0, tw, th);
    const thumbBlob = await encode(small.canvas, 'image/jpeg', 0.8);
    return {
      working: { blob: workingBlob, mediaType: workingType, width, height },
      thumbnail: { blob: thumbBlob, mediaType: 'image/jpeg', width: tw, height: th },
    };
  } finally {
    bitmap.close();
  }
}
