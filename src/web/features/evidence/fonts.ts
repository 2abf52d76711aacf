// The DejaVu fonts of the package summary PDF: the app's own bundled assets (same origin,
// under /app/assets/), fetched only when a member builds a package.
import regularFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';

export type FontBytes = { regular: Uint8Array; bold: Uint8Array };

let fontsOnce: Promise<FontBytes> | undefined;

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the PDF font could not be loaded (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

export function loadFonts(): Promise<FontBytes> {
  fontsOnce ??= Promise.all([fetchFont(regularFontUrl), fetchFont(boldFontUrl)])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((error: unknown) => {
      fontsOnce = undefined; // a later click may try again
      throw error;
    });
  return fontsOnce;
}
