// Saving a case file as a PDF from the staff app. The PDF is drawn here, in the member's
// browser, from the case they already decrypted: the plaintext never goes back to the
// server. The fonts are the app's own bundled assets (same origin, under /app/assets/),
// and the PDF library is loaded only when a member exports, not with every page.
import regularFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldFontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import type { Locale } from '../../../../common/api/accounts.ts';
import type { CaseFileModelInput } from '../../../../common/pdf/case-file.ts';

type FontBytes = { regular: Uint8Array; bold: Uint8Array };

let fontsOnce: Promise<FontBytes> | undefined;

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the PDF font could not be loaded (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The two DejaVu fonts, fetched once per page load (the server caches them as immutable). */
function loadFonts(): Promise<FontBytes> {
  fontsOnce ??= Promise.all([fetchFont(regularFontUrl), fetchFont(boldFontUrl)])
    .then(([regular, bold]) => ({ regular, bold }))
    .catch((error: unknown) => {
      fontsOnce = undefined; // a later click may try again
      throw error;
    });
  return fontsOnce;
}

/**
 * A file name that names the case by its reference only, e.g. "case-C-7KQ3-kk.pdf": the
 * name shows in download lists and file managers, so it must never carry a person's name.
 */
export function caseFilePdfName(reference: string, locale: Locale): string {
  return `case-${reference}-${locale}.pdf`;
}

/** Keeps a suggested file name to one safe path segment ending in .pdf. */
function safeFileName(name: string): string {
  const base = name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim() || 'case';
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/**
 * Renders `model` (the decrypted case, with code labels already in `locale`) as a PDF in
 * `locale` and hands it to the browser as a download named `fileName`. Rejects with the
 * reason when the model is invalid or the fonts cannot be loaded; nothing is downloaded then.
 */
export async function downloadCaseFilePdf(
  model: CaseFileModelInput,
  locale: Locale,
  fileName: string,
): Promise<void> {
  const [{ renderCaseFilePdf }, fonts] = await Promise.all([
    import('../../../../common/pdf/case-file.ts'),
    loadFonts(),
  ]);
  const bytes = await renderCaseFilePdf({ model, locale, fonts, generatedAt: new Date() });
  // pdf-lib's bytes sit in a plain ArrayBuffer (never a SharedArrayBuffer), as Blob wants.
  const pdf = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
  const url = URL.createObjectURL(pdf);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = safeFileName(fileName);
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The decrypted PDF should not outlive the download; a short delay lets the browser
    // start reading the Blob before its URL is revoked.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
