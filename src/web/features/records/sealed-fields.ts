// Sealing and opening the sealed fields of records in the browser. Every value is bound to
// its table, column and record (sealedContext), under the record's own key. On an edit
// only the fields the member changed get a new envelope: the server tells what changed by
// comparing ciphertext, so re-encrypting an untouched field would show up in the history
// as a change nobody made.
import {
  decryptFieldText,
  encryptField,
  fromB64,
  generateRecordKey,
  openRecordKey,
  randomBytes,
  sealRecordKey,
  sodium,
  toB64,
  type BoxKeyPair,
} from '../../../common/crypto/index.ts';
import { sealedContext, type SealedTable } from '../../../common/records/contexts.ts';

/** A new record key, and its copy sealed to the organisation (sent with the create request). */
export function newRecordKey(orgPublicKey: Uint8Array): { key: Uint8Array; sealed: string } {
  const key = generateRecordKey();
  return { key, sealed: toB64(sealRecordKey(key, orgPublicKey)) };
}

/** The record key, opened with the organisation key; throws DecryptionError. */
export function openKey(sealedRecordKey: string, org: BoxKeyPair): Uint8Array {
  return openRecordKey(fromB64(sealedRecordKey), org);
}

export function forgetKey(key: Uint8Array | null | undefined): void {
  if (key) sodium().memzero(key);
}

export interface FieldAddress {
  table: SealedTable;
  /** The column, e.g. `sealed_title`, or a JSON path such as `sources.note.<id>`. */
  column: string;
  recordId: string;
}

/** Seals a text; an empty (or blank) text is stored as no value at all. */
export function sealText(key: Uint8Array, at: FieldAddress, text: string): string | null {
  if (text.trim() === '') return null;
  return toB64(encryptField(key, text, sealedContext(at.table, at.column, at.recordId)));
}

/** Opens a sealed text: null for no value; throws DecryptionError when it does not open. */
export function openText(key: Uint8Array, at: FieldAddress, sealed: string | null): string | null {
  if (sealed === null) return null;
  return decryptFieldText(key, fromB64(sealed), sealedContext(at.table, at.column, at.recordId));
}

/** Like openText, but a value that does not open reads as `failed` instead of throwing. */
export function tryOpenText(
  key: Uint8Array | null,
  at: FieldAddress,
  sealed: string | null,
): { text: string | null; failed: boolean } {
  if (sealed === null) return { text: null, failed: false };
  if (!key) return { text: null, failed: true };
  try {
    return { text: openText(key, at, sealed), failed: false };
  } catch {
    return { text: null, failed: true };
  }
}

/** A sealed field as loaded: its envelope and what it opened to. */
export interface LoadedSealed {
  sealed: string | null;
  /** The opened text ('' for no value). */
  text: string;
}

/**
 * The envelope to send for an edited field: the loaded envelope when the text is the same
 * as loaded (so the field does not count as changed), a fresh one otherwise.
 */
export function resealIfChanged(
  key: Uint8Array,
  at: FieldAddress,
  loaded: LoadedSealed | undefined,
  text: string,
): string | null {
  if (loaded && loaded.text === text) return loaded.sealed;
  return sealText(key, at, text);
}

/**
 * A random (version 4) UUID for a new record, source or act: the browser chooses ids
 * because the sealed fields' contexts name them. Built from libsodium's random bytes, since
 * crypto.randomUUID exists only in secure contexts and a LAN address is not one.
 */
export function newId(): string {
  const bytes = randomBytes(16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
