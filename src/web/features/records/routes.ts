// The records screens of the staff app, spread into NAV_ROUTES (src/web/routes/index.tsx).
import type { AppRoute } from '../../routes/app-route.ts';

export const RECORDS_ROUTES: AppRoute[] = [];
