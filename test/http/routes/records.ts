// The records module's routes for the route table (../route-table.ts).
import type { RouteCase } from '../route-case.ts';

export const RECORDS_ROUTES: RouteCase[] = [];
