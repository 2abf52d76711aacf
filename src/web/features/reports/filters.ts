// The inbox filters, kept in the address (?status=…&oblast=…) so "back" from a report
// returns to the same list, and a filtered list can be bookmarked on the staff device.
import { incidentType, oblast, reportStatus } from '../../../common/intake/report.ts';
import type { IncidentType, Oblast } from '../../../common/intake/vocabulary.ts';
import type { ReportStatus } from '../../../common/intake/report.ts';
import type { ReportListQuery } from '../../api/endpoints.ts';

export type StatusFilter = ReportStatus | 'open' | 'all';
export type AssignedFilter = 'any' | 'me' | 'none';

export interface InboxFilters {
  status: StatusFilter;
  incidentType: IncidentType | '';
  oblast: Oblast | '';
  assigned: AssignedFilter;
  /** YYYY-MM-DD or empty. */
  from: string;
  to: string;
}

export const DEFAULT_FILTERS: InboxFilters = {
  status: 'open',
  incidentType: '',
  oblast: '',
  assigned: 'any',
  from: '',
  to: '',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseStatusFilter(value: string | null): StatusFilter | null {
  if (value === 'open' || value === 'all') return value;
  const parsed = reportStatus.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function parseAssignedFilter(value: string | null): AssignedFilter | null {
  return value === 'any' || value === 'me' || value === 'none' ? value : null;
}

/** Unknown or malformed values fall back to the defaults rather than failing. */
export function filtersFromSearch(search: string): InboxFilters {
  const params = new URLSearchParams(search);
  const type = incidentType.safeParse(params.get('type'));
  const place = oblast.safeParse(params.get('oblast'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    status: parseStatusFilter(params.get('status')) ?? DEFAULT_FILTERS.status,
    incidentType: type.success ? type.data : '',
    oblast: place.success ? place.data : '',
    assigned: parseAssignedFilter(params.get('assigned')) ?? DEFAULT_FILTERS.assigned,
    from: ISO_DATE.test(from) ? from : '',
    to: ISO_DATE.test(to) ? to : '',
  };
}

export function filtersToSearch(filters: InboxFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== DEFAULT_FILTERS.status) params.set('status', filters.status);
  if (filters.incidentType) params.set('type', filters.incidentType);
  if (filters.oblast) params.set('oblast', filters.oblast);
  if (filters.assigned !== 'any') params.set('assigned', filters.assigned);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** The API query for one page of the list. */
export function filtersToQuery(filters: InboxFilters, before?: string): ReportListQuery {
  return {
    status: filters.status === 'all' ? undefined : filters.status,
    incidentType: filters.incidentType || undefined,
    oblast: filters.oblast || undefined,
    assigned: filters.assigned === 'any' ? undefined : filters.assigned,
    from: filters.from || undefined,
    to: filters.to || undefined,
    limit: PAGE_SIZE,
    before,
  };
}

export const PAGE_SIZE = 25;

export function activeFilterCount(filters: InboxFilters): number {
  return (
    (filters.incidentType ? 1 : 0) +
    (filters.oblast ? 1 : 0) +
    (filters.assigned !== 'any' ? 1 : 0) +
    (filters.from ? 1 : 0) +
    (filters.to ? 1 : 0)
  );
}
