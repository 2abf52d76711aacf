// The one rule for file names that come from outside: a reporter's upload, a staff
// member's evidence file, a name offered for download. They arrive as anything at all: a
// full Windows or Unix path, "../" tricks, NUL bytes, control and bidirectional-override
// characters that make "gpj.exe" display as "exe.jpg". Only the last path part survives,
// without those characters, without what Windows refuses in a name, at most `maxChars`
// long with the extension kept. The server (plaintext intake), the public form script and
// the staff app all clean names with this module.

// C0/C1 controls, DEL, and the Unicode bidi embedding/override/isolate marks.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Characters Windows refuses in a file name; a download named with them is renamed or fails.
const WINDOWS_RESERVED = /[<>:"|?*]/g;

export function cleanFileName(raw: string, options: { maxChars: number; fallback?: string }) {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastPart
    .normalize('NFC')
    .replace(UNSAFE, '')
    .replace(WINDOWS_RESERVED, '_')
    .trim()
    // A leading dot hides a file on the member's disk; "." and ".." are no names.
    .replace(/^\.+/, '')
    .trim()
    // Windows drops trailing dots and spaces, which could change the extension.
    .replace(/[. ]+$/, '');
  const name = cleaned === '' ? (options.fallback ?? 'file') : cleaned;
  return truncateKeepingExtension(name, options.maxChars);
}

/** The lower-case extension without the dot, or '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

/** The name with its extension replaced (or added), still within `maxChars`. */
export function replaceExtension(name: string, ext: string, maxChars: number): string {
  const current = extensionOf(name);
  const stem = current === '' ? name : name.slice(0, name.length - current.length - 1);
  return truncateKeepingExtension(`${stem}.${ext}`, maxChars);
}

function truncateKeepingExtension(name: string, max: number): string {
  if (name.length <= max) return name;
  const ext = extensionOf(name);
  // An "extension" longer than a few characters is part of the name, not a type.
  const suffix = ext !== '' && ext.length <= 10 ? `.${ext}` : '';
  const stem = suffix === '' ? name : name.slice(0, name.length - suffix.length);
  return cutCodePoints(stem, max - suffix.length) + suffix;
}

/** The longest prefix of whole code points (never half a surrogate pair) within `max` units. */
function cutCodePoints(text: string, max: number): string {
  let out = '';
  for (const point of text) {
    if (out.length + point.length > max) break;
    out += point;
  }
  return out;
}
