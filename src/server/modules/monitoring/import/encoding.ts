// Which encoding a file is in, and its text as a stream of strings. Comment files from
// Kazakhstan come in UTF-8 (with or without a byte-order mark) or in Windows-1251, the
// encoding Excel on a Russian-language Windows still saves CSV in. The two are told apart
// by whether the first bytes are valid UTF-8: Cyrillic in Windows-1251 almost never is.
import { FatalImportError } from './problems.ts';

export type TextEncodingName = 'utf-8' | 'windows-1251';

/** How many bytes are looked at before deciding; a file's first non-ASCII byte decides. */
export const DETECTION_BYTES = 64 * 1024;
/** An all-ASCII start is read on up to this size, looking for a non-ASCII byte. */
const MAX_DETECTION_BYTES = 4 * 1024 * 1024;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * UTF-8 or Windows-1251, from the first bytes of a file (a few KB are enough; the whole
 * prefix is checked). Throws a FatalImportError for UTF-16, which neither reading handles.
 */
export function detectEncoding(firstBytes: Uint8Array): TextEncodingName {
  if (startsWith(firstBytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (looksLikeUtf16(firstBytes)) {
    throw new FatalImportError(
      'unsupported_encoding',
      'The file is in UTF-16 ("Unicode text" in Excel). Save it as "CSV UTF-8" or as plain UTF-8 text and import it again.',
      1,
    );
  }
  return isUtf8Prefix(firstBytes) ? 'utf-8' : 'windows-1251';
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  // Without a byte-order mark, UTF-16 text is every other byte zero.
  const sample = Math.min(bytes.length, 1024);
  if (sample < 4) return false;
  let zeros = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) zeros++;
  return zeros > sample / 4;
}

/** Valid UTF-8, allowing the prefix to end inside a multi-byte character. */
function isUtf8Prefix(bytes: Uint8Array): boolean {
  const end = completeUtf8End(bytes);
  try {
    utf8Strict.decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * The length of `bytes` without a trailing, incomplete UTF-8 sequence: a lead byte (and
 * its continuation bytes) at the very end that announce more bytes than the prefix has.
 */
function completeUtf8End(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: look further back
    // Only 0xC2–0xF4 start a multi-byte character; any other byte is itself the answer.
    if (byte < 0xc2 || byte > 0xf4) return length;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return needed > back ? length - back : length;
  }
  return length;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

function isReadableStream(input: ByteSource): input is ReadableStream<Uint8Array> {
  return typeof (input as Partial<ReadableStream>).getReader === 'function';
}

export async function* iterateBytes(input: ByteSource): AsyncGenerator<Uint8Array> {
  if (!isReadableStream(input)) {
    yield* input;
    return;
  }
  // Read through a reader, not the stream's own async iterator, which not every
  // ReadableStream (an older browser's, a polyfill's) has.
  const reader = input.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export interface DecodedText {
  encoding: TextEncodingName;
  /** The text, a chunk at a time, without the byte-order mark. */
  chunks: AsyncGenerator<string>;
  /** The first decoded text (at least the detection prefix, when the file is that long). */
  head: string;
}

/**
 * Reads enough of `input` to detect the encoding, then decodes the whole stream with one
 * streaming TextDecoder, so a character cut between two chunks is decoded whole. A UTF-8
 * file with invalid bytes further on stops with `unsupported_encoding` at that point
 * rather than importing replacement characters as if they were the text.
 */
export async function decodeStream(input: ByteSource): Promise<DecodedText> {
  const bytes = iterateBytes(input);
  const prefixParts: Uint8Array[] = [];
  let prefixLength = 0;
  let firstNonAscii = -1;
  let ended = false;
  // A file's first non-ASCII bytes decide: an all-ASCII start is read on to find one, and
  // a non-ASCII byte at the very end of the prefix is read on to see what follows it.
  while (
    prefixLength < DETECTION_BYTES ||
    (firstNonAscii === -1 && prefixLength < MAX_DETECTION_BYTES) ||
    (firstNonAscii !== -1 && firstNonAscii > prefixLength - 16)
  ) {
    const next = await bytes.next();
    if (next.done) {
      ended = true;
      break;
    }
    if (firstNonAscii === -1) {
      const index = next.value.findIndex((byte) => byte >= 0x80);
      if (index !== -1) firstNonAscii = prefixLength + index;
    }
    prefixParts.push(next.value);
    prefixLength += next.value.length;
  }
  const prefix = concat(prefixParts, prefixLength);
  let encoding: TextEncodingName;
  try {
    encoding = detectEncoding(prefix);
  } catch (error) {
    await bytes.return(undefined);
    throw error;
  }
  const decode = encoding === 'utf-8' ? utf8ChunkDecoder() : windows1251ChunkDecoder();
  const notUtf8 = new FatalImportError(
    'unsupported_encoding',
    'The file starts as UTF-8 but has bytes further on that are not UTF-8 (a file joined from parts in different encodings?). Nothing after this point was imported; save the whole file as UTF-8 and import it again: the comments already imported are recognised as duplicates.',
  );
  const first = decode(prefix, ended);
  const head = first.text;
  async function* rest(): AsyncGenerator<string> {
    try {
      if (first.invalid) throw notUtf8;
      if (ended) return;
      for await (const chunk of bytes) {
        const { text, invalid } = decode(chunk, false);
        if (text !== '') yield text;
        if (invalid) throw notUtf8;
      }
      const { text, invalid } = decode(new Uint8Array(0), true);
      if (text !== '') yield text;
      if (invalid) throw notUtf8;
    } finally {
      await bytes.return(undefined);
    }
  }
  async function* all(): AsyncGenerator<string> {
    try {
      if (head !== '') yield head;
      yield* rest();
    } finally {
      // A reader that stops within the head never starts rest(): close the source here.
      await bytes.return(undefined);
    }
  }
  return { encoding, head, chunks: all() };
}

interface DecodedChunk {
  /** The text up to the end of the chunk, or up to the first byte that is not UTF-8. */
  text: string;
  invalid: boolean;
}

/**
 * Decodes UTF-8 chunk by chunk, carrying a character cut at the end of a chunk over to
 * the next. Invalid bytes are not replaced: the text before them is returned, and
 * `invalid` says the rest cannot be read (so every row before the bad byte is imported).
 */
function utf8ChunkDecoder(): (chunk: Uint8Array, final: boolean) => DecodedChunk {
  // Each call decodes on its own, and a decoder drops a byte-order mark at the start of
  // every call: this one keeps it, and only the file's first one is dropped, below.
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let carry = new Uint8Array(0);
  let first = true;
  const text = (bytes: Uint8Array): string => {
    const decoded = strict.decode(bytes);
    if (!first || bytes.length === 0) return decoded;
    first = false;
    return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  };
  const valid = (bytes: Uint8Array): boolean => {
    try {
      strict.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };
  return (chunk, final) => {
    const bytes = carry.length === 0 ? chunk : concat([carry, chunk], carry.length + chunk.length);
    const end = final ? bytes.length : completeUtf8End(bytes);
    carry = bytes.slice(end);
    const whole = bytes.subarray(0, end);
    if (valid(whole)) return { text: text(whole), invalid: false };
    // The longest valid start, by bisection: a start that is valid once a cut character at
    // its end is set aside stays valid when it is shortened.
    let low = 0;
    let high = end;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (valid(whole.subarray(0, completeUtf8End(whole.subarray(0, middle))))) low = middle;
      else high = middle - 1;
    }
    const good = whole.subarray(0, completeUtf8End(whole.subarray(0, low)));
    return { text: text(good), invalid: true };
  };
}

/** Every byte is a character in Windows-1251, so this decoder never finds invalid bytes. */
function windows1251ChunkDecoder(): (chunk: Uint8Array, final: boolean) => DecodedChunk {
  const decoder = new TextDecoder('windows-1251');
  return (chunk, final) => ({ text: decoder.decode(chunk, { stream: !final }), invalid: false });
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
