// What the reporter wrote in their own words, decrypted in this tab.
import type { ReportDetails } from '../../../common/intake/report.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Alert } from '../../components/ui.tsx';
import type { Opened } from './decrypt.ts';

function Written({ title, text, testId }: { title: string; text: string; testId?: string }) {
  return (
    <div className="written">
      <h3>{title}</h3>
      <p className="written-text" data-testid={testId}>
        {text}
      </p>
    </div>
  );
}

export function DetailsSection({ details }: { details: Opened<ReportDetails> | null }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="details-heading" className="section">
      <h2 id="details-heading">{t('reports.detailsTitle')}</h2>
      {details === null ? (
        <p className="muted">{t('reports.detailsNone')}</p>
      ) : !details.ok ? (
        <Alert>{t('reports.detailsFailed')}</Alert>
      ) : (
        <>
          {details.value.narrative ? (
            <Written
              title={t('reports.detail.narrative')}
              text={details.value.narrative}
              testId="report-narrative"
            />
          ) : (
            <p className="muted">{t('reports.detail.noNarrative')}</p>
          )}
          {details.value.exactPlace ? (
            <Written title={t('reports.detail.exactPlace')} text={details.value.exactPlace} />
          ) : null}
          {details.value.biasDetails ? (
            <Written title={t('reports.detail.biasDetails')} text={details.value.biasDetails} />
          ) : null}
          {details.value.policeDetails ? (
            <Written title={t('reports.detail.policeDetails')} text={details.value.policeDetails} />
          ) : null}
          {details.value.contact ? (
            <div className="written">
              <h3>{t('reports.detail.contact')}</h3>
              <Alert kind="warning">{t('reports.detail.contactCaution')}</Alert>
              <p className="written-text" data-testid="report-contact">
                {details.value.contact}
              </p>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
