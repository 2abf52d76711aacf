import { findRecordKey } from '../records/record-keys.repository.ts';
import type { Db } from './cases.repository.ts';

/** The organisation's copy of a case's key; every case has one from its creation. */
export async function caseKey(db: Db, caseId: string, organisationId: string): Promise<Uint8Array> {
  const key = await findRecordKey(db, caseId, organisationId);
  if (!key) throw new Error(`case ${caseId} has no key copy for its organisation`);
  return key;
}
