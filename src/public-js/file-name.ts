// The name a file is shown under to staff, cleaned in the browser exactly as the server
// cleans names it receives in plaintext (src/server/files/file-name.ts): the server cannot
// clean a name that is sealed. Staff software treats names as untrusted all the same.
import { FILE_NAME_CHARS } from './protocol.ts';
import { extensionOf } from './file-types.ts';

// C0/C1 controls, DEL, and the Unicode bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function sanitiseFileName(raw: string, fallback = 'file'): string {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastPart.normalize('NFC').replace(UNSAFE, '').trim().replace(/^\.+/, '').trim();
  const name = cleaned === '' ? fallback : cleaned;
  return truncateKeepingExtension(name, FILE_NAME_CHARS);
}

/** The name with its extension replaced (or added), still within the name limit. */
export function replaceExtension(name: string, ext: string): string {
  const current = extensionOf(name);
  const stem = current === '' ? name : name.slice(0, name.length - current.length - 1);
  return truncateKeepingExtension(`${stem}.${ext}`, FILE_NAME_CHARS);
}

function truncateKeepingExtension(name: string, max: number): string {
  if (name.length <= max) return name;
  const ext = extensionOf(name);
  const suffix = ext !== '' && ext.length <= 10 ? `.${ext}` : '';
  const stem = suffix === '' ? name : name.slice(0, name.length - suffix.length);
  return cutCodePoints(stem, max - suffix.length) + suffix;
}

function cutCodePoints(text: string, max: number): string {
  let out = '';
  for (const point of text) {
    if (out.length + point.length > max) break;
    out += point;
  }
  return out;
}
