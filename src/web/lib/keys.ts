// Browser-side key handling. Keys live only in memory (React state): never in
// localStorage, sessionStorage, IndexedDB or the console.
import {
  boxKeyPairFromPrivate,
  bytesEqual,
  DEFAULT_KDF,
  deriveLoginKeys,
  fromB64,
  generateSalt,
  openKeyGrant,
  openSealedText,
  sodium,
  toB64,
  unwrapKey,
  type BoxKeyPair,
  type LoginKeys,
} from '../../common/crypto/index.ts';
import type { KdfDto, Me } from '../api/endpoints.ts';

/** The server's copy of a public key does not match the private key we hold. */
export class KeyMismatchError extends Error {
  constructor(what: 'member' | 'organisation') {
    super(`${what} key mismatch`);
    this.name = 'KeyMismatchError';
  }
}

/**
 * Waits until the browser has painted, so a "deriving keys…" message is on screen
 * before Argon2id blocks the main thread for up to a few seconds. The timeout covers
 * background tabs, where animation frames do not fire.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/** Argon2id with the member's stored parameters (or fake ones, for an unknown e-mail). */
export async function deriveFromDto(password: string, kdf: KdfDto): Promise<LoginKeys> {
  await afterPaint();
  return deriveLoginKeys(password, fromB64(kdf.salt), {
    opslimit: kdf.opslimit,
    memlimit: kdf.memlimit,
  });
}

/** Fresh parameters for a new or changed password: a new salt, today's default cost. */
export function newKdf(): KdfDto {
  return {
    salt: toB64(generateSalt()),
    opslimit: DEFAULT_KDF.opslimit,
    memlimit: DEFAULT_KDF.memlimit,
  };
}

export function forget(...keys: Uint8Array[]): void {
  for (const key of keys) sodium().memzero(key);
}

/**
 * Unwraps the member private key; throws DecryptionError for a wrong password, and
 * KeyMismatchError when the key does not belong to the public key the server holds.
 */
export function unlockMemberKey(wrapKey: Uint8Array, me: Me): BoxKeyPair {
  const member = boxKeyPairFromPrivate(unwrapKey(wrapKey, fromB64(me.member.wrappedPrivateKey)));
  if (!bytesEqual(member.publicKey, fromB64(me.member.publicKey)))
    throw new KeyMismatchError('member');
  return member;
}

/** Opens the key grant, if an admin has made one, and checks it is this organisation's key. */
export function openOrgKey(me: Me, member: BoxKeyPair): BoxKeyPair | null {
  if (!me.keyGrant) return null;
  const org = openKeyGrant(fromB64(me.keyGrant), member);
  if (!bytesEqual(org.publicKey, fromB64(me.organisation.publicKey)))
    throw new KeyMismatchError('organisation');
  return org;
}

/** Decrypts a value sealed to the organisation; null when locked or it cannot be opened. */
export function openText(org: BoxKeyPair | null, sealed: string): string | null {
  if (!org) return null;
  try {
    return openSealedText(org, fromB64(sealed));
  } catch {
    return null;
  }
}
