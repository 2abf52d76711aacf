// The evidence API as the screens use it: one function per route. Responses are checked
// against the server's own zod schemas (src/common/api/evidence.ts). Uploads go through
// src/common/evidence/upload-client.ts, which speaks the resumable upload routes itself.
import { z } from 'zod';
import * as e from '../../../common/api/evidence.ts';
import type { AccessPurpose } from '../../../common/evidence/vocabulary.ts';
import { http } from '../../api/client.ts';

export type EvidenceItem = e.EvidenceItem;
export type EvidenceFile = e.EvidenceFile;
export type EvidenceTimestamp = e.EvidenceTimestamp;
export type CustodyReport = e.CustodyReport;
export type CustodyEntry = e.CustodyEntry;
export type EvidenceList = z.infer<typeof e.evidenceList>;
export type TimestampAuthority = z.infer<typeof e.timestampAuthority>;
export type EvidenceParent = { incidentId: string } | { caseId: string };

const id = (value: string) => encodeURIComponent(value);
const exportAnswer = z.object({ entries: z.array(e.custodyEntry) });
/** 201 with the token, or 202 when the authority failed and a background job keeps trying. */
const timestampAnswer = z.union([
  e.evidenceTimestamp,
  z.object({ pending: z.literal(true), reason: z.string() }),
]);

export function parentQuery(parent: EvidenceParent): string {
  return 'incidentId' in parent
    ? `incidentId=${id(parent.incidentId)}`
    : `caseId=${id(parent.caseId)}`;
}

export const evidenceApi = {
  list: (parent: EvidenceParent) =>
    http.get(`/api/evidence/items?${parentQuery(parent)}`, e.evidenceList),
  item: (itemId: string) => http.get(`/api/evidence/items/${id(itemId)}`, e.evidenceItem),
  commit: (body: e.CommitItemRequest) => http.post('/api/evidence/items', body, e.evidenceItem),
  /** The stored ciphertext as a streaming response; the server logs one custody entry. */
  fileContent: (fileId: string, purpose: AccessPurpose) =>
    http.bytes(`/api/evidence/files/${id(fileId)}/content?purpose=${purpose}`),
  recordVerification: (itemId: string, body: z.input<typeof e.recordVerification>) =>
    http.post(`/api/evidence/items/${id(itemId)}/verifications`, body, e.custodyEntry),
  recordExport: (body: z.input<typeof e.recordExport>) =>
    http.post('/api/evidence/exports', body, exportAnswer),
  custody: (itemId: string) =>
    http.get(`/api/evidence/items/${id(itemId)}/custody`, e.custodyReport),
  requestTimestamp: (itemId: string, digest: string) =>
    http.post(`/api/evidence/items/${id(itemId)}/timestamps`, { digest }, timestampAnswer),
  timestampAuthority: () => http.get('/api/evidence/timestamp-authority', e.timestampAuthority),
  capture: (body: z.input<typeof e.createCapture>) =>
    http.post('/api/evidence/captures', body, e.evidenceItem),
  remove: (itemId: string) => http.delete(`/api/evidence/items/${id(itemId)}`),
};
