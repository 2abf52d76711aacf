// The incidents list's address and API query: every coded filter survives a round trip
// through the address, malformed values are dropped rather than sent, and the API query
// the list builds is one the server's schema accepts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { incidentListQuery } from '../../src/common/api/records.ts';
import {
  CODED_FILTERS,
  incidentQuery,
  listStateFromSearch,
  listStateToSearch,
  NO_FILTERS,
} from '../../src/web/features/records/list-query.ts';

describe('incidents list filters', () => {
  test('every coded filter and the sort survive the address, and the server accepts the query', () => {
    const filters = {
      ...NO_FILTERS,
      from: '2026-01-01',
      to: '2026-12-31',
      city: 'Алматы',
      hasReport: 'true',
    };
    for (const [field, terms] of CODED_FILTERS) filters[field] = terms[0]?.code ?? '';
    const search = listStateToSearch(filters, 'updated', 'asc');
    const back = listStateFromSearch(search);
    assert.deepEqual(back, { filters, sort: 'updated', order: 'asc' });
    const parsed = incidentListQuery.parse(incidentQuery(filters, 'updated', 'asc', 'cursor-1'));
    assert.equal(parsed.sort, 'updated');
    assert.equal(parsed.cursor, 'cursor-1');
    assert.deepEqual(parsed.incidentTypes, [filters.incidentTypes]);
  });

  test('unknown codes, malformed dates and a bad sort are dropped', () => {
    const state = listStateFromSearch(
      '?oblast=atlantis&from=yesterday&incidentTypes=threats&sort=random&order=sideways&hasReport=maybe',
    );
    assert.equal(state.filters.oblast, '');
    assert.equal(state.filters.from, '');
    assert.equal(state.filters.incidentTypes, 'threats');
    assert.equal(state.filters.hasReport, '');
    assert.equal(state.sort, 'incident_date');
    assert.equal(state.order, 'desc');
  });

  test('no filters: a short address and a query with only the paging', () => {
    assert.equal(listStateToSearch(NO_FILTERS, 'incident_date', 'desc'), '');
    assert.deepEqual(incidentQuery(NO_FILTERS, 'incident_date', 'desc'), {
      sort: 'incident_date',
      order: 'desc',
      limit: 50,
    });
  });
});
