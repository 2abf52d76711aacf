// What a referral scope shares: the case itself, plus (as the scope says) its linked
// incidents, people and interventions, and its linked reports with each of their files.
// The plan the browser re-seals and the check of what it sends use this one function, so
// the two cannot disagree.
import type { ConsentScope } from '../../../common/cases/vocabulary.ts';
import { findRecordKeys } from '../records/record-keys.repository.ts';
import { listLinkedIds, type Db } from './cases.repository.ts';
import { listReportFileKeys, listReportKeys } from './referrals.repository.ts';

export type SharedRecordType =
  'case' | 'incident' | 'person' | 'intervention' | 'report' | 'report_file';

export interface SharedRecord {
  recordId: string;
  recordType: SharedRecordType;
  /** The owning organisation's copy of the record's (or file's) key. */
  sealedKey: Uint8Array;
}

export async function sharedRecordsOf(
  db: Db,
  options: { caseId: string; organisationId: string; scope: readonly ConsentScope[] },
): Promise<SharedRecord[]> {
  const { caseId, organisationId, scope } = options;
  const linked = await listLinkedIds(db, caseId);
  const keyed: { id: string; type: SharedRecordType }[] = [{ id: caseId, type: 'case' }];
  if (scope.includes('incidents'))
    keyed.push(...linked.incidents.map((id) => ({ id, type: 'incident' as const })));
  if (scope.includes('people'))
    keyed.push(...linked.people.map((id) => ({ id, type: 'person' as const })));
  if (scope.includes('interventions')) {
    keyed.push(...linked.interventions.map((id) => ({ id, type: 'intervention' as const })));
  }
  const keys = await findRecordKeys(
    db,
    keyed.map((k) => k.id),
    organisationId,
  );
  const out: SharedRecord[] = [];
  for (const k of keyed) {
    const sealedKey = keys.get(k.id);
    // A record without this organisation's key copy cannot be re-sealed; it is not shared.
    if (sealedKey) out.push({ recordId: k.id, recordType: k.type, sealedKey });
  }
  if (scope.includes('reports')) {
    for (const report of await listReportKeys(db, linked.reports)) {
      out.push({ recordId: report.id, recordType: 'report', sealedKey: report.sealed_record_key });
    }
    for (const file of await listReportFileKeys(db, linked.reports)) {
      out.push({ recordId: file.id, recordType: 'report_file', sealedKey: file.sealed_file_key });
    }
  }
  return out;
}
