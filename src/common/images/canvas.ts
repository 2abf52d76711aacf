// Re-encoding pictures through a canvas in the browser, shared by the public report form
// (a reporter's photo) and the staff app (an evidence working copy). A canvas holds pixels
// only, so what it encodes carries no EXIF, GPS position, camera serial, XMP or IPTC.
//
// Some browsers blank or add noise to what a canvas gives back (anti-fingerprinting in
// Tor Browser, Brave, Firefox's resistFingerprinting): a copy made there would be an
// altered picture. canvasIsFaithful() tells; callers keep the original only when it fails.

/** Safari's largest canvas (16 Mi pixels); other browsers allow more, but not all do. */
export const MAX_CANVAS_PIXELS = 16_777_216;

export type AnyCanvas = OffscreenCanvas | HTMLCanvasElement;
export type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Canvas helpers whose failures are the caller's own error type. */
export function canvasTools(fail: (reason: string) => Error) {
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
    if (!context) throw fail('no 2D canvas');
    return { canvas, context };
  }

  function encode(canvas: AnyCanvas, type: string, quality?: number): Promise<Blob> {
    if (!(canvas instanceof HTMLCanvasElement)) return canvas.convertToBlob({ type, quality });
    return new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(fail('encoding failed'))),
        type,
        quality,
      ),
    );
  }

  return { newCanvas, encode };
}

let faithful: Promise<boolean> | undefined;

/**
 * Whether pixels survive a canvas → PNG → decode → canvas round trip unchanged. A browser
 * that blanks or randomises canvas read-back fails this.
 */
export function canvasIsFaithful(): Promise<boolean> {
  const { newCanvas, encode } = canvasTools((reason) => new Error(reason));
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
