// The cases module's routes for the route table (../route-table.ts).
import type { RouteCase } from '../route-case.ts';

export const CASES_ROUTES: RouteCase[] = [];
