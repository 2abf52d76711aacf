// The working copy of a photo, made in the browser: decoded upright (EXIF orientation
// applied), drawn on a canvas and encoded again. The new file has pixels only: no EXIF,
// no GPS position, no phone make or model, no XMP.
//
// Some browsers protect against fingerprinting by blanking or adding noise to what a canvas
// gives back (Tor Browser, Brave, Firefox with resistFingerprinting). A working copy made
// there would be a blank or altered picture, so canvasIsFaithful() checks first; when it
// fails, or a photo cannot be decoded here (HEIC outside Safari, a canvas larger than the
// browser allows), the caller lets the server make the copy instead.
import type { PhotoFormat } from './file-types.ts';

/** The working copy could not be made in this browser; the server can make it. */
export class PhotoNotProcessed extends Error {
  constructor(reason: string) {
    super(`photo not processed in the browser: ${reason}`);
    this.name = 'PhotoNotProcessed';
  }
}

/** Safari's largest canvas (16 Mi pixels); other browsers allow more, but not all do. */
const MAX_CANVAS_PIXELS = 16_777_216;
const QUALITY = 0.92;

type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function newCanvas(width: number, height: number): { canvas: AnyCanvas; context: Context2D } {
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (context) return { canvas, context };
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new PhotoNotProcessed('no 2D canvas');
  return { canvas, context };
}

function encode(canvas: AnyCanvas, type: string, quality?: number): Promise<Blob> {
  if (!(canvas instanceof HTMLCanvasElement)) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new PhotoNotProcessed('encoding failed'))),
      type,
      quality,
    ),
  );
}

let faithful: Promise<boolean> | undefined;

/**
 * Whether pixels survive a canvas → PNG → decode → canvas round trip unchanged. A browser
 * that blanks or randomises canvas read-back fails this.
 */
export function canvasIsFaithful(): Promise<boolean> {
  faithful ??= (async () => {
    const size = 16;
    const pattern = new Uint8ClampedArray(size * size * 4);
    for (let i = 0; i < size * size; i++) {
      pattern.set([(i * 37) % 256, (i * 91 + 17) % 256, (i * 53 + 101) % 256, 255], i * 4);
    }
    const first = newCanvas(size, size);
    first.context.putImageData(new ImageData(pattern, size, size), 0, 0);
    const png = await encode(first.canvas, 'image/png');
    const bitmap = await createImageBitmap(png, { colorSpaceConversion: 'none' });
    const second = newCanvas(size, size);
    second.context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const back = second.context.getImageData(0, 0, size, size).data;
    return back.every((value, i) => value === pattern[i]);
  })().catch(() => false);
  return faithful;
}

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
