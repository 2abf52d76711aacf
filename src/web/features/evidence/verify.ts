// "Verify now": every stored file of an item is fetched (one "verified" custody entry
// each), decrypted and re-hashed here; the hashes are compared with the ciphertext hash
// the server recorded and the plaintext hash and size sealed in the meta; the sealed hash
// manifest is re-encoded and its digest compared with the stored one; every timestamp
// token is checked against the authority's CA. The result goes into the custody log.
import {
  DecryptionError,
  fromB64,
  fromHex,
  toHex,
  type BoxKeyPair,
} from '../../../common/crypto/index.ts';
import { decodeHashManifest, hashManifestDigest } from '../../../common/evidence/hash-manifest.ts';
import type { SealedItemMeta } from '../../../common/evidence/item-crypto.ts';
import { evidenceApi, type EvidenceItem } from './api.ts';
import { decryptStream, forget, infoOf, openFileKeyOf } from './crypto.ts';

export interface Check {
  /** What was checked, e.g. `original` (a file's role), `manifest`, `timestamp`. */
  subject: string;
  ok: boolean;
  /** Machine codes of what failed (recorded in the custody log). */
  failures: string[];
}

export interface VerificationResult {
  ok: boolean;
  checks: Check[];
  failures: string[];
}

async function checkFiles(
  item: EvidenceItem,
  meta: SealedItemMeta,
  org: BoxKeyPair,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const file of item.files) {
    const failures: string[] = [];
    const info = infoOf(meta, file.id);
    if (!info) failures.push(`${file.role}_not_in_meta`);
    try {
      const response = await evidenceApi.fileContent(file.id, 'verify');
      const key = openFileKeyOf(item, file, org);
      try {
        const summary = await decryptStream(response.body, key, () => undefined);
        if (summary.ciphertextSha256 !== file.ciphertextSha256)
          failures.push(`${file.role}_ciphertext_hash_mismatch`);
        if (info && summary.plaintextSha256 !== info.sha256)
          failures.push(`${file.role}_hash_mismatch`);
        if (info && summary.plaintextBytes !== info.size)
          failures.push(`${file.role}_size_mismatch`);
      } finally {
        forget(key);
      }
    } catch (error) {
      failures.push(
        error instanceof DecryptionError
          ? `${file.role}_decryption_failed`
          : `${file.role}_not_readable`,
      );
    }
    checks.push({ subject: file.role, ok: failures.length === 0, failures });
  }
  return checks;
}

function checkManifest(item: EvidenceItem, meta: SealedItemMeta): Check {
  const failures: string[] = [];
  const bytes = new TextEncoder().encode(meta.hashManifest);
  try {
    const manifest = decodeHashManifest(bytes);
    if (manifest.itemId !== item.id) failures.push('manifest_wrong_item');
    if (item.manifestDigest !== toHex(hashManifestDigest(bytes)))
      failures.push('manifest_digest_mismatch');
    for (const info of meta.files) {
      const listed = manifest.files.find((f) => f.role === info.role);
      if (!listed || listed.sha256 !== info.sha256 || listed.size !== info.size)
        failures.push(`manifest_${info.role}_mismatch`);
    }
    if (manifest.files.length !== meta.files.length) failures.push('manifest_file_count_mismatch');
  } catch {
    failures.push('manifest_malformed');
  }
  return { subject: 'manifest', ok: failures.length === 0, failures };
}

async function checkTimestamps(item: EvidenceItem): Promise<Check[]> {
  if (item.timestamps.length === 0 || !item.manifestDigest) return [];
  const digest = item.manifestDigest;
  const [{ verifyTimestampToken }, authority] = await Promise.all([
    // pkijs is large: loaded only when a member verifies.
    import('../../../common/evidence/timestamp.ts'),
    evidenceApi.timestampAuthority(),
  ]);
  const checks: Check[] = [];
  for (const stamp of item.timestamps) {
    const failures: string[] = [];
    if (stamp.digest !== digest) failures.push('timestamp_digest_mismatch');
    try {
      const result = await verifyTimestampToken(fromB64(stamp.token), {
        digest: fromHex(digest),
        trustedCaPem: authority.caCertificatesPem,
      });
      for (const failure of result.failures) failures.push(`timestamp_${failure}`);
    } catch {
      failures.push('timestamp_malformed');
    }
    checks.push({ subject: 'timestamp', ok: failures.length === 0, failures });
  }
  return checks;
}

/** Runs every check and records the result; returns what each check found. */
export async function verifyItem(
  item: EvidenceItem,
  meta: SealedItemMeta,
  org: BoxKeyPair,
): Promise<VerificationResult> {
  const checks = [
    ...(await checkFiles(item, meta, org)),
    checkManifest(item, meta),
    ...(await checkTimestamps(item)),
  ];
  const failures = [...new Set(checks.flatMap((c) => c.failures))];
  const ok = failures.length === 0;
  await evidenceApi.recordVerification(item.id, {
    result: ok ? 'pass' : 'fail',
    failures: failures.slice(0, 50).map((f) => f.slice(0, 100)),
  });
  return { ok, checks, failures };
}
