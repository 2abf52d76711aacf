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

/** Safari's largest canvas (16 Mi pixels); other browsers allow more, but not all do. */
const MAX_CANVAS_PIXELS = 16_777_216;
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
  if (!context) throw new WorkingCopyNotMade('no 2D canvas');
  return { canvas, context };
}

function encode(canvas: AnyCanvas, type: string, quality?: number): Promise<Blob> {
  if (!(canvas instanceof HTMLCanvasElement)) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new WorkingCopyNotMade('encoding failed'))),
      type,
      quality,
    ),
  );
}

let faithful: Promise<boolean> | undefined;

/** Whether pixels survive a canvas → PNG → decode → canvas round trip unchanged. */
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
