// The cases screens of the staff app, spread into NAV_ROUTES (src/web/routes/index.tsx).
import type { AppRoute } from '../../routes/app-route.ts';
import { CasePage } from './CasePage.tsx';
import { CasesListPage } from './CasesListPage.tsx';
import { NewCasePage } from './NewCasePage.tsx';
import { PartnersPage } from './PartnersPage.tsx';
import { ReferralsPage, ReferredCasePage } from './ReferralsPage.tsx';
import { CASE_PATH, REFERRAL_PATH } from './shared.tsx';

export const CASES_ROUTES: AppRoute[] = [
  { path: '/app/cases', label: 'nav.cases', permission: 'cases.read', component: CasesListPage },
  {
    path: '/app/cases/new',
    hidden: true,
    label: 'nav.cases',
    permission: 'cases.write',
    component: NewCasePage,
  },
  {
    path: '/app/cases/:id',
    pattern: CASE_PATH,
    hidden: true,
    label: 'nav.cases',
    permission: 'cases.read',
    component: CasePage,
  },
  {
    path: '/app/referrals',
    label: 'nav.referrals',
    permission: 'referrals.decide',
    component: ReferralsPage,
  },
  {
    path: '/app/referrals/:id',
    pattern: REFERRAL_PATH,
    hidden: true,
    label: 'nav.referrals',
    permission: 'cases.read',
    component: ReferredCasePage,
  },
  {
    path: '/app/partners',
    label: 'nav.partners',
    permission: 'partners.manage',
    component: PartnersPage,
  },
];
