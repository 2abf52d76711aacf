// The hash manifest of an evidence item: the exact bytes a timestamp authority signs (by
// their SHA-256) and an evidence package carries (`items/<n>/hash-manifest.json`).
//
// It lists every file of the item with the SHA-256 and size of its plaintext. A random
// salt makes its digest unguessable, so sending the digest to an outside timestamp
// authority, or storing it in the clear, reveals nothing about which files the
// organisation holds. Encoding: JSON with sorted keys, no spaces, UTF-8 (`canonical`).
import { z } from 'zod';
import { sodium } from '../crypto/sodium.ts';
import { EVIDENCE_FILE_ROLES, EVIDENCE_KINDS } from './vocabulary.ts';

export const HASH_MANIFEST_FORMAT = 'qorgan-hash-manifest/1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const hashManifestSchema = z.strictObject({
  format: z.literal(HASH_MANIFEST_FORMAT),
  itemId: z.uuid(),
  kind: z.enum(EVIDENCE_KINDS),
  /** 32 random bytes, lowercase hex. */
  salt: hex64,
  files: z
    .array(
      z.strictObject({
        role: z.enum(EVIDENCE_FILE_ROLES),
        sha256: hex64,
        size: z.number().int().nonnegative(),
        mediaType: z.string().max(255),
      }),
    )
    .min(1),
  /** For a capture: the address asked for, the final address and when it was captured. */
  capture: z
    .strictObject({
      requestedUrl: z.string().max(8192),
      finalUrl: z.string().max(8192),
      capturedAt: z.iso.datetime(),
    })
    .optional(),
  /** For a working copy or thumbnail: it was derived from the original (by role). */
  derivedFrom: z.literal('original').optional(),
});
export type HashManifest = z.infer<typeof hashManifestSchema>;

/** JSON with object keys sorted and no whitespace: one value, one encoding. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The manifest's bytes: what is hashed, timestamped and shipped in a package. */
export function encodeHashManifest(manifest: HashManifest): Uint8Array {
  return new TextEncoder().encode(canonicalJson(hashManifestSchema.parse(manifest)));
}

/** Parses manifest bytes and checks they are in canonical form (else throws). */
export function decodeHashManifest(bytes: Uint8Array): HashManifest {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const manifest = hashManifestSchema.parse(JSON.parse(text));
  if (canonicalJson(manifest) !== text)
    throw new Error('the hash manifest is not in canonical form');
  return manifest;
}

/** SHA-256 of the manifest bytes: the digest a timestamp token covers. */
export function hashManifestDigest(bytes: Uint8Array): Uint8Array {
  return sodium().crypto_hash_sha256(bytes);
}
