// Binary values cross JSON as unpadded base64url.
import { sodium } from './sodium.ts';

export function toB64(bytes: Uint8Array): string {
  const s = sodium();
  return s.to_base64(bytes, s.base64_variants.URLSAFE_NO_PADDING);
}

export function fromB64(text: string): Uint8Array {
  const s = sodium();
  return s.from_base64(text, s.base64_variants.URLSAFE_NO_PADDING);
}

export function toHex(bytes: Uint8Array): string {
  return sodium().to_hex(bytes);
}

export function fromHex(hex: string): Uint8Array {
  return sodium().from_hex(hex);
}

export function randomBytes(n: number): Uint8Array {
  return sodium().randombytes_buf(n);
}

/** Constant-time equality of two byte arrays of the same length. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium().memcmp(a, b);
}
