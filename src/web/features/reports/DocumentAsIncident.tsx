// On an accepted report: the incidents already documented from it, and opening a new
// incident filled from the report's coded answers and the reporter's own words
// (src/web/features/records/IncidentPage.tsx does the rest), or a new case that starts
// from the report (src/web/features/cases/NewCasePage.tsx).
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import type { ReportSummary } from '../../api/endpoints.ts';
import { recordsApi } from '../records/api.ts';

/** How many documenting incidents the page names; a report rarely has more than one. */
const DOCUMENTED_SHOWN = 20;

export function DocumentAsIncident({ report }: { report: ReportSummary }) {
  const { t } = useI18n();
  const session = useSession();
  const canDocument = session.can('records.write');
  const canOpenCase = session.can('cases.write');
  const accepted = report.status === 'accepted';
  const canRead = session.can('records.read');
  const [documented, setDocumented] = useState<{ id: string; reference: string }[]>([]);
  useEffect(() => {
    if (!accepted || !canRead) return;
    let current = true;
    // Only a hint on this page: when the list cannot be read, the page works without it.
    recordsApi
      .incidents({ reportId: report.id, sort: 'created', order: 'asc', limit: DOCUMENTED_SHOWN })
      .then(
        (page) => {
          if (current) setDocumented(page.incidents);
        },
        () => undefined,
      );
    return () => {
      current = false;
    };
  }, [accepted, canRead, report.id]);
  if (!accepted || (!canDocument && !canOpenCase && documented.length === 0)) return null;
  return (
    <section className="record-section" aria-labelledby="document-report-title">
      <h2 id="document-report-title" className="visually-hidden">
        {canDocument ? t('records.documentReport') : t('cases.openFromRecord')}
      </h2>
      {documented.length > 0 ? (
        <p data-testid="documented-as">
          {t('records.documentedAs')}{' '}
          {documented.map((incident, index) => (
            <span key={incident.id}>
              {index > 0 ? ', ' : null}
              <Link href={`/app/incidents/${incident.id}`}>{incident.reference}</Link>
            </span>
          ))}
        </p>
      ) : canDocument ? (
        <p className="hint">{t('records.documentReportHint')}</p>
      ) : null}
      <p className="actions">
        {canDocument ? (
          <Link
            href={`/app/incidents/new?report=${encodeURIComponent(report.id)}`}
            className="button"
            data-testid="document-as-incident"
          >
            {documented.length > 0 ? t('records.documentAnother') : t('records.documentReport')}
          </Link>
        ) : null}
        {canOpenCase ? (
          <Link
            href={`/app/cases/new?report=${encodeURIComponent(report.id)}`}
            className="button secondary"
            data-testid="open-case-from-report"
          >
            {t('cases.openFromRecord')}
          </Link>
        ) : null}
      </p>
    </section>
  );
}
