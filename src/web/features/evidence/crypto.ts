// Opening evidence in this tab: the parent's record key with the organisation key, each
// item key under it, the sealed meta and the file keys under the item key; and a stored
// file's ciphertext decrypted as it downloads, chunk by chunk (26-byte header, then
// 65 553-byte encrypted chunks), hashing both the ciphertext and the plaintext on the way.
// Keys are wiped as soon as the work that needed them is done.
import {
  createStreamDecryptor,
  DecryptionError,
  envelopePieces,
  fromB64,
  openRecordKey,
  sodium,
  STREAM_HEADER_BYTES,
  toHex,
  type BoxKeyPair,
  type StreamDecryptor,
} from '../../../common/crypto/index.ts';
import {
  openFileKey,
  openItemKey,
  openItemMeta,
  type SealedFileInfo,
  type SealedItemMeta,
} from '../../../common/evidence/item-crypto.ts';
import type { EvidenceFile, EvidenceItem } from './api.ts';

/** An item with what opened of its sealed meta; `meta` is null when it did not open. */
export interface OpenedItem {
  item: EvidenceItem;
  meta: SealedItemMeta | null;
}

export function forget(...keys: (Uint8Array | null | undefined)[]): void {
  for (const key of keys) if (key) sodium().memzero(key);
}

/** The parent's record key; null when it does not open with this organisation's key. */
export function openParentKey(sealedRecordKey: string, org: BoxKeyPair): Uint8Array | null {
  try {
    return openRecordKey(fromB64(sealedRecordKey), org);
  } catch {
    return null;
  }
}

/** Opens each item's key and meta under the record key; a part that does not open is null. */
export function openItems(items: EvidenceItem[], recordKey: Uint8Array | null): OpenedItem[] {
  return items.map((item) => ({ item, meta: recordKey ? openMeta(item, recordKey) : null }));
}

function openMeta(item: EvidenceItem, recordKey: Uint8Array): SealedItemMeta | null {
  let itemKey: Uint8Array | null = null;
  try {
    itemKey = openItemKey(recordKey, item.id, fromB64(item.sealedItemKey));
    return openItemMeta(itemKey, item.id, fromB64(item.sealedMeta));
  } catch {
    return null;
  } finally {
    forget(itemKey);
  }
}

/** Opens one item on its own (the item page): record key → item key → meta. */
export function openItem(item: EvidenceItem, org: BoxKeyPair): OpenedItem {
  const recordKey = openParentKey(item.sealedRecordKey, org);
  try {
    return { item, meta: recordKey ? openMeta(item, recordKey) : null };
  } finally {
    forget(recordKey);
  }
}

/** The file's key, opened through the record key and the item key; throws DecryptionError. */
export function openFileKeyOf(item: EvidenceItem, file: EvidenceFile, org: BoxKeyPair): Uint8Array {
  const recordKey = openParentKey(item.sealedRecordKey, org);
  if (!recordKey) throw new DecryptionError('the record key does not open');
  let itemKey: Uint8Array | null = null;
  try {
    itemKey = openItemKey(recordKey, item.id, fromB64(item.sealedItemKey));
    return openFileKey(itemKey, file.id, fromB64(file.sealedFileKey));
  } finally {
    forget(recordKey, itemKey);
  }
}

/** The sealed meta's description of one stored file. */
export function infoOf(meta: SealedItemMeta, fileId: string): SealedFileInfo | undefined {
  return meta.files.find((f) => f.fileId === fileId);
}

/** What a whole pass over a file found: its plaintext and ciphertext hashes and sizes. */
export interface DecryptSummary {
  plaintextSha256: string;
  plaintextBytes: number;
  ciphertextSha256: string;
  ciphertextBytes: number;
}

/**
 * Decrypts a stored file as it arrives, yielding each plaintext chunk (at most 64 KiB) in
 * order and never holding more than one; `summary` is filled in once the last chunk was
 * checked. Throws DecryptionError when the key does not fit, a chunk was altered or
 * reordered, or the file was cut short.
 */
export async function* decryptChunks(
  body: ReadableStream<Uint8Array> | null,
  fileKey: Uint8Array,
  summary: Partial<DecryptSummary> = {},
): AsyncGenerator<Uint8Array> {
  if (!body) throw new DecryptionError('empty response');
  const s = sodium();
  const plainHash = s.crypto_hash_sha256_init();
  const cipherHash = s.crypto_hash_sha256_init();
  let plaintextBytes = 0;
  let ciphertextBytes = 0;
  let decryptor: StreamDecryptor | null = null;
  for await (const piece of envelopePieces(body)) {
    s.crypto_hash_sha256_update(cipherHash, piece);
    ciphertextBytes += piece.length;
    if (!decryptor) {
      if (piece.length < STREAM_HEADER_BYTES) throw new DecryptionError('file cut short');
      decryptor = createStreamDecryptor(fileKey, piece);
      continue;
    }
    const { plaintext } = decryptor.pull(piece);
    s.crypto_hash_sha256_update(plainHash, plaintext);
    plaintextBytes += plaintext.length;
    yield plaintext;
  }
  if (!decryptor) throw new DecryptionError('empty file');
  decryptor.finish();
  summary.plaintextSha256 = toHex(s.crypto_hash_sha256_final(plainHash));
  summary.plaintextBytes = plaintextBytes;
  summary.ciphertextSha256 = toHex(s.crypto_hash_sha256_final(cipherHash));
  summary.ciphertextBytes = ciphertextBytes;
}

/** Decrypts a whole stored file into `sink`, chunk by chunk; returns what the pass found. */
export async function decryptStream(
  body: ReadableStream<Uint8Array> | null,
  fileKey: Uint8Array,
  sink: (plaintext: Uint8Array) => void | Promise<void>,
): Promise<DecryptSummary> {
  const summary: Partial<DecryptSummary> = {};
  for await (const chunk of decryptChunks(body, fileKey, summary)) await sink(chunk);
  return summary as DecryptSummary; // every field is set once the generator has finished
}

/** Decrypts a small file (a thumbnail, a working copy to view) into a Blob of `type`. */
export async function decryptToBlob(
  body: ReadableStream<Uint8Array> | null,
  fileKey: Uint8Array,
  type: string,
): Promise<{ blob: Blob; summary: DecryptSummary }> {
  const parts: Uint8Array[] = [];
  const summary = await decryptStream(body, fileKey, (chunk) => {
    parts.push(chunk);
  });
  // libsodium's output sits in plain ArrayBuffers (never a SharedArrayBuffer), as Blob wants.
  return { blob: new Blob(parts as BlobPart[], { type }), summary };
}
