// The coded answers of a report, labelled in the reader's language, and the reporter's
// wishes, which say what the organisation may and may not do with the report.
import type { ReactNode } from 'react';
import type { Locale } from '../../../common/api/accounts.ts';
import {
  BIAS_INDICATORS,
  DATE_PRECISIONS,
  INCIDENT_TYPES,
  labelOf,
  NOT_REPORTED_REASONS,
  OBLASTS,
  ONLINE_PLATFORMS,
  PERPETRATOR_TYPES,
  PLACE_TYPES,
  POLICE_REPORTED,
  POLICE_RESPONSES,
  REPORTER_ROLES,
  WISHES,
  type Term,
} from '../../../common/intake/vocabulary.ts';
import type { ReportSummary } from '../../api/endpoints.ts';
import { useI18n, type I18n } from '../../app/i18n.tsx';
import { Alert } from '../../components/ui.tsx';

/** A date of the precision the reporter gave: a day, a month ("03.2026") or a year. */
export function incidentDateText(report: ReportSummary, i18n: I18n): string | null {
  const value = report.incidentDate;
  if (!value || report.datePrecision === 'unknown') return null;
  const [year = '', month = '', day = ''] = value.split('-');
  if (report.datePrecision === 'year') return year;
  if (report.datePrecision === 'month') return `${month}.${year}`;
  // Built as a local date so the day does not shift with the time zone.
  return i18n.date(new Date(Number(year), Number(month) - 1, Number(day)));
}

function Labels({
  terms,
  codes,
  locale,
}: {
  terms: readonly Term[];
  codes: string[];
  locale: Locale;
}) {
  return (
    <ul className="tags">
      {codes.map((code) => (
        <li key={code} className="tag">
          {labelOf(terms, code, locale)}
        </li>
      ))}
    </ul>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function AnswersSection({ report }: { report: ReportSummary }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const one = (terms: readonly Term[], code: string | null) =>
    code ? labelOf(terms, code, locale) : null;
  const date = incidentDateText(report, i18n);
  const rows: [string, ReactNode][] = [
    [t('reports.answer.reporterRole'), one(REPORTER_ROLES, report.reporterRole)],
    [
      t('reports.answer.incidentTypes'),
      <Labels key="types" terms={INCIDENT_TYPES} codes={report.incidentTypes} locale={locale} />,
    ],
    [
      t('reports.answer.when'),
      // The form of the date shows its precision: a day, "10.2026" or "2026".
      date ?? labelOf(DATE_PRECISIONS, 'unknown', locale),
    ],
    [t('reports.answer.oblast'), one(OBLASTS, report.oblast)],
    [t('reports.answer.city'), report.city || null],
    [t('reports.answer.placeType'), one(PLACE_TYPES, report.placeType)],
    [t('reports.answer.onlinePlatform'), one(ONLINE_PLATFORMS, report.onlinePlatform)],
    [
      t('reports.answer.perpetrators'),
      report.perpetratorTypes.length > 0 ? (
        <Labels key="p" terms={PERPETRATOR_TYPES} codes={report.perpetratorTypes} locale={locale} />
      ) : null,
    ],
    [
      t('reports.answer.biasIndicators'),
      report.biasIndicators.length > 0 ? (
        <Labels key="b" terms={BIAS_INDICATORS} codes={report.biasIndicators} locale={locale} />
      ) : null,
    ],
    [t('reports.answer.reportedToPolice'), one(POLICE_REPORTED, report.reportedToPolice)],
    [t('reports.answer.policeResponse'), one(POLICE_RESPONSES, report.policeResponse)],
    [
      t('reports.answer.notReportedReasons'),
      report.notReportedReasons.length > 0 ? (
        <Labels
          key="n"
          terms={NOT_REPORTED_REASONS}
          codes={report.notReportedReasons}
          locale={locale}
        />
      ) : null,
    ],
  ];
  return (
    <section aria-labelledby="answers-heading" className="section">
      <h2 id="answers-heading">{t('reports.answersTitle')}</h2>
      <dl className="facts" data-testid="report-answers">
        {rows.map(([label, value]) => (
          <Fact key={label} label={label}>
            {value ?? <span className="muted">{t('reports.notAnswered')}</span>}
          </Fact>
        ))}
      </dl>
    </section>
  );
}

/**
 * The reporter's consent, shown before anything else: "documentation only" means nobody
 * contacts them, whatever contact details the report holds.
 */
export function WishesPanel({ report }: { report: ReportSummary }) {
  const { t, locale } = useI18n();
  const wishes = report.wishes;
  const documentationOnly = wishes.includes('documentation_only');
  const contactMe = wishes.includes('contact_me');
  return (
    <section aria-labelledby="wishes-heading" className="panel wishes" data-testid="report-wishes">
      <h2 id="wishes-heading">{t('reports.wishesTitle')}</h2>
      {wishes.length === 0 ? (
        <p>{t('reports.wishesNone')}</p>
      ) : (
        <Labels terms={WISHES} codes={wishes} locale={locale} />
      )}
      {documentationOnly ? (
        <Alert kind="warning">{t('reports.wishDocumentationOnly')}</Alert>
      ) : contactMe ? (
        <p>{t('reports.wishContactMe')}</p>
      ) : (
        <Alert kind="warning">{t('reports.wishNoContact')}</Alert>
      )}
    </section>
  );
}
