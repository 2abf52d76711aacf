// Hashing and byte sources shared by the package builder and verifier. SHA-256 goes
// through libsodium's incremental hash (WebCrypto has none), so a file of any size is
// hashed chunk by chunk with flat memory, in the browser and in Node alike.
import { sodium } from '../../crypto/sodium.ts';

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export interface Sha256 {
  update(chunk: Uint8Array): void;
  /** Lowercase hex; the hash cannot be updated afterwards. */
  hex(): string;
}

/** An incremental SHA-256 (libsodium must be loaded: `await loadSodium()`). */
export function createSha256(): Sha256 {
  const s = sodium();
  const state = s.crypto_hash_sha256_init();
  return {
    update(chunk) {
      if (chunk.length > 0) s.crypto_hash_sha256_update(state, chunk);
    },
    hex() {
      return toHex(s.crypto_hash_sha256_final(state));
    },
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sodium().crypto_hash_sha256(bytes));
}

/** A file's content as the caller can give it: a web stream or any async iterable. */
export type ByteSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** Reads a ByteSource chunk by chunk; a ReadableStream is released (and cancelled on error). */
export async function* iterate(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (!(source instanceof ReadableStream)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

const utf8 = new TextEncoder();
export const encodeUtf8 = (text: string) => utf8.encode(text);

/** PEM text of one DER certificate. */
export function derToPem(der: Uint8Array): string {
  const b64 = sodium().to_base64(der, sodium().base64_variants.ORIGINAL);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The DER bytes of every CERTIFICATE block in a PEM text (none when there is none). */
export function pemCertificatesDer(pem: string): Uint8Array[] {
  const blocks = [
    ...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g),
  ];
  return blocks.map((m) =>
    sodium().from_base64((m[1] ?? '').replace(/\s+/g, ''), sodium().base64_variants.ORIGINAL),
  );
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return [0x80 | bytes.length, ...bytes];
}

/**
 * A TimeStampResp (RFC 3161 §2.4.2) granting `token`: what `openssl ts -verify -in` and
 * other tools read from a `.tsr` file, so the package's tokens need no special flag.
 */
export function timestampResponseFromToken(token: Uint8Array): Uint8Array {
  // SEQUENCE { PKIStatusInfo SEQUENCE { status INTEGER 0 (granted) }, timeStampToken }
  const status = [0x30, 0x03, 0x02, 0x01, 0x00];
  const length = status.length + token.length;
  const head = [0x30, ...derLength(length), ...status];
  const out = new Uint8Array(head.length + token.length);
  out.set(head);
  out.set(token, head.length);
  return out;
}
