// Loads what the item presenter needs: files, timestamp tokens (checked against the
// configured timestamp authority's certificates), and the parent's record key as sealed
// to the actor's organisation.
import type { EvidenceItem } from '../../../common/api/evidence.ts';
import { verifyTimestampToken } from '../../../common/evidence/timestamp.ts';
import type { AppConfig } from '../../config.ts';
import { findRecordKeys } from '../records/record-keys.repository.ts';
import type { Db } from './evidence.deps.ts';
import { presentItem } from './evidence.presenter.ts';
import {
  listFilesOf,
  listTimestampsOf,
  type ItemRow,
  type TimestampRow,
} from './items.repository.ts';

/** Whether a stored token verifies against the configured TSA certificates now. */
export async function timestampVerified(row: TimestampRow, config: AppConfig): Promise<boolean> {
  const tsa = config.evidence.tsa;
  if (!tsa || tsa.caCertificatesPem.length === 0) return false;
  try {
    const result = await verifyTimestampToken(row.token, {
      digest: row.digest,
      trustedCaPem: tsa.caCertificatesPem,
    });
    return result.ok;
  } catch {
    return false;
  }
}

/** The items as the API presents them, in the order given. */
export async function presentItems(
  db: Db,
  config: AppConfig,
  organisationId: string,
  items: readonly ItemRow[],
): Promise<EvidenceItem[]> {
  const ids = items.map((i) => i.id);
  const [files, stamps, keys] = await Promise.all([
    listFilesOf(db, ids),
    listTimestampsOf(db, ids),
    findRecordKeys(
      db,
      [...new Set(items.map((i) => i.incident_id ?? i.case_id ?? ''))],
      organisationId,
    ),
  ]);
  const checked = await Promise.all(
    stamps.map(async (row) => ({ row, verified: await timestampVerified(row, config) })),
  );
  return items.map((item) => {
    const parentId = item.incident_id ?? item.case_id ?? '';
    const sealedRecordKey = keys.get(parentId);
    // Every incident and case has its owner's key copy; without it nothing could be opened.
    if (!sealedRecordKey) throw new Error(`record ${parentId} has no key for its organisation`);
    return presentItem({
      item,
      sealedRecordKey,
      files: files.filter((f) => f.item_id === item.id),
      timestamps: checked.filter((t) => t.row.item_id === item.id),
    });
  });
}
