// The cases API as the screens use it: one function per route. Responses are checked
// against the server's own zod schemas (src/common/api/cases.ts).
import { z } from 'zod';
import * as c from '../../../common/api/cases.ts';
import { http } from '../../api/client.ts';

export type CaseSummary = z.infer<typeof c.caseSummary>;
export type CaseDetail = z.infer<typeof c.caseDetail>;
export type Task = z.infer<typeof c.task>;
export type Contact = z.infer<typeof c.contact>;
export type Consent = z.infer<typeof c.consent>;
export type ReferralSummary = z.infer<typeof c.referralSummary>;
export type ReferralDetail = z.infer<typeof c.referralDetail>;
export type ReferralBundle = z.infer<typeof c.referralBundle>;
export type Timeline = z.infer<typeof c.timeline>;
export type TimelineItem = z.infer<typeof c.timelineItem>;
export type Partner = z.infer<typeof c.partner>;
export type InstanceOrganisations = z.infer<typeof c.instanceOrganisations>;
export type Dashboard = z.infer<typeof c.dashboard>;
export type VersionEntry = z.infer<typeof c.versionEntry>;

const id = (value: string) => encodeURIComponent(value);
/** An answer the screens do not read: they reload what they show. */
const ignored = z.unknown();

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `?${qs}` : '';
}

/** Only what a lookup by reference needs; the records API owns the full shapes. */
const incidentRefs = z.object({
  incidents: z.array(z.object({ id: z.string(), reference: z.string() })),
});
const personRefs = z.object({
  people: z.array(z.object({ id: z.string(), codeName: z.string() })),
});
const reportRefs = z.object({
  reports: z.array(z.object({ id: z.string(), reference: z.string(), status: z.string() })),
});

export const casesApi = {
  dashboard: () => http.get('/api/dashboard', c.dashboard),
  list: (q: c.CaseListQuery) =>
    http.get(
      `/api/cases${query({ status: q.status, assigned: q.assigned, restricted: q.restricted, overdue: q.overdue, after: q.after, limit: 50 })}`,
      c.caseList,
    ),
  create: (body: c.CreateCaseRequest) => http.post('/api/cases', body, c.createdCase),
  settings: () => http.get('/api/cases/settings', c.caseSettings),
  saveSettings: (contactAlertDays: number) =>
    http.put('/api/cases/settings', { contactAlertDays }, c.caseSettings),
  get: (caseId: string) => http.get(`/api/cases/${id(caseId)}`, c.caseDetail),
  update: (caseId: string, body: c.UpdateCaseRequest) =>
    http.patch(`/api/cases/${id(caseId)}`, body, c.caseVersionResponse),
  changeStatus: (caseId: string, body: z.input<typeof c.changeCaseStatus>) =>
    http.post(`/api/cases/${id(caseId)}/status`, body, c.caseVersionResponse),
  versions: (caseId: string) => http.get(`/api/cases/${id(caseId)}/versions`, c.versionList),
  restore: (caseId: string, version: number, expectedVersion: number) =>
    http.post(
      `/api/cases/${id(caseId)}/versions/${version}/restore`,
      { expectedVersion },
      c.caseVersionResponse,
    ),
  assign: (caseId: string, memberId: string) =>
    http.put(`/api/cases/${id(caseId)}/members/${id(memberId)}`, {}, ignored),
  unassign: (caseId: string, memberId: string) =>
    http.delete(`/api/cases/${id(caseId)}/members/${id(memberId)}`),
  link: (caseId: string, kind: LinkKind, recordId: string) =>
    http.put(`/api/cases/${id(caseId)}/${kind}/${id(recordId)}`, {}, ignored),
  unlink: (caseId: string, kind: LinkKind, recordId: string) =>
    http.delete(`/api/cases/${id(caseId)}/${kind}/${id(recordId)}`),
  timeline: (caseId: string) => http.get(`/api/cases/${id(caseId)}/timeline`, c.timeline),
  contacts: (caseId: string) => http.get(`/api/cases/${id(caseId)}/contacts`, c.contactList),
  createTask: (caseId: string, body: c.CreateTaskRequest) =>
    http.post(`/api/cases/${id(caseId)}/tasks`, body, c.taskResponse),
  updateTask: (taskId: string, body: c.UpdateTaskRequest) =>
    http.patch(`/api/tasks/${id(taskId)}`, body, c.taskResponse),
  recordContact: (caseId: string, body: c.CreateContactRequest) =>
    http.post(`/api/cases/${id(caseId)}/contacts`, body),
  recordConsent: (caseId: string, body: c.RecordConsentRequest) =>
    http.post(`/api/cases/${id(caseId)}/consents`, body, c.consentResponse),
  withdrawConsent: (caseId: string, consentId: string) =>
    http.post(`/api/cases/${id(caseId)}/consents/${id(consentId)}/withdraw`, {}, ignored),
  referralPlan: (caseId: string, scope: readonly string[]) =>
    http.get(
      `/api/cases/${id(caseId)}/referral-plan${query({ scope: scope.join(',') })}`,
      c.referralPlan,
    ),
  refer: (caseId: string, body: c.SendReferralRequest) =>
    http.post(`/api/cases/${id(caseId)}/referrals`, body, c.referralDetail),
  referrals: (direction: 'incoming' | 'outgoing') =>
    http.get(`/api/referrals${query({ direction })}`, c.referralList),
  referral: (referralId: string) => http.get(`/api/referrals/${id(referralId)}`, c.referralDetail),
  accept: (referralId: string, sealedReply?: string) =>
    http.post(`/api/referrals/${id(referralId)}/accept`, { sealedReply }, c.referralDetail),
  decline: (referralId: string, sealedReply?: string) =>
    http.post(`/api/referrals/${id(referralId)}/decline`, { sealedReply }, c.referralDetail),
  withdraw: (referralId: string) =>
    http.post(`/api/referrals/${id(referralId)}/withdraw`, {}, c.referralDetail),
  bundle: (referralId: string) =>
    http.get(`/api/referrals/${id(referralId)}/bundle`, c.referralBundle),
  partners: () => http.get('/api/partners', c.partnerList),
  organisations: () => http.get('/api/partners/organisations', c.instanceOrganisations),
  addPartner: (organisationId: string) =>
    http.put(`/api/partners/${id(organisationId)}`, {}, ignored),
  removePartner: (organisationId: string) => http.delete(`/api/partners/${id(organisationId)}`),
  publicKey: (organisationId: string) =>
    http.get(`/api/partners/${id(organisationId)}/public-key`, c.partnerPublicKey),

  // Lookups in the records and reports lists, to link an existing record by its reference.
  incidentRefs: () => http.get('/api/incidents?limit=500&sort=created', incidentRefs),
  personRefs: () => http.get('/api/people?limit=500', personRefs),
  reportRefs: () => http.get('/api/reports?status=accepted&limit=500', reportRefs),
};

export type LinkKind = 'incidents' | 'people' | 'reports';
