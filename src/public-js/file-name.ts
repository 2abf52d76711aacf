// The name a file is shown under to staff, cleaned in the browser exactly as the server
// cleans names it receives in plaintext (the shared rule: src/common/files/file-name.ts):
// the server cannot clean a name that is sealed.
import * as names from '../common/files/file-name.ts';
import { FILE_NAME_CHARS } from './protocol.ts';

export function sanitiseFileName(raw: string, fallback = 'file'): string {
  return names.cleanFileName(raw, { maxChars: FILE_NAME_CHARS, fallback });
}

/** The name with its extension replaced (or added), still within the name limit. */
export function replaceExtension(name: string, ext: string): string {
  return names.replaceExtension(name, ext, FILE_NAME_CHARS);
}
