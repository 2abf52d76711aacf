// The working copy of a photo, made in the browser: decoded upright (EXIF orientation
// applied), drawn on a canvas and encoded again. The new file has pixels only: no EXIF,
// no GPS position, no phone make or model, no XMP.
//
// Some browsers protect against fingerprinting by blanking or adding noise to what a canvas
// gives back (Tor Browser, Brave, Firefox with resistFingerprinting). A working copy made
// there would be a blank or altered picture, so canvasIsFaithful() checks first; when it
// fails, or a photo cannot be decoded here (HEIC outside Safari, a canvas larger than the
// browser allows), the caller lets the server make the copy instead.
import { canvasIsFaithful, canvasTools, MAX_CANVAS_PIXELS } from '../common/images/canvas.ts';
import type { PhotoFormat } from './file-types.ts';

/** The working copy could not be made in this browser; the server can make it. */
export class PhotoNotProcessed extends Error {
  constructor(reason: string) {
    super(`photo not processed in the browser: ${reason}`);
    this.name = 'PhotoNotProcessed';
  }
}

const QUALITY = 0.92;
const { newCanvas, encode } = canvasTools((reason) => new PhotoNotProcessed(reason));

const MIME: Record<PhotoFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

/**
 * Re-encodes a photo without its metadata. The result's type is the asked format's, or
 * PNG where the browser cannot write WebP (Safari). Throws PhotoNotProcessed.
 */
export async function stripPhoto(photo: Blob, format: PhotoFormat): Promise<Blob> {
  if (!(await canvasIsFaithful())) throw new PhotoNotProcessed('canvas read-back is altered');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoNotProcessed('cannot decode');
  }
  let blob: Blob;
  try {
    const { width, height } = bitmap;
    if (width === 0 || height === 0 || width * height > MAX_CANVAS_PIXELS) {
      throw new PhotoNotProcessed('canvas too large');
    }
    const { canvas, context } = newCanvas(width, height);
    context.drawImage(bitmap, 0, 0);
    blob = await encode(canvas, MIME[format], format === 'png' ? undefined : QUALITY);
  } finally {
    bitmap.close();
  }
  if (blob.type === MIME[format] || (format === 'webp' && blob.type === MIME.png)) return blob;
  throw new PhotoNotProcessed(`the browser wrote ${blob.type || 'nothing'}`);
}
