// On an accepted report: open a new incident filled from the report's coded answers and
// the reporter's own words (src/web/features/records/IncidentPage.tsx does the rest), or a
// new case that starts from the report (src/web/features/cases/NewCasePage.tsx).
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import type { ReportSummary } from '../../api/endpoints.ts';

export function DocumentAsIncident({ report }: { report: ReportSummary }) {
  const { t } = useI18n();
  const session = useSession();
  const canDocument = session.can('records.write');
  const canOpenCase = session.can('cases.write');
  if (report.status !== 'accepted' || (!canDocument && !canOpenCase)) return null;
  return (
    <section className="record-section" aria-labelledby="document-report-title">
      <h2 id="document-report-title" className="visually-hidden">
        {canDocument ? t('records.documentReport') : t('cases.openFromRecord')}
      </h2>
      {canDocument ? <p className="hint">{t('records.documentReportHint')}</p> : null}
      <p className="actions">
        {canDocument ? (
          <Link
            href={`/app/incidents/new?report=${encodeURIComponent(report.id)}`}
            className="button"
            data-testid="document-as-incident"
          >
            {t('records.documentReport')}
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
