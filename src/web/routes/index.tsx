// The screens of a signed-in, approved member, and what each needs. The navigation
// shows only the screens the member's permissions (from /api/me) allow; the server
// enforces the same table (src/common/policy/permissions.ts).
import type { ComponentType } from 'react';
import type { MessageKey } from '../../common/i18n/index.ts';
import type { Permission } from '../../common/policy/permissions.ts';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { KeyStatusPage } from '../features/keys/KeyStatusPage.tsx';
import { MembersPage } from '../features/members/MembersPage.tsx';
import { OrganisationSettingsPage } from '../features/organisation/OrganisationSettingsPage.tsx';
import { OverviewPage } from '../features/organisation/OverviewPage.tsx';

export interface AppRoute {
  path: string;
  label: MessageKey;
  permission?: Permission;
  component: ComponentType;
}

export const NAV_ROUTES: AppRoute[] = [
  { path: '/app/', label: 'nav.overview', component: OverviewPage },
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

/** Screens anyone may open without a session. */
export const PUBLIC_PATHS = ['/app/login', '/app/setup', '/app/invite', '/app/recover'] as const;
