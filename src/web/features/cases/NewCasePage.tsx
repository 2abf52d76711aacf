// A new case. The browser makes the case id and record key, seals the key to the
// organisation's public key and encrypts the title and goal under it; the server receives
// only ciphertext and the coded choices. Optionally it starts from an accepted report or
// an incident, which are linked to it right away.
import { useEffect, useState, type FormEvent } from 'react';
import { sodium } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { casesApi } from './api.ts';
import { newId, newRecordKey, sealField, sealOptional } from './sealing.ts';

export const TITLE_MAX = 200;
export const GOAL_MAX = 4000;

interface Ref {
  id: string;
  label: string;
}

export function NewCasePage() {
  const { t } = useI18n();
  const session = useSession();
  const params = new URLSearchParams(window.location.search);
  const [title, setTitle] = useState('');
  const [goal, setGoal] = useState('');
  const [restricted, setRestricted] = useState(false);
  const [status, setStatus] = useState<'open' | 'active' | 'urgent'>('open');
  const [alertDays, setAlertDays] = useState('');
  const [centralPerson, setCentralPerson] = useState('');
  const [reportId, setReportId] = useState(params.get('report') ?? '');
  const [incidentId, setIncidentId] = useState(params.get('incident') ?? '');
  const [people, setPeople] = useState<Ref[]>([]);
  const [reports, setReports] = useState<Ref[]>([]);
  const [incidents, setIncidents] = useState<Ref[]>([]);
  const [errors, setErrors] = useState<{ title?: string; alertDays?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const canReports = session.can('reports.read');

  useEffect(() => {
    // The choices are optional: a list that cannot be read leaves its select empty.
    casesApi.personRefs().then(
      (r) => setPeople(r.people.map((p) => ({ id: p.id, label: p.codeName }))),
      () => undefined,
    );
    casesApi.incidentRefs().then(
      (r) => setIncidents(r.incidents.map((i) => ({ id: i.id, label: i.reference }))),
      () => undefined,
    );
    if (canReports) {
      casesApi.reportRefs().then(
        (r) => setReports(r.reports.map((x) => ({ id: x.id, label: x.reference }))),
        () => undefined,
      );
    }
  }, [canReports]);

  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('cases.new.title')}>
        <Alert kind="warning">{t('cases.noOrgKey')}</Alert>
      </Page>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const days = alertDays.trim() === '' ? null : Number(alertDays);
    const problems = {
      title:
        title.trim() === ''
          ? t('cases.new.titleRequired')
          : title.trim().length > TITLE_MAX
            ? t('validation.tooLong', { max: TITLE_MAX })
            : undefined,
      alertDays:
        days !== null && (!Number.isInteger(days) || days < 1 || days > 365)
          ? t('cases.alertDaysRange')
          : undefined,
    };
    setErrors(problems);
    if (problems.title || problems.alertDays) return;
    if (goal.trim().length > GOAL_MAX) return;
    setBusy(true);
    const caseId = newId();
    const { key, sealedKey } = newRecordKey(org.publicKey);
    try {
      const body = {
        id: caseId,
        sealedRecordKey: sealedKey,
        sealedTitle: sealField(key, 'cases', 'sealed_title', caseId, title.trim()),
        sealedGoal: sealOptional(key, 'cases', 'sealed_goal', caseId, goal),
        restricted,
        status,
        centralPersonId: centralPerson || null,
        contactAlertDays: days,
      };
      sodium().memzero(key);
      await casesApi.create(body);
      if (reportId) await casesApi.link(caseId, 'reports', reportId);
      if (incidentId) await casesApi.link(caseId, 'incidents', incidentId);
      navigate(`/app/cases/${caseId}`);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Page title={t('cases.new.title')}>
      <p>
        <Link href="/app/cases">{t('cases.backToList')}</Link>
      </p>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          label={t('cases.field.title')}
          hint={t('cases.field.titleHint')}
          value={title}
          maxLength={TITLE_MAX}
          error={errors.title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <TextAreaField
          label={t('cases.field.goal')}
          hint={t('cases.field.goalHint')}
          value={goal}
          maxLength={GOAL_MAX}
          rows={3}
          onChange={(e) => setGoal(e.target.value)}
        />
        <SelectField
          label={t('cases.field.status')}
          value={status}
          onChange={(e) =>
            setStatus(
              e.target.value === 'urgent'
                ? 'urgent'
                : e.target.value === 'active'
                  ? 'active'
                  : 'open',
            )
          }
        >
          <option value="open">{t('cases.new.statusOpen')}</option>
          <option value="active">{t('cases.new.statusActive')}</option>
          <option value="urgent">{t('cases.new.statusUrgent')}</option>
        </SelectField>
        <CheckboxField
          label={t('cases.field.restricted')}
          hint={t('cases.field.restrictedHint')}
          checked={restricted}
          onChange={(e) => setRestricted(e.target.checked)}
        />
        <SelectField
          label={t('cases.field.centralPerson')}
          hint={t('cases.field.centralPersonHint')}
          value={centralPerson}
          onChange={(e) => setCentralPerson(e.target.value)}
        >
          <option value="">{t('cases.none')}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('cases.field.alertDays')}
          hint={t('cases.field.alertDaysHint')}
          inputMode="numeric"
          value={alertDays}
          error={errors.alertDays}
          onChange={(e) => setAlertDays(e.target.value)}
        />
        {canReports ? (
          <SelectField
            label={t('cases.new.fromReport')}
            value={reportId}
            onChange={(e) => setReportId(e.target.value)}
          >
            <option value="">{t('cases.none')}</option>
            {reportId && !reports.some((r) => r.id === reportId) ? (
              <option value={reportId}>{reportId.slice(0, 8)}</option>
            ) : null}
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          label={t('cases.new.fromIncident')}
          value={incidentId}
          onChange={(e) => setIncidentId(e.target.value)}
        >
          <option value="">{t('cases.none')}</option>
          {incidentId && !incidents.some((r) => r.id === incidentId) ? (
            <option value={incidentId}>{incidentId.slice(0, 8)}</option>
          ) : null}
          {incidents.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <p className="hint">{t('cases.new.sealedNote')}</p>
        {error ? <Alert>{errorText(error, t)}</Alert> : null}
        {busy ? <Busy>{t('common.saving')}</Busy> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('cases.new.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
