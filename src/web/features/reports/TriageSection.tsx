// Triage: the report's status (with what the reporter will read at /return) and who works
// on it. Every change is audited on the server.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { changeReportStatus } from '../../../common/api/intake.ts';
import { reporterStatusOf, type ReportStatus } from '../../../common/intake/report.ts';
import { api, type ReportSummary } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import type { MessageKey } from '../../../common/i18n/index.ts';
import { assigneeLabel } from './assignee.ts';
import { REPORT_STATUS_LABEL, REPORTER_STATUS_LABEL } from './labels.ts';
import type { Assignees } from './members.ts';

const TARGETS = changeReportStatus.shape.status.options;
type Target = (typeof TARGETS)[number];

const MEANING: Record<Target, MessageKey> = {
  in_progress: 'reports.triage.meaning.in_progress',
  accepted: 'reports.triage.meaning.accepted',
  duplicate: 'reports.triage.meaning.duplicate',
  not_actionable: 'reports.triage.meaning.not_actionable',
  spam: 'reports.triage.meaning.spam',
  closed: 'reports.triage.meaning.closed',
};

function isTarget(value: string): value is Target {
  return (TARGETS as readonly string[]).includes(value);
}

export function TriageSection({
  report,
  assignees,
  onChanged,
}: {
  report: ReportSummary;
  assignees: Assignees;
  onChanged(): Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="triage-heading" className="section">
      <h2 id="triage-heading">{t('reports.triage.title')}</h2>
      <StatusForm report={report} onChanged={onChanged} />
      <AssignForm report={report} assignees={assignees} onChanged={onChanged} />
    </section>
  );
}

function StatusForm({ report, onChanged }: { report: ReportSummary; onChanged(): Promise<void> }) {
  const { t, date } = useI18n();
  const name = useId();
  const [target, setTarget] = useState<Target | null>(null);
  const [duplicateOf, setDuplicateOf] = useState('');
  const [others, setOthers] = useState<ReportSummary[] | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // The reports this one may repeat, loaded only when "duplicate" is chosen.
  const wantOthers = target === 'duplicate' && others === null;
  useEffect(() => {
    if (!wantOthers) return;
    let cancelled = false;
    api.reports({ limit: 100 }).then(
      (result) => {
        // A duplicate points at the report it repeats, never at another duplicate.
        if (!cancelled)
          setOthers(result.reports.filter((r) => r.id !== report.id && r.status !== 'duplicate'));
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [wantOthers, report.id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    setError(null);
    if (!target) {
      setFieldError(t('reports.triage.chooseStatus'));
      return;
    }
    if (target === 'duplicate' && !duplicateOf) {
      setFieldError(t('reports.triage.chooseDuplicate'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await api.changeReportStatus(
        report.id,
        target === 'duplicate' ? { status: target, duplicateOf } : { status: target },
      );
      setNotice(t('reports.triage.statusChanged', { status: t(REPORT_STATUS_LABEL[target]) }));
      setTarget(null);
      await onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const reporterSees = (status: ReportStatus) =>
    t('reports.triage.reporterSees', {
      status: t(REPORTER_STATUS_LABEL[reporterStatusOf(status)]),
    });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form">
      <fieldset aria-describedby={fieldError ? `${name}-error` : undefined}>
        <legend>{t('reports.triage.statusLegend')}</legend>
        <p className="hint">
          {t('reports.triage.current', { status: t(REPORT_STATUS_LABEL[report.status]) })}{' '}
          {reporterSees(report.status)}
        </p>
        {TARGETS.map((option) => (
          <div key={option} className="field radio">
            <input
              type="radio"
              id={`${name}-${option}`}
              name={name}
              value={option}
              checked={target === option}
              disabled={option === report.status}
              aria-describedby={`${name}-${option}-hint`}
              onChange={(e) => {
                if (isTarget(e.target.value)) setTarget(e.target.value);
                setFieldError(null);
              }}
            />
            <label htmlFor={`${name}-${option}`}>{t(REPORT_STATUS_LABEL[option])}</label>
            <p id={`${name}-${option}-hint`} className="hint">
              {t(MEANING[option])} {reporterSees(option)}
            </p>
          </div>
        ))}
        {target === 'duplicate' ? (
          others === null ? (
            <Busy>{t('common.loading')}</Busy>
          ) : others.length === 0 ? (
            <p className="muted">{t('reports.triage.noOtherReports')}</p>
          ) : (
            <SelectField
              label={t('reports.triage.duplicateOf')}
              value={duplicateOf}
              onChange={(e) => setDuplicateOf(e.target.value)}
            >
              <option value="">{t('reports.triage.choose')}</option>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
                  {other.reference} · {date(other.receivedAt)}
                </option>
              ))}
            </SelectField>
          )
        ) : null}
        {fieldError ? (
          <p id={`${name}-error`} className="field-error">
            {fieldError}
          </p>
        ) : null}
      </fieldset>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {busy ? <Busy>{t('common.saving')}</Busy> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('reports.triage.changeStatus')}
        </button>
      </div>
    </form>
  );
}

function AssignForm({
  report,
  assignees,
  onChanged,
}: {
  report: ReportSummary;
  assignees: Assignees;
  onChanged(): Promise<void>;
}) {
  const { t } = useI18n();
  const [choice, setChoice] = useState(report.assignedMemberId ?? '');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const me = assignees.candidates.find((c) => c.me);

  const assign = async (memberId: string | null) => {
    setNotice(null);
    setError(null);
    setBusy(true);
    try {
      await api.assignReport(report.id, memberId);
      setNotice(memberId ? t('reports.triage.assigned') : t('reports.triage.unassigned'));
      await onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="assign">
      <h3>{t('reports.triage.assignTitle')}</h3>
      {assignees.complete ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void assign(choice || null);
          }}
        >
          <SelectField
            label={t('reports.assignee')}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">{t('reports.unassigned')}</option>
            {assignees.candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {assigneeLabel(c.id, assignees, t)}
              </option>
            ))}
          </SelectField>
          <button
            type="submit"
            className="button secondary"
            disabled={busy || choice === (report.assignedMemberId ?? '')}
          >
            {t('reports.triage.assign')}
          </button>
        </form>
      ) : (
        <div className="actions">
          {me && report.assignedMemberId !== me.id ? (
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void assign(me.id)}
            >
              {t('reports.triage.assignToMe')}
            </button>
          ) : null}
          {report.assignedMemberId ? (
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void assign(null)}
            >
              {t('reports.triage.unassign')}
            </button>
          ) : null}
        </div>
      )}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
    </div>
  );
}
