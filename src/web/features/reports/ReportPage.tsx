// One report, opened in this tab with the organisation key: what the reporter wants first
// (their consent decides what staff may do), then the coded answers, their own words, the
// files, the conversation, and the triage actions.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { api, type ReportDetail } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { LANGUAGE_NAMES } from '../../components/LanguageSwitch.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { AnswersSection, WishesPanel } from './AnswersSection.tsx';
import { assigneeLabel } from './assignee.ts';
import { openReport } from './decrypt.ts';
import { DetailsSection } from './DetailsSection.tsx';
import { DocumentAsIncident } from './DocumentAsIncident.tsx';
import { FilesSection } from './FilesSection.tsx';
import { REPORT_STATUS_LABEL, statusBadgeClass } from './labels.ts';
import { useAssignees } from './members.ts';
import { MessagesSection } from './MessagesSection.tsx';
import { TriageSection } from './TriageSection.tsx';

/** "R-4K7Q2M" with a non-breaking hyphen, so a narrow heading does not split the reference. */
export function displayReference(reference: string): string {
  return reference.replace(/-/g, '\u2011');
}

export const REPORT_PATH = /^\/app\/reports\/([0-9a-f-]{36})$/;

export function ReportPage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const reportId = REPORT_PATH.exec(path)?.[1] ?? '';
  // Reading a report needs the organisation key: the same unlock form as after a reload.
  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('reports.reportTitleUnknown')}>
        <Alert kind="warning">
          {session.keyProblem ? t('keys.grantProblem') : t('reports.noOrgKey')}
        </Alert>
        <p>
          <Link href="/app/reports">{t('reports.backToInbox')}</Link>
        </p>
      </Page>
    );
  }
  return <OpenReport key={reportId} reportId={reportId} org={org} />;
}

function OpenReport({ reportId, org }: { reportId: string; org: BoxKeyPair }) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const [detail, setDetail] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const assignees = useAssignees();

  const load = useCallback(
    () =>
      api.report(reportId).then(
        (loaded) => {
          setDetail(loaded);
          setError(null);
        },
        (caught: unknown) => setError(caught),
      ),
    [reportId],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const opened = useMemo(() => (detail ? openReport(detail, org) : null), [detail, org]);

  if (!detail || !opened) {
    return (
      <Page title={t('reports.reportTitleUnknown')}>
        {error ? <Alert>{errorText(error, t)}</Alert> : <Busy>{t('reports.opening')}</Busy>}
        <p>
          <Link href="/app/reports">{t('reports.backToInbox')}</Link>
        </p>
      </Page>
    );
  }

  const report = detail.report;
  const canTriage = session.can('reports.triage');
  return (
    <Page title={t('reports.reportTitle', { reference: displayReference(report.reference) })}>
      <p>
        <Link href="/app/reports">{t('reports.backToInbox')}</Link>
      </p>
      <WishesPanel report={report} />
      <dl className="facts report-facts">
        <div>
          <dt>{t('reports.status')}</dt>
          <dd>
            <span className={statusBadgeClass(report.status)} data-testid="report-status">
              {t(REPORT_STATUS_LABEL[report.status])}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('reports.received')}</dt>
          <dd>{dateTime(report.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t('reports.language')}</dt>
          <dd lang={report.locale}>{LANGUAGE_NAMES[report.locale]}</dd>
        </div>
        <div>
          <dt>{t('reports.assignee')}</dt>
          <dd>{assigneeLabel(report.assignedMemberId, assignees, t)}</dd>
        </div>
        <div>
          <dt>{t('reports.encryptedBy')}</dt>
          <dd>
            {report.encryptedBy === 'browser'
              ? t('reports.encryptedByBrowser')
              : t('reports.encryptedByServer')}
          </dd>
        </div>
      </dl>
      {!opened.recordKeyOpened ? <Alert>{t('reports.recordKeyFailed')}</Alert> : null}
      <DetailsSection details={opened.details} />
      <AnswersSection report={report} />
      <FilesSection reportId={report.id} files={opened.files} org={org} />
      <MessagesSection
        detail={detail}
        messages={opened.messages}
        assignees={assignees}
        org={org}
        canReply={canTriage}
        onSent={load}
      />
      {canTriage ? <TriageSection report={report} assignees={assignees} onChanged={load} /> : null}
      <DocumentAsIncident report={report} />
    </Page>
  );
}
