// The name an evidence file is shown and downloaded under (rules: src/common/files/file-name.ts).
// The browser cleans the name before it is sealed (the server never sees it), and cleans it
// again before offering a download, because a sealed name is still untrusted input to the
// member's own computer.
import * as names from '../files/file-name.ts';

/** The longest name kept (the sealed meta allows 255 characters). */
export const FILE_NAME_CHARS = 200;

export const extensionOf = names.extensionOf;

export function cleanFileName(raw: string, fallback = 'file'): string {
  return names.cleanFileName(raw, { maxChars: FILE_NAME_CHARS, fallback });
}

/** The name with its extension replaced (or added), still within FILE_NAME_CHARS. */
export function replaceExtension(name: string, ext: string): string {
  return names.replaceExtension(name, ext, FILE_NAME_CHARS);
}
