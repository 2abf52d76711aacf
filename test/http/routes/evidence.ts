// Evidence routes for the route table (../route-table.ts).
import type { RouteCase } from '../route-case.ts';

export const EVIDENCE_ROUTES: RouteCase[] = [];
