// Which files a reporter may send, judged by their content. The name and the browser's
// Content-Type only count as claims: a claim that contradicts the content is refused as a
// disguise (a "photo.jpg" that is a PDF, a ".pdf" that is a program), because staff open
// files by their name and type. Claims are compared by kind, not by exact format: a
// ".jpg" that is really a PNG (messaging apps do this) is still a picture and is accepted.
import { fileTypeFromBuffer } from 'file-type';
import { extensionOf } from './file-name.ts';
import { UploadError } from './upload-error.ts';

/** How many leading bytes the type is detected from (file-type's own recommendation). */
export const HEAD_BYTES = 4100;

type Kind = 'image' | 'pdf' | 'media' | 'archive' | 'text';
/** Kinds a name or a declared type can claim; 'active' is never accepted. */
type ClaimedKind = Kind | 'active';

/** The sharp output format a photo's working copy is re-encoded to. */
export type PhotoFormat = 'jpeg' | 'png' | 'webp';

export interface AllowedType {
  /** The MIME type stored in the file's metadata. */
  mime: string;
  kind: Kind;
  /** Photos have their working copy re-encoded without metadata; null for other files. */
  photoFormat: PhotoFormat | null;
}

const ALLOWED: readonly AllowedType[] = [
  { mime: 'image/jpeg', kind: 'image', photoFormat: 'jpeg' },
  { mime: 'image/png', kind: 'image', photoFormat: 'png' },
  { mime: 'image/webp', kind: 'image', photoFormat: 'webp' },
  // HEIC working copies are JPEG: staff browsers other than Safari cannot show HEIC.
  { mime: 'image/heic', kind: 'image', photoFormat: 'jpeg' },
  { mime: 'image/heif', kind: 'image', photoFormat: 'jpeg' },
  { mime: 'image/heic-sequence', kind: 'image', photoFormat: 'jpeg' },
  { mime: 'image/heif-sequence', kind: 'image', photoFormat: 'jpeg' },
  // GIF carries no camera EXIF; it is stored as sent (docs/files.md says so).
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
  ].map((mime) => ({ mime, kind: 'media' as const, photoFormat: null })),
  ...[
    'application/zip',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.oasis.opendocument.text',
  ].map((mime) => ({ mime, kind: 'archive' as const, photoFormat: null })),
];

const TEXT: AllowedType = { mime: 'text/plain', kind: 'text', photoFormat: null };

const EXTENSION_KINDS: Record<string, ClaimedKind> = {
  ...kinds('image', 'jpg jpeg jpe jfif png webp gif heic heif hif'),
  ...kinds('pdf', 'pdf'),
  ...kinds('media', 'mp4 m4v mov qt webm 3gp 3gpp 3g2 mp3 m4a aac ogg oga opus wav amr'),
  ...kinds('archive', 'zip docx xlsx odt'),
  ...kinds('text', 'txt text csv log md'),
  // Programs, scripts and active documents: never accepted, whatever their content.
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

/** Declared types that say nothing about the content. */
const UNINFORMATIVE = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
  'application/x-unknown',
  'application/binary',
]);

function kinds<K extends ClaimedKind>(kind: K, list: string): Record<string, K> {
  return Object.fromEntries(list.split(' ').map((item) => [item, kind]));
}

function kindOfDeclared(declaredType: string): ClaimedKind | null {
  const mime = (declaredType.split(';')[0] ?? '').trim().toLowerCase();
  if (UNINFORMATIVE.has(mime)) return null;
  const known = DECLARED_KINDS[mime];
  if (known) return known;
  if (mime.startsWith('video/') || mime.startsWith('audio/')) return 'media';
  if (mime.startsWith('text/')) return 'text';
  // Any other image type (BMP, TIFF, SVG...) is a claim of a picture we do not accept.
  if (mime.startsWith('image/')) return 'image';
  return null;
}

/**
 * Decides what a file is from its first bytes (at least HEAD_BYTES, or the whole file
 * when shorter), the name and the declared Content-Type. Throws an UploadError
 * 'file_type_mismatch' or 'file_type_not_allowed'.
 */
export async function classifyUpload(options: {
  /** The first bytes of the file. */
  head: Uint8Array;
  /** The file name as sent (only its extension is read). */
  fileName: string;
  /** The Content-Type as sent. */
  declaredType: string;
}): Promise<AllowedType> {
  const { head, fileName, declaredType } = options;
  const claims = [EXTENSION_KINDS[extensionOf(fileName)], kindOfDeclared(declaredType)].filter(
    (kind): kind is ClaimedKind => kind !== undefined && kind !== null,
  );
  if (claims.includes('active')) throw new UploadError('file_type_not_allowed');

  const detected = await detect(head);
  let allowed: AllowedType | null;
  if (detected !== undefined) {
    allowed = ALLOWED.find((type) => type.mime === detected) ?? null;
  } else {
    allowed = looksLikeText(head.subarray(0, HEAD_BYTES)) ? TEXT : null;
  }
  // A BMP sent as image/bmp is a format we do not take, not a disguise.
  const contentKind = allowed?.kind ?? (detected === undefined ? null : broadKindOf(detected));

  if (claims.some((kind) => kind !== contentKind)) throw new UploadError('file_type_mismatch');
  if (!allowed) throw new UploadError('file_type_not_allowed');
  // Text has no magic bytes, so an unnamed blob of UTF-8 is only text if it says so.
  if (allowed === TEXT && !claims.includes('text')) throw new UploadError('file_type_not_allowed');
  return allowed;
}

function broadKindOf(mime: string): Kind | null {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/') || mime.startsWith('audio/')) return 'media';
  return null;
}

async function detect(head: Uint8Array): Promise<string | undefined> {
  try {
    return (await fileTypeFromBuffer(head.subarray(0, HEAD_BYTES)))?.mime;
  } catch {
    // A malformed container can make a detector throw; that is "not recognised".
    return undefined;
  }
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
