// Sealed fields of cases, tasks, contacts and consents, opened and written in this tab.
// A record key is opened with the organisation key only for as long as one render or
// one request needs it; every context comes from sealedContext, so a ciphertext cannot
// be moved to another record or field.
import {
  decryptFieldText,
  encryptField,
  fromB64,
  generateRecordKey,
  openRecordKey,
  sealRecordKey,
  toB64,
  type BoxKeyPair,
} from '../../../common/crypto/index.ts';
import { sealedContext, type SealedTable } from '../../../common/records/contexts.ts';

/** A value that opened, or the fact that it did not (wrong key, tampered, missing key). */
export type Opened<T> = { ok: true; value: T } | { ok: false };

export function attempt<T>(open: () => T): Opened<T> {
  try {
    return { ok: true, value: open() };
  } catch {
    return { ok: false };
  }
}

/** Opens a record key sealed to `org`; null when it does not open. */
export function openKey(sealedKey: string | null | undefined, org: BoxKeyPair): Uint8Array | null {
  if (!sealedKey) return null;
  try {
    return openRecordKey(fromB64(sealedKey), org);
  } catch {
    return null;
  }
}

/** A field's plaintext; null when nothing was written, `{ ok: false }` when it cannot be read. */
export function openField(
  key: Uint8Array | null,
  table: SealedTable,
  column: string,
  recordId: string,
  sealed: string | null | undefined,
): Opened<string> | null {
  if (sealed === null || sealed === undefined || sealed === '') return null;
  if (!key) return { ok: false };
  return attempt(() =>
    decryptFieldText(key, fromB64(sealed), sealedContext(table, column, recordId)),
  );
}

/** The text of an opened field for a screen: '' when empty, null when it cannot be read. */
export function textOf(opened: Opened<string> | null): string | null {
  if (opened === null) return '';
  return opened.ok ? opened.value : null;
}

/** Encrypts one field under a record key, as a base64url envelope. */
export function sealField(
  key: Uint8Array,
  table: SealedTable,
  column: string,
  recordId: string,
  text: string,
): string {
  return toB64(encryptField(key, text, sealedContext(table, column, recordId)));
}

/** Encrypts a field only when something was written; null otherwise. */
export function sealOptional(
  key: Uint8Array,
  table: SealedTable,
  column: string,
  recordId: string,
  text: string,
): string | null {
  return text.trim() === '' ? null : sealField(key, table, column, recordId, text.trim());
}

/** A new record key and its copy sealed to the organisation's public key. */
export function newRecordKey(orgPublicKey: Uint8Array): { key: Uint8Array; sealedKey: string } {
  const key = generateRecordKey();
  return { key, sealedKey: toB64(sealRecordKey(key, orgPublicKey)) };
}

/** A random id, made here because a sealed field's context names its record id. */
export function newId(): string {
  return crypto.randomUUID();
}
