// Timestamp tokens as the API shows them. `verified` is the server's own check of each
// token against the CA certificates configured now (imprint, signature, chain, usage); a
// token is never trusted because it was stored.
import type { EvidenceTimestamp } from '../../../common/api/evidence.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import { verifyTimestampToken } from '../../../common/evidence/timestamp.ts';
import type { TsaConfig } from '../../config.ts';
import type { TimestampRow } from './timestamp.repository.ts';

export function presentTimestamp(row: TimestampRow, verified: boolean): EvidenceTimestamp {
  return {
    id: row.id,
    digest: Buffer.from(row.digest).toString('hex'),
    tsaUrl: row.tsa_url,
    token: toB64(row.token),
    genTime: row.gen_time.toISOString(),
    serialNumber: row.serial_number,
    verified,
  };
}

/** Presents one token, checked against the configured authority's CA certificates. */
export async function presentCheckedTimestamp(
  row: TimestampRow,
  tsa: TsaConfig | null,
): Promise<EvidenceTimestamp> {
  if (!tsa) return presentTimestamp(row, false);
  const check = await verifyTimestampToken(row.token, {
    digest: row.digest,
    trustedCaPem: tsa.caCertificatesPem,
  });
  return presentTimestamp(row, check.ok);
}

/** Presents tokens, each checked against the configured authority's CA certificates. */
export async function presentTimestamps(
  rows: readonly TimestampRow[],
  tsa: TsaConfig | null,
): Promise<EvidenceTimestamp[]> {
  return Promise.all(rows.map((row) => presentCheckedTimestamp(row, tsa)));
}
