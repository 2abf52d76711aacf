// The evidence screens of the staff app, spread into NAV_ROUTES (src/web/routes/index.tsx).
// The evidence of a record is shown on its incident or case page; an item has a page of
// its own, reached from there.
import type { AppRoute } from '../../routes/app-route.ts';
import { EvidenceItemPage } from './EvidenceItemPage.tsx';
import { EVIDENCE_ITEM_PATH } from './shared.tsx';

export const EVIDENCE_ROUTES: AppRoute[] = [
  {
    path: '/app/evidence/:id',
    pattern: EVIDENCE_ITEM_PATH,
    hidden: true,
    label: 'evidence.title',
    permission: 'evidence.read',
    component: EvidenceItemPage,
  },
];
