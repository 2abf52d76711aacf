// The case worker's dashboard, on the overview: urgent cases, my tasks due this week or
// overdue, new reports, overdue contacts, referrals waiting for an answer; each links to
// its page. Titles are decrypted in this tab when the keys are unlocked.
import { useEffect, useState } from 'react';
import { INCIDENT_TYPES } from '../../../common/intake/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type Dashboard } from './api.ts';
import { CaseRow } from './CasesListPage.tsx';
import { daysSince, openTaskFields } from './decrypt.ts';
import { openKey } from './sealing.ts';
import { SealedText, useLabel } from './shared.tsx';

export function DashboardSection() {
  const { t, dateTime, date } = useI18n();
  const session = useSession();
  const label = useLabel();
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    casesApi.dashboard().then(setBoard, setError);
  }, []);
  const org = session.keys?.org ?? null;

  if (error) return <Alert>{errorText(error, t)}</Alert>;
  if (!board) return <Busy>{t('common.loading')}</Busy>;
  return (
    <>
      <section aria-labelledby="dash-urgent" className="section">
        <h2 id="dash-urgent">{t('cases.dashboard.urgent')}</h2>
        {board.urgentCases.length === 0 ? (
          <p className="muted">{t('cases.dashboard.noUrgent')}</p>
        ) : null}
        <ul className="report-list">
          {board.urgentCases.map((c) => (
            <CaseRow key={c.id} summary={c} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="dash-tasks" className="section">
        <h2 id="dash-tasks">{t('cases.dashboard.tasks')}</h2>
        {board.tasks.length === 0 ? <p className="muted">{t('cases.dashboard.noTasks')}</p> : null}
        <ul className="notification-list">
          {board.tasks.map((task) => {
            const key = org ? openKey(board.caseKeys[task.caseId], org) : null;
            const title = org ? openTaskFields(key, task).title : undefined;
            return (
              <li key={task.id} className="notification" data-testid="dashboard-task">
                <p className="notification-head">
                  {task.overdue ? (
                    <span className="badge badge-warning">{t('cases.tasks.overdue')}</span>
                  ) : null}
                  <SealedText value={title} />
                </p>
                <p className="notification-meta">
                  <Link href={`/app/cases/${task.caseId}`}>{task.caseReference}</Link>
                  {task.dueAt ? (
                    <span>{t('cases.tasks.dueOn', { date: dateTime(task.dueAt) })}</span>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="dash-contacts" className="section">
        <h2 id="dash-contacts">{t('cases.dashboard.contacts')}</h2>
        {board.overdueContacts.length === 0 ? (
          <p className="muted">{t('cases.dashboard.noContacts')}</p>
        ) : null}
        <ul className="link-list">
          {board.overdueContacts.map((c) => (
            <li key={c.id} data-testid="dashboard-overdue">
              <Link href={`/app/cases/${c.id}`}>
                {c.centralPersonCodeName
                  ? t('cases.dashboard.noContactWith', {
                      reference: c.reference,
                      who: c.centralPersonCodeName,
                      count: daysSince(c.lastContactAt ?? c.createdAt),
                    })
                  : t('cases.dashboard.noContactFor', {
                      reference: c.reference,
                      count: daysSince(c.lastContactAt ?? c.createdAt),
                    })}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {board.newReports ? (
        <section aria-labelledby="dash-reports" className="section">
          <h2 id="dash-reports">{t('cases.dashboard.reports')}</h2>
          {board.newReports.length === 0 ? (
            <p className="muted">{t('cases.dashboard.noReports')}</p>
          ) : null}
          <ul className="link-list">
            {board.newReports.map((r) => (
              <li key={r.id}>
                <Link href={`/app/reports/${r.id}`}>{r.reference}</Link> · {date(r.receivedAt)} ·{' '}
                {r.incidentTypes.map((x) => label(INCIDENT_TYPES, x)).join(', ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {board.pendingReferrals && board.pendingReferrals.length > 0 ? (
        <section aria-labelledby="dash-referrals" className="section">
          <h2 id="dash-referrals">{t('cases.dashboard.referrals')}</h2>
          <ul className="link-list">
            {board.pendingReferrals.map((r) => (
              <li key={r.id}>
                <Link href="/app/referrals">
                  {t('cases.incoming.from', { name: r.fromOrganisationName })} · {r.caseReference}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
