// Which files a reporter may send, judged in the browser from their first bytes, the
// name and the browser's type, with the same rules as the server (src/server/files/
// file-types.ts): a name or type that contradicts the content is refused as a disguise,
// programs and active documents never. The browser knows only the common signatures;
// anything else is left to the server, which has the full detector (see `unknown`).

export type Kind = 'image' | 'pdf' | 'media' | 'archive' | 'text';
type ClaimedKind = Kind | 'active';

/** The format a photo's working copy is re-encoded to (without its metadata). */
export type PhotoFormat = 'jpeg' | 'png' | 'webp';

export interface AllowedType {
  mime: string;
  kind: Kind;
  /** Photos get a re-encoded working copy; null for every other file (and GIF). */
  photoFormat: PhotoFormat | null;
}

export type Classification =
  | { verdict: 'allowed'; type: AllowedType }
  | { verdict: 'refused'; code: 'file_type_mismatch' | 'file_type_not_allowed' }
  /** No signature this script knows: the server decides (the form is sent unencrypted). */
  | { verdict: 'unknown' };

/** Bytes read from the start of each file: enough for every signature and the text check. */
export const HEAD_BYTES = 4100;

const photo = (mime: string, photoFormat: PhotoFormat): AllowedType => ({
  mime,
  kind: 'image',
  photoFormat,
});
const plain = (kind: Kind) => (mime: string) => ({ mime, kind, photoFormat: null });

const ALLOWED: readonly AllowedType[] = [
  photo('image/jpeg', 'jpeg'),
  photo('image/png', 'png'),
  photo('image/webp', 'webp'),
  photo('image/heic', 'jpeg'),
  photo('image/heif', 'jpeg'),
  photo('image/heic-sequence', 'jpeg'),
  photo('image/heif-sequence', 'jpeg'),
  { mime: 'image/gif', kind: 'image', photoFormat: null },
  { mime: 'application/pdf', kind: 'pdf', photoFormat: null },
  ...[
    'video/mp4',
    'video/x-m4v',
    'video/quicktime',
    'video/webm',
    'video/3gpp',
    'video/3gpp2',
    'audio/mpeg',
    'audio/mp4',
    'audio/x-m4a',
    'audio/aac',
    'audio/ogg',
    'audio/ogg; codecs=opus',
    'audio/wav',
    'audio/amr',
    'audio/webm',
  ].map(plain('media')),
  ...[
    'application/zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.oasis.opendocument.text',
  ].map(plain('archive')),
];

const TEXT: AllowedType = { mime: 'text/plain', kind: 'text', photoFormat: null };

function kinds<K extends ClaimedKind>(kind: K, list: string): Record<string, K> {
  return Object.fromEntries(list.split(' ').map((item) => [item, kind]));
}

const EXTENSION_KINDS: Record<string, ClaimedKind> = {
  ...kinds('image', 'jpg jpeg jpe jfif png webp gif heic heif hif'),
  ...kinds('pdf', 'pdf'),
  ...kinds('media', 'mp4 m4v mov qt webm 3gp 3gpp 3g2 mp3 m4a aac ogg oga opus wav amr'),
  ...kinds('archive', 'zip docx xlsx odt'),
  ...kinds('text', 'txt text csv log md'),
  ...kinds(
    'active',
    'exe dll msi com scr bat cmd ps1 vbs vbe js mjs jse wsf hta jar apk app dmg deb rpm sh ' +
      'bin elf lnk url html htm xhtml shtml svg svgz xml swf docm xlsm pptm',
  ),
};

const DECLARED_KINDS: Record<string, ClaimedKind> = {
  ...kinds('image', 'image/jpeg image/jpg image/pjpeg image/png image/webp image/gif'),
  ...kinds('image', 'image/heic image/heif image/heic-sequence image/heif-sequence'),
  ...kinds('pdf', 'application/pdf application/x-pdf'),
  ...kinds(
    'archive',
    'application/zip application/x-zip-compressed application/x-zip ' +
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document ' +
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ' +
      'application/vnd.oasis.opendocument.text',
  ),
  ...kinds(
    'active',
    'text/html application/xhtml+xml image/svg+xml text/javascript application/javascript ' +
      'application/x-javascript application/x-msdownload application/x-msdos-program ' +
      'application/x-executable application/x-sh application/x-msi application/java-archive ' +
      'application/vnd.android.package-archive application/x-shockwave-flash text/xml ' +
      'application/xml application/hta',
  ),
};

const UNINFORMATIVE = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
  'application/x-unknown',
  'application/binary',
]);

/** The lower-case extension without the dot, or '' (as src/server/files/file-name.ts). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  return name.slice(dot + 1).toLowerCase();
}

function kindOfDeclared(declaredType: string): ClaimedKind | null {
  const mime = (declaredType.split(';')[0] ?? '').trim().toLowerCase();
  if (UNINFORMATIVE.has(mime)) return null;
  const known = DECLARED_KINDS[mime];
  if (known) return known;
  if (mime.startsWith('video/') || mime.startsWith('audio/')) return 'media';
  if (mime.startsWith('text/')) return 'text';
  if (mime.startsWith('image/')) return 'image';
  return null;
}

const ascii = (head: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...head.subarray(from, from + length));

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  bytes.every((b, i) => head[at + i] === b);

/** Whether `text` occurs in the head (Latin-1 view: ZIP entry names are ASCII). */
const contains = (head: Uint8Array, text: string): boolean =>
  String.fromCharCode(...head).includes(text);

const FTYP_BRANDS: Record<string, string> = {
  heic: 'image/heic',
  heix: 'image/heic',
  heim: 'image/heic',
  heis: 'image/heic',
  hevc: 'image/heic-sequence',
  hevx: 'image/heic-sequence',
  mif1: 'image/heif',
  msf1: 'image/heif-sequence',
  avif: 'image/avif',
  avis: 'image/avif',
  'qt  ': 'video/quicktime',
  'M4A ': 'audio/x-m4a',
  'M4B ': 'audio/mp4',
  'M4P ': 'audio/mp4',
  'M4V ': 'video/x-m4v',
  'jp2 ': 'image/jp2',
};

/** The MIME type of the common signatures; undefined when none matched. */
export function detectType(head: Uint8Array): string | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 4);
    if (form === 'WEBP') return 'image/webp';
    if (form === 'WAVE') return 'audio/wav';
    if (form === 'AVI ') return 'video/vnd.avi';
    return undefined;
  }
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (brand.startsWith('3g2')) return 'video/3gpp2';
    if (brand.startsWith('3gp')) return 'video/3gpp';
    return FTYP_BRANDS[brand] ?? 'video/mp4';
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return contains(head.subarray(0, 64), 'webm') ? 'video/webm' : 'video/x-matroska';
  }
  if (ascii(head, 0, 3) === 'ID3') return 'audio/mpeg';
  if (ascii(head, 0, 4) === 'OggS') {
    if (ascii(head, 28, 8) === 'OpusHead') return 'audio/ogg; codecs=opus';
    if (ascii(head, 29, 6) === 'theora') return 'video/ogg';
    return 'audio/ogg';
  }
  if (ascii(head, 0, 5) === '#!AMR') return 'audio/amr';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipType(head);
  if (ascii(head, 0, 2) === 'MZ') return 'application/x-msdownload';
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-elf';
  // MPEG audio frame sync (MP3 without an ID3 tag) and ADTS (raw AAC).
  const second = head[1] ?? 0;
  if (head[0] === 0xff && (second & 0xf6) === 0xf0) return 'audio/aac';
  if (head[0] === 0xff && (second & 0xe0) === 0xe0) return 'audio/mpeg';
  return undefined;
}

/** A ZIP container, told apart by the first entry names (what file-type also looks at). */
function zipType(head: Uint8Array): string {
  if (contains(head, 'AndroidManifest.xml')) return 'application/vnd.android.package-archive';
  if (contains(head, 'META-INF/MANIFEST.MF')) return 'application/java-archive';
  if (contains(head, 'mimetypeapplication/vnd.oasis.opendocument.text')) {
    return 'application/vnd.oasis.opendocument.text';
  }
  if (contains(head, 'word/')) {
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  if (contains(head, 'xl/')) {
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return 'application/zip';
}

function broadKindOf(mime: string): Kind | null {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/') || mime.startsWith('audio/')) return 'media';
  return null;
}

/** UTF-8 without NUL bytes; the head may end inside a multi-byte character. */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The server's rules (classifyUpload) on what the browser can detect. */
export function classifyFile(options: {
  head: Uint8Array;
  fileName: string;
  declaredType: string;
}): Classification {
  const { head, fileName, declaredType } = options;
  const claims = [EXTENSION_KINDS[extensionOf(fileName)], kindOfDeclared(declaredType)].filter(
    (kind): kind is ClaimedKind => kind !== undefined && kind !== null,
  );
  if (claims.includes('active')) return { verdict: 'refused', code: 'file_type_not_allowed' };

  const detected = detectType(head);
  let allowed: AllowedType | null;
  if (detected !== undefined) {
    allowed = ALLOWED.find((type) => type.mime === detected) ?? null;
  } else if (looksLikeText(head.subarray(0, HEAD_BYTES))) {
    allowed = TEXT;
  } else {
    return { verdict: 'unknown' };
  }
  const contentKind = allowed?.kind ?? (detected === undefined ? null : broadKindOf(detected));
  if (claims.some((kind) => kind !== contentKind)) {
    return { verdict: 'refused', code: 'file_type_mismatch' };
  }
  if (!allowed) return { verdict: 'refused', code: 'file_type_not_allowed' };
  if (allowed === TEXT && !claims.includes('text')) {
    return { verdict: 'refused', code: 'file_type_not_allowed' };
  }
  return { verdict: 'allowed', type: allowed };
}
