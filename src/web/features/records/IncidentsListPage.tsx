// The incidents list: coded fields only from the server, filtered and sorted there, paged
// by keyset ("load more"). With the keys unlocked, the tab also opens the sealed search
// index: each row gets its title, and the search box finds words in titles and
// descriptions without the server ever seeing them.
import { useEffect, useMemo, useRef, useState } from 'react';
import { INCIDENT_SORTS } from '../../../common/api/records.ts';
import {
  INCIDENT_TYPES,
  OBLASTS,
  ONLINE_PLATFORMS,
  PLACE_TYPES,
  VIOLATION_STATUSES,
} from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { recordsApi, type IncidentSummary } from './api.ts';
import { CodeSelect } from './CodeFields.tsx';
import {
  CODED_FILTERS,
  incidentQuery,
  listStateFromSearch,
  listStateToSearch,
  NO_FILTERS,
  type IncidentFilters,
  type Sort,
} from './list-query.ts';
import { dateText } from './dates.ts';
import { FIELD_META, codeLabel } from './labels.ts';
import { retrySearchIndex, useSearchIndex, type IndexState } from './search-cache.ts';
import type { IndexedRecord } from './search-index.ts';
import { LockedNotice, Tags } from './shared.tsx';

interface Listing {
  incidents: IncidentSummary[];
  next: string | null;
}

export function IncidentsListPage() {
  const { t } = useI18n();
  const session = useSession();
  const org = session.keys?.org ?? null;
  const [initial] = useState(() => listStateFromSearch(window.location.search));
  const [filters, setFilters] = useState<IncidentFilters>(initial.filters);
  const [sort, setSort] = useState<Sort>(initial.sort);
  const [order, setOrder] = useState<'asc' | 'desc'>(initial.order);
  const [listing, setListing] = useState<Listing | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [search, setSearch] = useState('');
  const latest = useRef(0);
  const indexState = useSearchIndex(org);

  useEffect(() => {
    const request = ++latest.current;
    navigate(`/app/incidents${listStateToSearch(filters, sort, order)}`, { replace: true });
    recordsApi.incidents(incidentQuery(filters, sort, order)).then(
      (result) => {
        if (request !== latest.current) return;
        setListing(result);
        setError(null);
      },
      (caught: unknown) => {
        if (request === latest.current) setError(caught);
      },
    );
  }, [filters, sort, order]);

  const update = (patch: Partial<IncidentFilters>) => {
    setFilters((previous) => ({ ...previous, ...patch }));
    setListing(null);
  };

  const loadMore = async () => {
    if (!listing?.next) return;
    const request = latest.current;
    setLoadingMore(true);
    try {
      const page = await recordsApi.incidents(incidentQuery(filters, sort, order, listing.next));
      if (request !== latest.current) return;
      setListing({ incidents: [...listing.incidents, ...page.incidents], next: page.next });
    } catch (caught) {
      setError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  const active = Object.values(filters).filter((v) => v.trim() !== '').length;
  const index = indexState.status === 'ready' ? indexState.index : null;
  const found = useMemo(
    () => (index && search.trim() !== '' ? index.search(search) : null),
    [index, search],
  );

  return (
    <Page title={t('incidents.title')} wide>
      <p className="actions">
        {session.can('records.write') ? (
          <Link href="/app/incidents/new" className="button">
            {t('incidents.new')}
          </Link>
        ) : null}
      </p>
      <LockedNotice />
      <SearchBox state={indexState} query={search} onQuery={setSearch} found={found} />

      {found ? (
        <SearchResults found={found} />
      ) : (
        <>
          <div className="inbox-filters">
            <SelectField
              label={t('records.sort')}
              value={sort}
              onChange={(e) => {
                const next = INCIDENT_SORTS.find((s) => s === e.target.value);
                if (next) {
                  setSort(next);
                  setListing(null);
                }
              }}
            >
              {INCIDENT_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`records.sort.${s}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('records.order')}
              value={order}
              onChange={(e) => {
                setOrder(e.target.value === 'asc' ? 'asc' : 'desc');
                setListing(null);
              }}
            >
              <option value="desc">{t('records.order.desc')}</option>
              <option value="asc">{t('records.order.asc')}</option>
            </SelectField>
            <details className="more-filters" open={active > 0 ? true : undefined}>
              <summary>
                {active > 0 ? t('records.filtersActive', { count: active }) : t('records.filters')}
              </summary>
              <div className="more-filters-body">
                <TextField
                  label={t('records.dateFrom')}
                  type="date"
                  value={filters.from}
                  max={filters.to || undefined}
                  onChange={(e) => update({ from: e.target.value })}
                />
                <TextField
                  label={t('records.dateTo')}
                  type="date"
                  value={filters.to}
                  min={filters.from || undefined}
                  onChange={(e) => update({ to: e.target.value })}
                />
                {CODED_FILTERS.map(([field, terms]) => (
                  <CodeSelect
                    key={field}
                    label={t(FIELD_META[field]?.label ?? 'records.field.date')}
                    terms={terms}
                    value={filters[field]}
                    emptyLabel={t('records.any')}
                    onChange={(code) => update({ [field]: code ?? '' })}
                  />
                ))}
                <TextField
                  label={t('records.field.city')}
                  value={filters.city}
                  maxLength={100}
                  onChange={(e) => update({ city: e.target.value })}
                />
                <SelectField
                  label={t('records.hasReport')}
                  value={filters.hasReport}
                  onChange={(e) => update({ hasReport: e.target.value })}
                >
                  <option value="">{t('records.any')}</option>
                  <option value="true">{t('records.yes')}</option>
                  <option value="false">{t('records.no')}</option>
                </SelectField>
                {active > 0 ? (
                  <div className="actions">
                    <button
                      type="button"
                      className="button secondary"
                      onClick={() => update(NO_FILTERS)}
                    >
                      {t('records.clearFilters')}
                    </button>
                  </div>
                ) : null}
              </div>
            </details>
          </div>

          {error ? <Alert>{errorText(error, t)}</Alert> : null}
          {!listing ? (
            error ? null : (
              <Busy>{t('common.loading')}</Busy>
            )
          ) : listing.incidents.length === 0 ? (
            <p className="muted" role="status">
              {active > 0 ? t('incidents.emptyFiltered') : t('incidents.empty')}
            </p>
          ) : (
            <>
              <ul className="report-list" aria-label={t('incidents.listLabel')}>
                {listing.incidents.map((incident) => (
                  <IncidentRow
                    key={incident.id}
                    incident={incident}
                    opened={index?.get(incident.id) ?? null}
                  />
                ))}
              </ul>
              {listing.next ? (
                <div className="actions load-more">
                  {loadingMore ? <Busy>{t('common.loading')}</Busy> : null}
                  <button
                    type="button"
                    className="button secondary"
                    disabled={loadingMore}
                    onClick={() => void loadMore()}
                  >
                    {t('records.loadMore')}
                  </button>
                </div>
              ) : null}
            </>
          )}
        </>
      )}
    </Page>
  );
}

function SearchBox({
  state,
  query,
  onQuery,
  found,
}: {
  state: IndexState;
  query: string;
  onQuery: (query: string) => void;
  found: IndexedRecord[] | null;
}) {
  const { t } = useI18n();
  const session = useSession();
  const org = session.keys?.org ?? null;
  if (!org) {
    return <p className="hint">{t('incidents.searchLocked')}</p>;
  }
  const unopened =
    state.status === 'ready' ? state.index.records.filter((r) => !r.opened).length : 0;
  return (
    <div className="records-search" role="search">
      <TextField
        label={t('incidents.search')}
        type="search"
        hint={t('incidents.searchHint')}
        value={query}
        disabled={state.status !== 'ready'}
        onChange={(e) => onQuery(e.target.value)}
        data-testid="incident-search"
      />
      <div role="status" className="hint">
        {state.status === 'fetching' ? (
          <Busy>{t('incidents.searchBuilding', { done: 0, total: state.fetched })}</Busy>
        ) : state.status === 'opening' ? (
          <>
            <progress value={state.done} max={state.total} />{' '}
            {t('incidents.searchBuilding', { done: state.done, total: state.total })}
          </>
        ) : state.status === 'ready' ? (
          found ? (
            found.length === 0 ? (
              t('incidents.searchNone')
            ) : (
              t('incidents.searchResults', { count: found.length })
            )
          ) : (
            t('incidents.searchReady', { count: state.index.size })
          )
        ) : null}
        {unopened > 0 ? ` ${t('incidents.searchUnopened', { count: unopened })}` : null}
      </div>
      {state.status === 'error' ? (
        <Alert>
          {errorText(state.error, t)}{' '}
          <button type="button" className="button secondary" onClick={() => retrySearchIndex(org)}>
            {t('common.tryAgain')}
          </button>
        </Alert>
      ) : null}
    </div>
  );
}

function SearchResults({ found }: { found: IndexedRecord[] }) {
  const { t } = useI18n();
  return (
    <ul className="report-list" aria-label={t('incidents.listLabel')}>
      {found.slice(0, 200).map((record) => (
        <li key={record.id} className="report-row" data-testid="incident-row">
          <div className="report-row-head">
            <Link href={`/app/incidents/${record.id}`} className="report-ref">
              {record.reference}
            </Link>
          </div>
          <p className="record-title">
            {record.opened ? (record.title ?? t('incidents.untitled')) : t('records.unreadable')}
          </p>
        </li>
      ))}
    </ul>
  );
}

function IncidentRow({
  incident,
  opened,
}: {
  incident: IncidentSummary;
  opened: IndexedRecord | null;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const when = dateText(incident.datePrecision, incident.incidentDate, i18n);
  const place = [
    incident.oblast ? codeLabel(OBLASTS, incident.oblast, locale) : null,
    incident.city,
    incident.placeType ? codeLabel(PLACE_TYPES, incident.placeType, locale) : null,
    incident.onlinePlatform ? codeLabel(ONLINE_PLATFORMS, incident.onlinePlatform, locale) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <li className="report-row" data-testid="incident-row" data-incident-id={incident.id}>
      <div className="report-row-head">
        <Link href={`/app/incidents/${incident.id}`} className="report-ref">
          {incident.reference}
        </Link>
        <span className="badge badge-off">
          {codeLabel(VIOLATION_STATUSES, incident.violationStatus, locale)}
        </span>
      </div>
      {opened ? (
        <p className="record-title">
          {opened.opened ? (opened.title ?? t('incidents.untitled')) : t('records.unreadable')}
        </p>
      ) : null}
      <p className="report-row-meta">
        <span>{when ?? t('incidents.dateUnknown')}</span>
        <span>{place || t('incidents.placeUnknown')}</span>
      </p>
      <Tags terms={INCIDENT_TYPES} codes={incident.incidentTypes} />
    </li>
  );
}
