// The organisation recovery key: 256 random bits shown once as 24 words (BIP-39 English
// list, with its checksum catching a mistyped word). From it derive
//  - an X25519 key pair: the organisation private key is sealed to its public half;
//  - an Ed25519 key pair: the server keeps the public half and asks for a signature
//    before it lets the recovery key reset an admin account.
import { entropyToMnemonic, mnemonicToEntropy, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { BoxKeyPair } from './envelope.ts';
import { sodium } from './sodium.ts';

const KDF_CONTEXT = 'qorganrk';

export interface RecoveryKeys {
  box: BoxKeyPair;
  sign: { publicKey: Uint8Array; privateKey: Uint8Array };
}

export function generateRecoverySecret(): Uint8Array {
  return sodium().randombytes_buf(32);
}

export function recoverySecretToWords(secret: Uint8Array): string {
  return entropyToMnemonic(secret, wordlist);
}

/** Parses the words a person typed (any case, extra spaces); throws a readable error. */
export function recoveryWordsToSecret(words: string): Uint8Array {
  const normalised = words.trim().toLowerCase().split(/\s+/).join(' ');
  if (normalised.split(' ').length !== 24) throw new Error('a recovery key has 24 words');
  if (!validateMnemonic(normalised, wordlist)) {
    throw new Error('the recovery key is not valid: check each word for a typo');
  }
  return mnemonicToEntropy(normalised, wordlist);
}

export function deriveRecoveryKeys(secret: Uint8Array): RecoveryKeys {
  const s = sodium();
  const boxSeed = s.crypto_kdf_derive_from_key(s.crypto_box_SEEDBYTES, 1, KDF_CONTEXT, secret);
  const signSeed = s.crypto_kdf_derive_from_key(s.crypto_sign_SEEDBYTES, 2, KDF_CONTEXT, secret);
  const box = s.crypto_box_seed_keypair(boxSeed);
  const sign = s.crypto_sign_seed_keypair(signSeed);
  return {
    box: { publicKey: box.publicKey, privateKey: box.privateKey },
    sign: { publicKey: sign.publicKey, privateKey: sign.privateKey },
  };
}

/** What a recovery reset changes; the signature covers all of it. */
export interface RecoveryReset {
  memberId: string;
  publicKey: string;
  wrappedPrivateKey: string;
  kdf: { salt: string; opslimit: number; memlimit: number };
  authKey: string;
  sealedOrgKey: string;
}

/** BLAKE2b-256 of the reset's fields in a fixed order. */
export function recoveryResetDigest(reset: RecoveryReset): Uint8Array {
  const canonical = JSON.stringify([
    reset.memberId,
    reset.publicKey,
    reset.wrappedPrivateKey,
    reset.kdf.salt,
    reset.kdf.opslimit,
    reset.kdf.memlimit,
    reset.authKey,
    reset.sealedOrgKey,
  ]);
  return sodium().crypto_generichash(32, sodium().from_string(canonical), null);
}

/**
 * The message a recovery signature covers: one organisation, one single-use challenge and
 * the exact reset, so neither a replay nor an altered request body verifies.
 */
export function recoveryChallengeMessage(
  organisationId: string,
  nonce: Uint8Array,
  resetDigest: Uint8Array,
): Uint8Array {
  const s = sodium();
  // Fixed-length nonce and digest and a colon-free id keep the encoding unambiguous.
  if (nonce.length !== 32) throw new Error('a recovery nonce is 32 bytes');
  if (resetDigest.length !== 32) throw new Error('a reset digest is 32 bytes');
  if (organisationId.includes(':')) throw new Error('bad organisation id');
  const prefix = s.from_string(`qorgan-recovery-v2:${organisationId}:`);
  const out = new Uint8Array(prefix.length + 64);
  out.set(prefix);
  out.set(nonce, prefix.length);
  out.set(resetDigest, prefix.length + 32);
  return out;
}

export function signRecoveryChallenge(
  keys: RecoveryKeys,
  organisationId: string,
  nonce: Uint8Array,
  resetDigest: Uint8Array,
): Uint8Array {
  return sodium().crypto_sign_detached(
    recoveryChallengeMessage(organisationId, nonce, resetDigest),
    keys.sign.privateKey,
  );
}

export function verifyRecoverySignature(
  verifyKey: Uint8Array,
  organisationId: string,
  nonce: Uint8Array,
  resetDigest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const s = sodium();
  if (
    signature.length !== s.crypto_sign_BYTES ||
    verifyKey.length !== s.crypto_sign_PUBLICKEYBYTES ||
    nonce.length !== 32 ||
    resetDigest.length !== 32 ||
    organisationId.includes(':')
  ) {
    return false;
  }
  return s.crypto_sign_verify_detached(
    signature,
    recoveryChallengeMessage(organisationId, nonce, resetDigest),
    verifyKey,
  );
}
