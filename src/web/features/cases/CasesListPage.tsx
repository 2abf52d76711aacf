// The cases list: filters on coded fields (status, mine, restricted, overdue contact),
// kept in the address; titles are decrypted in this tab when the keys are unlocked.
import { useEffect, useRef, useState } from 'react';
import { CASE_STATUSES, type CaseStatus } from '../../../common/cases/vocabulary.ts';
import { caseStatus } from '../../../common/api/cases.ts';
import type { CaseListQuery } from '../../../common/api/cases.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, SelectField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type CaseSummary } from './api.ts';
import { daysSince, openCaseTitle } from './decrypt.ts';
import { caseBadgeClass, SealedText, useLabel } from './shared.tsx';

type StatusFilter = CaseStatus | 'not_closed' | 'all';

interface Filters {
  status: StatusFilter;
  mine: boolean;
  restricted: boolean;
  overdue: boolean;
}

function filtersFromSearch(search: string): Filters {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const parsed = caseStatus.safeParse(status);
  return {
    status: parsed.success ? parsed.data : status === 'all' ? 'all' : 'not_closed',
    mine: params.get('mine') === '1',
    restricted: params.get('restricted') === '1',
    overdue: params.get('overdue') === '1',
  };
}

function filtersToSearch(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'not_closed') params.set('status', filters.status);
  if (filters.mine) params.set('mine', '1');
  if (filters.restricted) params.set('restricted', '1');
  if (filters.overdue) params.set('overdue', '1');
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

function toQuery(filters: Filters, after?: string): CaseListQuery {
  return {
    status: filters.status === 'all' ? undefined : filters.status,
    assigned: filters.mine ? 'me' : undefined,
    restricted: filters.restricted ? 'true' : undefined,
    overdue: filters.overdue ? 'true' : undefined,
    after,
  };
}

export function CasesListPage() {
  const { t } = useI18n();
  const session = useSession();
  const label = useLabel();
  const [filters, setFilters] = useState<Filters>(() => filtersFromSearch(window.location.search));
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    casesApi.list(toQuery(filters)).then(
      (result) => {
        if (request !== latest.current) return;
        setCases(result.cases);
        setNext(result.next);
        setError(null);
      },
      (caught: unknown) => {
        if (request === latest.current) setError(caught);
      },
    );
  }, [filters]);

  const update = (patch: Partial<Filters>) => {
    const nextFilters = { ...filters, ...patch };
    setFilters(nextFilters);
    setCases(null);
    navigate(`/app/cases${filtersToSearch(nextFilters)}`, { replace: true });
  };

  const more = async () => {
    if (!next || !cases) return;
    try {
      const page = await casesApi.list(toQuery(filters, next));
      setCases([...cases, ...page.cases]);
      setNext(page.next);
    } catch (caught) {
      setError(caught);
    }
  };

  const org = session.keys?.org ?? null;
  return (
    <Page title={t('cases.list.title')} wide>
      {session.can('cases.write') ? (
        <p className="actions">
          <Link className="button" href="/app/cases/new">
            {t('cases.list.new')}
          </Link>
        </p>
      ) : null}
      {!org ? <Alert kind="info">{t('cases.list.lockedTitles')}</Alert> : null}
      <div className="inbox-filters">
        <SelectField
          label={t('cases.filter.status')}
          value={filters.status}
          onChange={(e) => {
            const value = e.target.value;
            const parsed = caseStatus.safeParse(value);
            update({
              status: parsed.success ? parsed.data : value === 'all' ? 'all' : 'not_closed',
            });
          }}
        >
          <option value="not_closed">{t('cases.filter.notClosed')}</option>
          <option value="all">{t('cases.filter.all')}</option>
          {CASE_STATUSES.map((s) => (
            <option key={s.code} value={s.code}>
              {label(CASE_STATUSES, s.code)}
            </option>
          ))}
        </SelectField>
        <CheckboxField
          label={t('cases.filter.mine')}
          checked={filters.mine}
          onChange={(e) => update({ mine: e.target.checked })}
        />
        <CheckboxField
          label={t('cases.filter.restricted')}
          checked={filters.restricted}
          onChange={(e) => update({ restricted: e.target.checked })}
        />
        <CheckboxField
          label={t('cases.filter.overdue')}
          checked={filters.overdue}
          onChange={(e) => update({ overdue: e.target.checked })}
        />
      </div>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!cases ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : cases.length === 0 ? (
        <p className="muted" role="status">
          {t('cases.list.empty')}
        </p>
      ) : (
        <>
          <ul className="report-list" aria-label={t('cases.list.title')}>
            {cases.map((c) => (
              <CaseRow key={c.id} summary={c} />
            ))}
          </ul>
          {next ? (
            <div className="actions load-more">
              <button type="button" className="button secondary" onClick={() => void more()}>
                {t('cases.list.more')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </Page>
  );
}

export function CaseRow({ summary }: { summary: CaseSummary }) {
  const { t, date } = useI18n();
  const session = useSession();
  const label = useLabel();
  const org = session.keys?.org ?? null;
  const title = org ? openCaseTitle(summary, org) : undefined;
  return (
    <li className="report-row" data-testid="case-row" data-case-id={summary.id}>
      <div className="report-row-head">
        <Link href={`/app/cases/${summary.id}`} className="report-ref">
          {summary.reference}
        </Link>
        <span className={caseBadgeClass(summary.status)}>
          {label(CASE_STATUSES, summary.status)}
        </span>
        {summary.restricted ? (
          <span className="badge badge-pending">{t('cases.restricted')}</span>
        ) : null}
        {summary.contactOverdue ? (
          <span className="badge badge-warning">
            {summary.centralPersonCodeName
              ? t('cases.contact.overdueShortWith', {
                  who: summary.centralPersonCodeName,
                  count: daysSince(summary.lastContactAt ?? summary.createdAt),
                })
              : t('cases.contact.overdueShort', {
                  count: daysSince(summary.lastContactAt ?? summary.createdAt),
                })}
          </span>
        ) : null}
      </div>
      <p className="case-row-title">
        <SealedText value={title} empty={t('cases.untitled')} testId="case-title" />
      </p>
      <p className="report-row-meta">
        <span>{t('cases.list.updated', { date: date(summary.updatedAt) })}</span>
        <span>
          {summary.lastContactAt
            ? t('cases.contact.lastOn', { date: date(summary.lastContactAt) })
            : t('cases.contact.never')}
        </span>
      </p>
    </li>
  );
}
