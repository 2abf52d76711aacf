// Helpers for the importer tests: byte streams cut into chunks of any size, the fixture
// files, a Windows-1251 encoder (Node can decode it but not encode it), and a collector.
import { readFile } from 'node:fs/promises';
import type {
  ImportedComment,
  ImportProblem,
} from '../../../src/common/monitoring/imported-comment.ts';
import {
  readComments,
  type ByteSource,
  type ReadCommentsOptions,
} from '../../../src/server/modules/monitoring/import/index.ts';

export const FIXTURES = new URL('../fixtures/import/', import.meta.url);

export async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(name, FIXTURES)));
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** The bytes as a stream of chunks of `size` bytes, cutting characters wherever it falls. */
export async function* chunked(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) {
    yield bytes.subarray(offset, offset + size);
  }
}

export interface Collected {
  comments: ImportedComment[];
  problems: ImportProblem[];
  /** Everything in order: `c:<line>` for a comment, `p:<line>:<code>` for a problem. */
  order: string[];
}

export async function collect(
  input: ByteSource | Uint8Array,
  options: ReadCommentsOptions,
): Promise<Collected> {
  const source = input instanceof Uint8Array ? chunked(input) : input;
  const collected: Collected = { comments: [], problems: [], order: [] };
  for await (const item of readComments(source, options)) {
    if (item.comment) {
      collected.comments.push(item.comment);
      collected.order.push(`c:${item.comment.line}`);
    } else {
      collected.problems.push(item.problem);
      collected.order.push(`p:${item.problem.line}:${item.problem.code}`);
    }
  }
  return collected;
}

/** Windows-1251 bytes of a text in ASCII and Russian letters (and a few signs). */
export function cp1251(text: string): Uint8Array {
  const extra: Record<string, number> = {
    Ё: 0xa8,
    ё: 0xb8,
    '№': 0xb9,
    '—': 0x97,
    '«': 0xab,
    '»': 0xbb,
  };
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const code = char.charCodeAt(0);
    if (code < 0x80) out[i] = code;
    else if (code >= 0x410 && code <= 0x44f) out[i] = code - 0x410 + 0xc0;
    else if (extra[char] !== undefined) out[i] = extra[char];
    else throw new Error(`no Windows-1251 byte for ${char}`);
  }
  return out;
}
