// The incidents list's filters, sort and order: kept in the address so "back" from an
// incident returns to the same list, and turned into the API query of one page.
import { INCIDENT_SORTS, type IncidentListQuery } from '../../../common/api/records.ts';
import {
  BIAS_INDICATORS,
  BIAS_MOTIVATIONS,
  CRIME_STATUSES,
  INCIDENT_TYPES,
  OBLASTS,
  ODIHR_CATEGORIES,
  ONLINE_PLATFORMS,
  PERPETRATOR_TYPES,
  PLACE_TYPES,
  POLICE_REPORTED,
  POLICE_RESPONSES,
  RECORD_DATE_PRECISIONS,
  VIOLATION_STATUSES,
} from '../../../common/records/vocabulary.ts';

export const PAGE_SIZE = 50;

/** The coded filters, each a single code or empty. */
export interface IncidentFilters {
  from: string;
  to: string;
  datePrecision: string;
  oblast: string;
  city: string;
  placeType: string;
  onlinePlatform: string;
  incidentTypes: string;
  biasMotivations: string;
  biasIndicators: string;
  perpetratorTypes: string;
  odihrCategory: string;
  crimeStatus: string;
  violationStatus: string;
  reportedToPolice: string;
  policeResponse: string;
  hasReport: string;
}

export const NO_FILTERS: IncidentFilters = {
  from: '',
  to: '',
  datePrecision: '',
  oblast: '',
  city: '',
  placeType: '',
  onlinePlatform: '',
  incidentTypes: '',
  biasMotivations: '',
  biasIndicators: '',
  perpetratorTypes: '',
  odihrCategory: '',
  crimeStatus: '',
  violationStatus: '',
  reportedToPolice: '',
  policeResponse: '',
  hasReport: '',
};

export type Sort = (typeof INCIDENT_SORTS)[number];

/** The API query of one page: empty filters are left out. */
export function incidentQuery(
  filters: IncidentFilters,
  sort: Sort,
  order: 'asc' | 'desc',
  cursor?: string,
): IncidentListQuery {
  const query: Record<string, string | number> = { sort, order, limit: PAGE_SIZE };
  for (const [key, value] of Object.entries(filters)) {
    const trimmed = value.trim();
    if (trimmed !== '') query[key] = trimmed;
  }
  if (cursor) query.cursor = cursor;
  return query as IncidentListQuery;
}

export const CODED_FILTERS = [
  ['datePrecision', RECORD_DATE_PRECISIONS],
  ['oblast', OBLASTS],
  ['placeType', PLACE_TYPES],
  ['onlinePlatform', ONLINE_PLATFORMS],
  ['incidentTypes', INCIDENT_TYPES],
  ['biasMotivations', BIAS_MOTIVATIONS],
  ['biasIndicators', BIAS_INDICATORS],
  ['perpetratorTypes', PERPETRATOR_TYPES],
  ['odihrCategory', ODIHR_CATEGORIES],
  ['crimeStatus', CRIME_STATUSES],
  ['violationStatus', VIOLATION_STATUSES],
  ['reportedToPolice', POLICE_REPORTED],
  ['policeResponse', POLICE_RESPONSES],
] as const;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Filters, sort and order from the address: unknown or malformed values are dropped. */
export function listStateFromSearch(search: string): {
  filters: IncidentFilters;
  sort: Sort;
  order: 'asc' | 'desc';
} {
  const params = new URLSearchParams(search);
  const filters: IncidentFilters = { ...NO_FILTERS };
  for (const [field, terms] of CODED_FILTERS) {
    const value = params.get(field) ?? '';
    if (terms.some((t) => t.code === value)) filters[field] = value;
  }
  for (const field of ['from', 'to'] as const) {
    const value = params.get(field) ?? '';
    if (ISO_DATE.test(value)) filters[field] = value;
  }
  filters.city = (params.get('city') ?? '').slice(0, 100);
  const hasReport = params.get('hasReport');
  if (hasReport === 'true' || hasReport === 'false') filters.hasReport = hasReport;
  const sort = INCIDENT_SORTS.find((s) => s === params.get('sort')) ?? 'incident_date';
  const order = params.get('order') === 'asc' ? 'asc' : 'desc';
  return { filters, sort, order };
}

/** The address of a filtered list, so "back" from an incident returns to the same list. */
export function listStateToSearch(filters: IncidentFilters, sort: Sort, order: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value.trim()) params.set(key, value);
  if (sort !== 'incident_date') params.set('sort', sort);
  if (order !== 'desc') params.set('order', order);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
