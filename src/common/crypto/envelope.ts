// The ciphertext envelope of DESIGN.md. Every ciphertext starts with a format version
// byte and an algorithm id, so stored data stays readable when the format evolves.
//
//   field   [1][ALG_FIELD]  [nonce 24][XChaCha20-Poly1305 ciphertext+tag]   AAD = header ‖ context
//   sealed  [1][ALG_SEALED] [crypto_box_seal output]                         X25519 anonymous sender
//   wrapped [1][ALG_WRAP]   [nonce 24][secretbox ciphertext+tag]             XSalsa20-Poly1305
//
// The context string binds a field ciphertext to where it belongs (table, column, record
// id), so a database insider cannot move a sealed value from one record to another.
import { sodium } from './sodium.ts';

export const FORMAT_VERSION = 1;
export const ALG_FIELD = 1;
export const ALG_SEALED = 2;
export const ALG_WRAP = 3;
export const ALG_STREAM = 4;

export const KEY_BYTES = 32;
const HEADER_BYTES = 2;

/** A ciphertext could not be opened: wrong key, wrong context, tampered or truncated. */
export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`decryption failed: ${reason}`);
    this.name = 'DecryptionError';
  }
}

export function header(alg: number): Uint8Array {
  return Uint8Array.of(FORMAT_VERSION, alg);
}

export function checkHeader(envelope: Uint8Array, alg: number, minBody: number): void {
  if (envelope.length < HEADER_BYTES + minBody) throw new DecryptionError('ciphertext too short');
  if (envelope[0] !== FORMAT_VERSION) {
    throw new DecryptionError(`unknown format version ${String(envelope[0])}`);
  }
  if (envelope[1] !== alg) {
    throw new DecryptionError(`expected algorithm ${alg}, found ${String(envelope[1])}`);
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function toBytes(value: Uint8Array | string): Uint8Array {
  return typeof value === 'string' ? sodium().from_string(value) : value;
}

function assertKey(key: Uint8Array, what: string): void {
  if (key.length !== KEY_BYTES) throw new Error(`${what} must be ${KEY_BYTES} bytes`);
}

/** A fresh random symmetric key (record key, file key). */
export function generateSymmetricKey(): Uint8Array {
  return sodium().crypto_aead_xchacha20poly1305_ietf_keygen();
}

/**
 * Encrypts one sealed field with a record key. `nonce` is only for known-answer tests;
 * production callers let it be random.
 */
export function encryptField(
  key: Uint8Array,
  plaintext: Uint8Array | string,
  context: string,
  nonce?: Uint8Array,
): Uint8Array {
  const s = sodium();
  assertKey(key, 'field key');
  const n = nonce ?? s.randombytes_buf(s.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const head = header(ALG_FIELD);
  const aad = concat(head, s.from_string(context));
  const ct = s.crypto_aead_xchacha20poly1305_ietf_encrypt(toBytes(plaintext), aad, null, n, key);
  return concat(head, n, ct);
}

export function decryptField(key: Uint8Array, envelope: Uint8Array, context: string): Uint8Array {
  const s = sodium();
  assertKey(key, 'field key');
  const nonceBytes = s.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  checkHeader(envelope, ALG_FIELD, nonceBytes + s.crypto_aead_xchacha20poly1305_ietf_ABYTES);
  const aad = concat(envelope.subarray(0, HEADER_BYTES), s.from_string(context));
  const nonce = envelope.subarray(HEADER_BYTES, HEADER_BYTES + nonceBytes);
  try {
    return s.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      envelope.subarray(HEADER_BYTES + nonceBytes),
      aad,
      nonce,
      key,
    );
  } catch {
    throw new DecryptionError('field authentication failed (wrong key, context or tampered)');
  }
}

export function decryptFieldText(key: Uint8Array, envelope: Uint8Array, context: string): string {
  return sodium().to_string(decryptField(key, envelope, context));
}

/** Seals bytes to an X25519 public key (anonymous sender): key grants, record keys, emails. */
export function sealTo(publicKey: Uint8Array, plaintext: Uint8Array | string): Uint8Array {
  const s = sodium();
  if (publicKey.length !== s.crypto_box_PUBLICKEYBYTES) throw new Error('bad public key length');
  return concat(header(ALG_SEALED), s.crypto_box_seal(toBytes(plaintext), publicKey));
}

export function openSealed(keyPair: BoxKeyPair, envelope: Uint8Array): Uint8Array {
  const s = sodium();
  checkHeader(envelope, ALG_SEALED, s.crypto_box_SEALBYTES);
  try {
    return s.crypto_box_seal_open(
      envelope.subarray(HEADER_BYTES),
      keyPair.publicKey,
      keyPair.privateKey,
    );
  } catch {
    throw new DecryptionError('sealed box could not be opened (wrong key or tampered)');
  }
}

export function openSealedText(keyPair: BoxKeyPair, envelope: Uint8Array): string {
  return sodium().to_string(openSealed(keyPair, envelope));
}

/** Wraps a private key with a key-encryption key derived from a password (secretbox). */
export function wrapKey(kek: Uint8Array, secret: Uint8Array, nonce?: Uint8Array): Uint8Array {
  const s = sodium();
  assertKey(kek, 'key-encryption key');
  const n = nonce ?? s.randombytes_buf(s.crypto_secretbox_NONCEBYTES);
  return concat(header(ALG_WRAP), n, s.crypto_secretbox_easy(secret, n, kek));
}

export function unwrapKey(kek: Uint8Array, envelope: Uint8Array): Uint8Array {
  const s = sodium();
  assertKey(kek, 'key-encryption key');
  const nonceBytes = s.crypto_secretbox_NONCEBYTES;
  checkHeader(envelope, ALG_WRAP, nonceBytes + s.crypto_secretbox_MACBYTES);
  try {
    return s.crypto_secretbox_open_easy(
      envelope.subarray(HEADER_BYTES + nonceBytes),
      envelope.subarray(HEADER_BYTES, HEADER_BYTES + nonceBytes),
      kek,
    );
  } catch {
    throw new DecryptionError('wrapped key could not be opened (wrong password or tampered)');
  }
}

export interface BoxKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** A fresh X25519 key pair (organisation key, member key). */
export function generateBoxKeyPair(): BoxKeyPair {
  const kp = sodium().crypto_box_keypair();
  return { publicKey: kp.publicKey, privateKey: kp.privateKey };
}

/** Rebuilds the key pair from its private half (the public key is derived, not stored). */
export function boxKeyPairFromPrivate(privateKey: Uint8Array): BoxKeyPair {
  return { publicKey: sodium().crypto_scalarmult_base(privateKey), privateKey };
}

/**
 * A short, human-comparable fingerprint of a public key, so two people can check out of
 * band that the server did not substitute a key (BLAKE2b-160, grouped hex).
 */
export function fingerprint(publicKey: Uint8Array): string {
  const hex = sodium().to_hex(sodium().crypto_generichash(20, publicKey, null));
  return (hex.match(/.{4}/g) ?? []).join(' ').toUpperCase();
}
