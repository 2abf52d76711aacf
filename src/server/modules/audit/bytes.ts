import { timingSafeEqual } from 'node:crypto';

export function bytesEqualNode(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
