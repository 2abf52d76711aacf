// On an accepted report: open a new incident filled from the report's coded answers and
// the reporter's own words (src/web/features/records/IncidentPage.tsx does the rest).
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import type { ReportSummary } from '../../api/endpoints.ts';

export function DocumentAsIncident({ report }: { report: ReportSummary }) {
  const { t } = useI18n();
  const session = useSession();
  if (report.status !== 'accepted' || !session.can('records.write')) return null;
  return (
    <section className="record-section" aria-labelledby="document-report-title">
      <h2 id="document-report-title" className="visually-hidden">
        {t('records.documentReport')}
      </h2>
      <p className="hint">{t('records.documentReportHint')}</p>
      <p>
        <Link
          href={`/app/incidents/new?report=${encodeURIComponent(report.id)}`}
          className="button"
          data-testid="document-as-incident"
        >
          {t('records.documentReport')}
        </Link>
      </p>
    </section>
  );
}
