// Server-side handling of the values browsers send: tokens, auth keys, key material.
import { createHash, randomBytes } from 'node:crypto';
import { fromB64, toB64 } from '../../../common/crypto/encoding.ts';
import { fingerprint } from '../../../common/crypto/envelope.ts';
import type { KdfParams } from '../../../common/crypto/keys.ts';
import { sodium } from '../../../common/crypto/sodium.ts';
import { badRequest } from '../../http/errors.ts';

/** A random bearer token (setup, invitation, session, login challenge): 256 bits. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256; a database dump holds no usable token. */
export function hashToken(token: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(token).digest());
}

/** The slow server-side hash of an auth key (Argon2id, libsodium's string format). */
export function hashAuthKey(authKey: Uint8Array, params: KdfParams): string {
  return sodium().crypto_pwhash_str(authKey, params.opslimit, params.memlimit);
}

export function verifyAuthKey(hash: string, authKey: Uint8Array): boolean {
  return sodium().crypto_pwhash_str_verify(hash, authKey);
}

/** Decodes base64url that the schema already checked; a wrong length is the client's error. */
export function decodeKey(value: string, field: string, bytes?: number): Uint8Array {
  let decoded: Uint8Array;
  try {
    decoded = fromB64(value);
  } catch {
    throw badRequest('invalid_encoding', `${field} is not valid base64url.`);
  }
  if (bytes !== undefined && decoded.length !== bytes) {
    throw badRequest('invalid_key', `${field} must be ${bytes} bytes.`);
  }
  return decoded;
}

export function encode(bytes: Uint8Array): string {
  return toB64(bytes);
}

export { fingerprint };

/**
 * A coarse device label for the session list, so a member can recognise "Firefox ·
 * Android"; the full User-Agent string is not stored (it helps fingerprinting).
 */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /OPR\//.test(ua)
        ? 'Opera'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : /node|undici|curl/i.test(ua)
              ? 'Command line'
              : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iOS/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'unknown system';
  return `${browser} · ${os}`;
}
