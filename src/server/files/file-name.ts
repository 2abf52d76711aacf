// The name a reporter's file is shown under to staff, cleaned by the shared rule
// (src/common/files/file-name.ts), at most LIMITS.fileNameChars long.
import { LIMITS } from '../../common/intake/report.ts';
import * as names from '../../common/files/file-name.ts';

export const extensionOf = names.extensionOf;

export function sanitiseFileName(raw: string, fallback = 'file'): string {
  return names.cleanFileName(raw, { maxChars: LIMITS.fileNameChars, fallback });
}

/** The name with its extension replaced (or added), still within LIMITS.fileNameChars. */
export function replaceExtension(name: string, ext: string): string {
  return names.replaceExtension(name, ext, LIMITS.fileNameChars);
}
