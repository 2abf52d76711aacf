// The screens of a signed-in, approved member, and what each needs. The navigation
// shows only the screens the member's permissions (from /api/me) allow; the server
// enforces the same table (src/common/policy/permissions.ts).
import { AccountPage } from '../features/account/AccountPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { KeyStatusPage } from '../features/keys/KeyStatusPage.tsx';
import { MembersPage } from '../features/members/MembersPage.tsx';
import { OrganisationSettingsPage } from '../features/organisation/OrganisationSettingsPage.tsx';
import { OverviewPage } from '../features/organisation/OverviewPage.tsx';
import { NotificationsPage } from '../features/notifications/NotificationsPage.tsx';
import { REPORT_PATH, ReportPage } from '../features/reports/ReportPage.tsx';
import { ReportsInboxPage } from '../features/reports/ReportsInboxPage.tsx';
import { CASES_ROUTES } from '../features/cases/routes.ts';
import { RECORDS_ROUTES } from '../features/records/routes.ts';
import { EVIDENCE_ROUTES } from '../features/evidence/routes.ts';
import { MONITORING_ROUTES } from '../features/monitoring/routes.ts';
import type { AppRoute } from './app-route.ts';

export type { AppRoute } from './app-route.ts';

export const NAV_ROUTES: AppRoute[] = [
  { path: '/app/', label: 'nav.overview', component: OverviewPage },
  {
    path: '/app/reports',
    label: 'nav.reports',
    permission: 'reports.read',
    component: ReportsInboxPage,
  },
  {
    path: '/app/reports/:id',
    pattern: REPORT_PATH,
    hidden: true,
    label: 'nav.reports',
    permission: 'reports.read',
    component: ReportPage,
  },
  ...CASES_ROUTES,
  ...RECORDS_ROUTES,
  ...EVIDENCE_ROUTES,
  ...MONITORING_ROUTES,
  {
    path: '/app/notifications',
    hidden: true,
    label: 'notifications.title',
    permission: 'reports.read',
    component: NotificationsPage,
  },
  {
    path: '/app/members',
    label: 'nav.members',
    permission: 'members.read',
    component: MembersPage,
  },
  {
    path: '/app/organisation',
    label: 'nav.organisation',
    permission: 'organisation.read',
    component: OrganisationSettingsPage,
  },
  { path: '/app/keys', label: 'nav.keys', permission: 'keys.read', component: KeyStatusPage },
  { path: '/app/audit', label: 'nav.audit', permission: 'audit.read', component: AuditPage },
  { path: '/app/account', label: 'nav.account', component: AccountPage },
];

/** The screen for a path: an exact path, or one whose pattern matches. */
export function findRoute(path: string): AppRoute | undefined {
  return NAV_ROUTES.find((r) => r.path === path || r.pattern?.test(path));
}

/** Screens anyone may open without a session. */
export const PUBLIC_PATHS = ['/app/login', '/app/setup', '/app/invite', '/app/recover'] as const;
