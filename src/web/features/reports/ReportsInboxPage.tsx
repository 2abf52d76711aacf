// The triage inbox: a compact list of reports, newest first, with filters on the coded
// answers. Nothing sealed is shown here, so the list works while the keys are locked.
import { useEffect, useRef, useState } from 'react';
import { incidentType, oblast } from '../../../common/intake/report.ts';
import { INCIDENT_TYPES, labelOf, OBLASTS } from '../../../common/intake/vocabulary.ts';
import { api, type ReportSummary } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { REPORT_STATUSES } from '../../../common/intake/report.ts';
import { assigneeLabel } from './assignee.ts';
import {
  activeFilterCount,
  DEFAULT_FILTERS,
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  parseAssignedFilter,
  parseStatusFilter,
  type InboxFilters,
} from './filters.ts';
import { REPORT_STATUS_LABEL, statusBadgeClass } from './labels.ts';
import { useAssignees, type Assignees } from './members.ts';

interface Listing {
  reports: ReportSummary[];
  next: string | null;
}

export function ReportsInboxPage() {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<InboxFilters>(() =>
    filtersFromSearch(window.location.search),
  );
  const [listing, setListing] = useState<Listing | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const assignees = useAssignees();
  // Only the answer to the latest request is shown: filters can change faster than it comes.
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    api.reports(filtersToQuery(filters)).then(
      (result) => {
        if (request !== latest.current) return;
        setListing(result);
        setError(null);
      },
      (caught: unknown) => {
        if (request === latest.current) setError(caught);
      },
    );
  }, [filters]);

  const update = (patch: Partial<InboxFilters>) => {
    const next = { ...filters, ...patch };
    setFilters(next);
    setListing(null);
    navigate(`/app/reports${filtersToSearch(next)}`, { replace: true });
  };

  const loadMore = async () => {
    if (!listing?.next) return;
    const request = latest.current;
    setLoadingMore(true);
    try {
      const page = await api.reports(filtersToQuery(filters, listing.next));
      if (request !== latest.current) return;
      setListing({ reports: [...listing.reports, ...page.reports], next: page.next });
    } catch (caught) {
      setError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  const extra = activeFilterCount(filters);

  return (
    <Page title={t('reports.title')} wide>
      <div className="inbox-filters">
        <SelectField
          label={t('reports.filter.status')}
          value={filters.status}
          onChange={(e) => update({ status: parseStatusFilter(e.target.value) ?? 'open' })}
        >
          <option value="open">{t('reports.filter.statusOpen')}</option>
          <option value="all">{t('reports.filter.statusAll')}</option>
          {REPORT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(REPORT_STATUS_LABEL[s])}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('reports.filter.assigned')}
          value={filters.assigned}
          onChange={(e) => update({ assigned: parseAssignedFilter(e.target.value) ?? 'any' })}
        >
          <option value="any">{t('reports.filter.assignedAny')}</option>
          <option value="me">{t('reports.filter.assignedMe')}</option>
          <option value="none">{t('reports.filter.assignedNone')}</option>
        </SelectField>
        <details className="more-filters" open={extra > 0 ? true : undefined}>
          <summary>
            {extra > 0
              ? t('reports.filter.moreActive', { count: extra })
              : t('reports.filter.more')}
          </summary>
          <div className="more-filters-body">
            <SelectField
              label={t('reports.filter.incidentType')}
              value={filters.incidentType}
              onChange={(e) => {
                const parsed = incidentType.safeParse(e.target.value);
                update({ incidentType: parsed.success ? parsed.data : '' });
              }}
            >
              <option value="">{t('reports.filter.anyType')}</option>
              {INCIDENT_TYPES.map((term) => (
                <option key={term.code} value={term.code}>
                  {term.label[locale]}
                </option>
              ))}
            </SelectField>
            <SelectField
              label={t('reports.filter.oblast')}
              value={filters.oblast}
              onChange={(e) => {
                const parsed = oblast.safeParse(e.target.value);
                update({ oblast: parsed.success ? parsed.data : '' });
              }}
            >
              <option value="">{t('reports.filter.anyOblast')}</option>
              {OBLASTS.map((term) => (
                <option key={term.code} value={term.code}>
                  {term.label[locale]}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('reports.filter.from')}
              type="date"
              value={filters.from}
              max={filters.to || undefined}
              onChange={(e) => update({ from: e.target.value })}
            />
            <TextField
              label={t('reports.filter.to')}
              type="date"
              value={filters.to}
              min={filters.from || undefined}
              onChange={(e) => update({ to: e.target.value })}
            />
            {extra > 0 ? (
              <div className="actions">
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => update({ ...DEFAULT_FILTERS, status: filters.status })}
                >
                  {t('reports.filter.clear')}
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
      ) : listing.reports.length === 0 ? (
        <p className="muted" role="status">
          {filters.status === 'open' && extra === 0 && filters.assigned === 'any'
            ? t('reports.emptyOpen')
            : t('reports.emptyFiltered')}
        </p>
      ) : (
        <>
          <ul className="report-list" aria-label={t('reports.listLabel')}>
            {listing.reports.map((report) => (
              <ReportRow key={report.id} report={report} assignees={assignees} />
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
                {t('reports.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </Page>
  );
}

function ReportRow({ report, assignees }: { report: ReportSummary; assignees: Assignees }) {
  const { t, locale, date } = useI18n();
  return (
    <li className="report-row" data-testid="report-row" data-report-id={report.id}>
      <div className="report-row-head">
        <Link href={`/app/reports/${report.id}`} className="report-ref">
          {report.reference}
        </Link>
        <span className={statusBadgeClass(report.status)}>
          {t(REPORT_STATUS_LABEL[report.status])}
        </span>
        {report.awaitingReply ? (
          <span className="badge badge-warning">{t('reports.awaitingReply')}</span>
        ) : null}
      </div>
      <p className="report-row-meta">
        <span>{t('reports.receivedOn', { date: date(report.receivedAt) })}</span>
        {report.oblast ? <span>{labelOf(OBLASTS, report.oblast, locale)}</span> : null}
      </p>
      <ul className="tags" aria-label={t('reports.incidentTypes')}>
        {report.incidentTypes.map((code) => (
          <li key={code} className="tag">
            {labelOf(INCIDENT_TYPES, code, locale)}
          </li>
        ))}
      </ul>
      <p className="report-row-meta">
        <span>{assigneeLabel(report.assignedMemberId, assignees, t)}</span>
        {report.fileCount > 0 ? (
          <span>{t('reports.fileCount', { count: report.fileCount })}</span>
        ) : null}
        {report.messageCount > 0 ? (
          <span>{t('reports.messageCount', { count: report.messageCount })}</span>
        ) : null}
      </p>
    </li>
  );
}
