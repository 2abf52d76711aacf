// One typed function per server route (src/common/api/accounts.ts is the contract).
import type { z } from 'zod';
import * as s from '../../common/api/accounts.ts';
import * as intake from '../../common/api/intake.ts';
import { http } from './client.ts';

export type Me = z.infer<typeof s.meResponse>;
export type MemberView = z.infer<typeof s.memberView>;
export type OrganisationView = z.infer<typeof s.organisationView>;
export type InvitationSummary = z.infer<typeof s.invitationSummary>;
export type SessionView = z.infer<typeof s.sessionView>;
export type AuditEvent = z.infer<typeof s.auditEventView>;
export type KeyStatus = z.infer<typeof s.keyStatusResponse>;
export type InvitationInfo = z.infer<typeof s.inspectInvitationResponse>;
export type RecoveryStart = z.infer<typeof s.recoveryStartResponse>;
export type NewMemberCredentials = z.infer<typeof s.newMemberCredentials>;
export type KdfDto = z.infer<typeof s.kdfParams>;

export type ReportSummary = z.infer<typeof intake.reportSummary>;
export type ReportList = z.infer<typeof intake.reportList>;
export type ReportDetail = z.infer<typeof intake.reportDetail>;
export type ReportFile = z.infer<typeof intake.reportFile>;
export type ReportMessage = z.infer<typeof intake.reportMessage>;
export type ReportListQuery = intake.ReportListQuery;
export type StatusChange = z.input<typeof intake.changeReportStatus>;
export type NotificationView = z.infer<typeof intake.notification>;
export type NotificationList = z.infer<typeof intake.notificationList>;

const anonymous = { anonymous: true };
const id = (value: string) => encodeURIComponent(value);

export const api = {
  setupStatus: () => http.get('/api/setup/status', s.setupStatusResponse),
  setup: (body: z.input<typeof s.setupRequest>) =>
    http.post('/api/setup', body, s.setupResponse, anonymous),

  inspectInvitation: (token: string) =>
    http.post('/api/invitations/inspect', { token }, s.inspectInvitationResponse, anonymous),
  acceptInvitation: (token: string, credentials: NewMemberCredentials) =>
    http.post(
      '/api/invitations/accept',
      { token, credentials },
      s.acceptInvitationResponse,
      anonymous,
    ),

  prelogin: (email: string) =>
    http.post('/api/auth/prelogin', { email }, s.preloginResponse, anonymous),
  login: (email: string, authKey: string) =>
    http.post('/api/auth/login', { email, authKey }, s.loginResponse, anonymous),
  loginTotp: (body: { challenge: string; code?: string; recoveryCode?: string }) =>
    http.post('/api/auth/totp', body, s.loginResponse, anonymous),
  logout: () => http.post('/api/auth/logout', {}, undefined, anonymous),

  me: () => http.get('/api/me', s.meResponse),
  updateMe: (locale: s.Locale) => http.patch('/api/me', { locale }, s.meResponse),
  changePassword: (body: z.input<typeof s.changePasswordRequest>) =>
    http.post('/api/me/password', body, s.emptyRequest, anonymous),
  sessions: () => http.get('/api/me/sessions', s.listSessionsResponse),
  endSession: (sessionId: string) => http.delete(`/api/me/sessions/${id(sessionId)}`),
  totpSetup: () => http.post('/api/me/totp/setup', {}, s.totpSetupResponse),
  totpEnable: (code: string) => http.post('/api/me/totp/enable', { code }, s.totpEnableResponse),
  totpDisable: (code: string) => http.post('/api/me/totp/disable', { code }),

  organisation: () => http.get('/api/organisation', s.organisationView),
  updateOrganisation: (patch: z.input<typeof s.updateOrganisationRequest>) =>
    http.patch('/api/organisation', patch, s.organisationView),

  members: () => http.get('/api/members', s.listMembersResponse),
  approveMember: (memberId: string, sealedOrgKey: string) =>
    http.post(`/api/members/${id(memberId)}/approve`, { sealedOrgKey }, s.memberView),
  changeRole: (memberId: string, role: s.Role) =>
    http.patch(`/api/members/${id(memberId)}`, { role }, s.memberView),
  disableMember: (memberId: string) =>
    http.post(`/api/members/${id(memberId)}/disable`, {}, s.memberView),

  invitations: () => http.get('/api/invitations', s.listInvitationsResponse),
  createInvitation: (role: s.Role) =>
    http.post('/api/invitations', { role }, s.createInvitationResponse),
  revokeInvitation: (invitationId: string) => http.delete(`/api/invitations/${id(invitationId)}`),

  keyStatus: () => http.get('/api/keys/status', s.keyStatusResponse),

  audit: (query: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return http.get(`/api/audit${qs ? `?${qs}` : ''}`, s.auditListResponse);
  },

  reports: (query: ReportListQuery) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return http.get(`/api/reports${qs ? `?${qs}` : ''}`, intake.reportList);
  },
  report: (reportId: string) => http.get(`/api/reports/${id(reportId)}`, intake.reportDetail),
  /** The stored ciphertext of one file (a stream envelope), opened in the browser. */
  reportFile: (reportId: string, fileId: string) =>
    http.bytes(`/api/reports/${id(reportId)}/files/${id(fileId)}`),
  // The answers of these three are not used: the page reloads the report afterwards.
  changeReportStatus: (reportId: string, body: StatusChange) =>
    http.post(`/api/reports/${id(reportId)}/status`, body),
  assignReport: (reportId: string, memberId: string | null) =>
    http.post(`/api/reports/${id(reportId)}/assignment`, { memberId }),
  replyToReporter: (reportId: string, body: z.input<typeof intake.replyToReporter>) =>
    http.post(`/api/reports/${id(reportId)}/messages`, body),

  notifications: () => http.get('/api/notifications', intake.notificationList),
  markNotificationsRead: (ids?: string[]) =>
    http.post('/api/notifications/read', ids ? { ids } : {}),
  notificationEmail: () => http.get('/api/me/notification-email', intake.notificationEmail),
  setNotificationEmail: (email: string | null) =>
    http.put('/api/me/notification-email', { email }, intake.notificationEmail),

  recoveryStart: (organisationSlug: string) =>
    http.post('/api/recovery/start', { organisationSlug }, s.recoveryStartResponse, anonymous),
  recoveryComplete: (body: z.input<typeof s.recoveryCompleteRequest>) =>
    http.post('/api/recovery/complete', body, s.emptyRequest, anonymous),
};
