// The monitoring screens of the staff app, spread into NAV_ROUTES (src/web/routes/index.tsx).
import type { AppRoute } from '../../routes/app-route.ts';
import { ItemPage } from './ItemPage.tsx';
import { MonitoringPage } from './MonitoringPage.tsx';
import { ReviewPage } from './ReviewPage.tsx';
import { ITEM_PATH, REVIEW_PATH } from './shared.tsx';

export const MONITORING_ROUTES: AppRoute[] = [
  {
    path: '/app/monitoring',
    label: 'nav.monitoring',
    permission: 'monitoring.read',
    component: MonitoringPage,
  },
  {
    path: '/app/monitoring/items/:id',
    pattern: ITEM_PATH,
    hidden: true,
    label: 'nav.monitoring',
    permission: 'monitoring.read',
    component: ItemPage,
  },
  {
    path: REVIEW_PATH,
    hidden: true,
    label: 'monitoring.review.title',
    permission: 'monitoring.review',
    component: ReviewPage,
  },
];
