// Password-derived member keys, record keys and key grants (DESIGN.md, "Encryption").
import {
  generateSymmetricKey,
  openSealed,
  sealTo,
  type BoxKeyPair,
  boxKeyPairFromPrivate,
} from './envelope.ts';
import { sodium } from './sodium.ts';

/**
 * Argon2id cost. Chosen so a cheap phone in a browser (WASM, ~4x slower than Node) still
 * logs in within a few seconds: 64 MiB and 3 passes take ≈ 0.27 s in Node 24 on the
 * reference machine (docs/benchmarks.md). The parameters are stored per member, so they
 * can be raised later without locking anyone out.
 */
export interface KdfParams {
  /** Argon2id passes (crypto_pwhash opslimit). */
  opslimit: number;
  /** Argon2id memory in bytes (crypto_pwhash memlimit). */
  memlimit: number;
}

export const DEFAULT_KDF: KdfParams = { opslimit: 3, memlimit: 64 * 1024 * 1024 };

/** The cheapest parameters libsodium accepts; for tests and benchmarks only. */
export const TEST_KDF: KdfParams = { opslimit: 1, memlimit: 8192 };

export const SALT_BYTES = 16;

const KDF_CONTEXT = 'qorganlg'; // exactly crypto_kdf_CONTEXTBYTES (8) characters
const SUBKEY_WRAP = 1;
const SUBKEY_AUTH = 2;

export interface LoginKeys {
  /** Unwraps the member's private key; never leaves the browser. */
  wrapKey: Uint8Array;
  /** Proves knowledge of the password to the server; the server stores only a slow hash. */
  authKey: Uint8Array;
}

export function generateSalt(): Uint8Array {
  return sodium().randombytes_buf(SALT_BYTES);
}

/**
 * Derives the two login keys from a password with Argon2id. The server receives only
 * `authKey`; `wrapKey` is a different subkey, so the server cannot unwrap the member key.
 */
export function deriveLoginKeys(password: string, salt: Uint8Array, params: KdfParams): LoginKeys {
  const s = sodium();
  if (salt.length !== SALT_BYTES) throw new Error(`salt must be ${SALT_BYTES} bytes`);
  const master = s.crypto_pwhash(
    32,
    password.normalize('NFC'),
    salt,
    params.opslimit,
    params.memlimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
  const keys = {
    wrapKey: s.crypto_kdf_derive_from_key(32, SUBKEY_WRAP, KDF_CONTEXT, master),
    authKey: s.crypto_kdf_derive_from_key(32, SUBKEY_AUTH, KDF_CONTEXT, master),
  };
  s.memzero(master);
  return keys;
}

/** A new record key; sealed fields of one report, incident or case are encrypted with it. */
export function generateRecordKey(): Uint8Array {
  return generateSymmetricKey();
}

/** Seals an organisation private key to a member's public key ("key grant"). */
export function createKeyGrant(orgPrivateKey: Uint8Array, memberPublicKey: Uint8Array): Uint8Array {
  return sealTo(memberPublicKey, orgPrivateKey);
}

/** Opens a key grant with the member's key pair and returns the organisation key pair. */
export function openKeyGrant(grant: Uint8Array, member: BoxKeyPair): BoxKeyPair {
  return boxKeyPairFromPrivate(openSealed(member, grant));
}

/** Seals a record key to an organisation (the owner, or one the record is referred to). */
export function sealRecordKey(recordKey: Uint8Array, orgPublicKey: Uint8Array): Uint8Array {
  return sealTo(orgPublicKey, recordKey);
}

export function openRecordKey(sealed: Uint8Array, org: BoxKeyPair): Uint8Array {
  return openSealed(org, sealed);
}
