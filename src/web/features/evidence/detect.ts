// What an evidence file is, judged from its content in the browser (file-type on its first
// bytes, then a UTF-8 text check), never from its name; and whether the name's extension
// or the type the browser claimed contradicts it. A mismatch is not refused (a victim's
// photo renamed to .pdf is still evidence) but shown to the member and sealed in the meta.
import { extensionOf } from '../../../common/evidence/file-name.ts';

/** Bytes read from the start of a file: enough for every file-type signature we rely on. */
export const HEAD_BYTES = 64 * 1024;

export const UNKNOWN_TYPE = 'application/octet-stream';

/** Images the browser may decode, draw and re-encode: they get a working copy and a thumbnail. */
export const WORKING_COPY_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Images shown inline (decoded to a bitmap, drawn on a canvas): never SVG or HTML. */
export const VIEWABLE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export interface Detection {
  /** Detected from the content; UNKNOWN_TYPE when nothing matched. */
  mediaType: string;
  /** The extension of the content's type as file-type names it ('' when unknown or text). */
  detectedExtension: string;
  /** The type the name's extension or the browser claimed ('' when neither says anything). */
  declaredType: string;
  /** The name or the claimed type says one thing, the content another. */
  mismatch: boolean;
}

// Extensions that name the same type.
const ALIASES: readonly (readonly string[])[] = [
  ['jpg', 'jpeg', 'jpe', 'jfif', 'pjpeg'],
  ['tif', 'tiff'],
  ['mp4', 'm4v', 'm4a', 'm4b', 'm4p', 'mov', 'qt', '3gp', '3g2', '3gpp', 'heic', 'heif', 'avif'],
  ['ogg', 'oga', 'ogv', 'opus', 'ogx', 'spx'],
  ['htm', 'html'],
  ['mkv', 'mka', 'webm'],
  ['mpg', 'mpeg'],
  ['aif', 'aiff'],
  ['gz', 'tgz'],
  ['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'epub', 'jar', 'apk', 'zip', 'xpi', 'kmz'],
  ['doc', 'xls', 'ppt', 'msg', 'cfb', 'msi'],
];

// Names of text formats: their content is text, which file-type does not name.
const TEXT_EXTENSIONS = new Set(
  'txt text csv tsv log md markdown json xml html htm xhtml svg js mjs css ini yaml yml eml vcf ics srt vtt'.split(
    ' ',
  ),
);

const EXTENSION_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  mp3: 'audio/mpeg',
  m4a: 'audio/x-m4a',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  heic: 'image/heic',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  htm: 'text/html',
  svg: 'image/svg+xml',
};

function sameType(a: string, b: string): boolean {
  if (a === b) return true;
  return ALIASES.some((group) => group.includes(a) && group.includes(b));
}

/** Whether the bytes read as text: valid UTF-8 (a sequence cut at the end allowed), no NUL. */
export function looksLikeText(head: Uint8Array, cut: boolean): boolean {
  if (head.length === 0) return false;
  let bytes = head;
  // The head may end inside a multi-byte character: drop at most three trailing bytes.
  if (cut) {
    let back = 0;
    while (
      back < 3 &&
      back < bytes.length &&
      ((bytes[bytes.length - 1 - back] ?? 0) & 0xc0) === 0x80
    )
      back++;
    const lead = bytes[bytes.length - 1 - back] ?? 0;
    if (lead >= 0xc0) bytes = bytes.subarray(0, bytes.length - 1 - back);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  let controls = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0) return false;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) controls++;
  }
  return controls <= text.length / 100;
}

function declaredMime(name: string, browserType: string): string {
  const mime = (browserType.split(';')[0] ?? '').trim().toLowerCase();
  if (mime !== '' && mime !== UNKNOWN_TYPE) return mime;
  return EXTENSION_TYPES[extensionOf(name)] ?? '';
}

/** Detects a file's type from its first bytes and compares it with its name and claimed type. */
export async function detectFileType(
  head: Uint8Array,
  name: string,
  browserType: string,
  totalSize: number,
): Promise<Detection> {
  // file-type is loaded when a member first chooses a file, not with every page.
  const { fileTypeFromBuffer, supportedExtensions } = await import('file-type');
  const extensions: ReadonlySet<string> = supportedExtensions;
  const known = (ext: string) => extensions.has(ext);
  const found = head.length > 0 ? await fileTypeFromBuffer(head).catch(() => undefined) : undefined;
  const ext = extensionOf(name);
  const declaredType = declaredMime(name, browserType);
  if (found) {
    let mismatch = false;
    if (ext !== '') {
      if (TEXT_EXTENSIONS.has(ext)) mismatch = !(found.ext === 'xml' || found.ext === 'svg');
      else if (known(ext) || ext in EXTENSION_TYPES) mismatch = !sameType(ext, found.ext);
    } else if (declaredType !== '') {
      mismatch = declaredType !== found.mime;
    }
    return { mediaType: found.mime, detectedExtension: found.ext, declaredType, mismatch };
  }
  const text = looksLikeText(head, head.length < totalSize);
  const mediaType = text ? 'text/plain' : UNKNOWN_TYPE;
  // A name that promises a recognisable binary format whose signature is not there.
  const claimsBinary = ext !== '' && !TEXT_EXTENSIONS.has(ext) && known(ext);
  const claimsText = ext !== '' && TEXT_EXTENSIONS.has(ext);
  const mismatch = claimsBinary || (claimsText && !text);
  return { mediaType, detectedExtension: '', declaredType, mismatch };
}

/** Reads the first HEAD_BYTES of a file (never the whole of a large one) and detects its type. */
export async function detectBlobType(file: File): Promise<Detection> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  return detectFileType(head, file.name, file.type, file.size);
}
