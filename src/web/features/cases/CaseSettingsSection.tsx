// The coded settings of a case: restricted or not, the person at its centre, and its own
// number of days without contact before an alert. A stale version (someone else saved
// meanwhile) reloads the case and says so; nothing is written over their change.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, SelectField, TextField } from '../../components/fields.tsx';
import { Alert } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type CaseDetail } from './api.ts';

export function CaseSettingsSection({
  detail,
  reload,
}: {
  detail: CaseDetail;
  reload(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  if (!session.can('cases.write')) return null;
  return (
    <section aria-labelledby="case-settings" className="section">
      <h2 id="case-settings">{t('cases.settings.caseTitle')}</h2>
      {/* A new version (saved here or elsewhere) starts the form again from what is saved. */}
      <SettingsForm
        key={detail.case.version}
        detail={detail}
        reload={reload}
        onNotice={setNotice}
      />
      {notice ? <Alert kind="info">{notice}</Alert> : null}
    </section>
  );
}

function SettingsForm({
  detail,
  reload,
  onNotice,
}: {
  detail: CaseDetail;
  reload(): Promise<unknown>;
  onNotice(text: string | null): void;
}) {
  const { t } = useI18n();
  const c = detail.case;
  const [restricted, setRestricted] = useState(c.restricted);
  const [central, setCentral] = useState(c.centralPersonId ?? '');
  const [days, setDays] = useState(c.contactAlertDays === null ? '' : String(c.contactAlertDays));
  const [daysError, setDaysError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const setNotice = onNotice;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const n = days.trim() === '' ? null : Number(days);
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 365)) {
      setDaysError(t('cases.alertDaysRange'));
      return;
    }
    setDaysError(undefined);
    const body = {
      expectedVersion: c.version,
      ...(restricted !== c.restricted && { restricted }),
      ...((central || null) !== c.centralPersonId && { centralPersonId: central || null }),
      ...(n !== c.contactAlertDays && { contactAlertDays: n }),
    };
    if (Object.keys(body).length === 1) {
      setNotice(t('cases.edit.unchanged'));
      return;
    }
    try {
      await casesApi.update(c.id, body);
      setNotice(t('cases.edit.saved'));
      await reload();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'edit_conflict') {
        setError(null);
        setNotice(t('cases.settings.conflict'));
        await reload();
      } else {
        setError(caught);
      }
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <CheckboxField
        label={t('cases.field.restricted')}
        hint={t('cases.field.restrictedHint')}
        checked={restricted}
        onChange={(e) => setRestricted(e.target.checked)}
      />
      <SelectField
        label={t('cases.field.centralPerson')}
        hint={t('cases.settings.centralHint')}
        value={central}
        onChange={(e) => setCentral(e.target.value)}
      >
        <option value="">{t('cases.none')}</option>
        {detail.people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.codeName}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('cases.field.alertDays')}
        hint={t('cases.field.alertDaysHint')}
        inputMode="numeric"
        value={days}
        error={daysError}
        onChange={(e) => setDays(e.target.value)}
      />
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <div className="actions">
        <button type="submit" className="button secondary">
          {t('cases.settings.save')}
        </button>
      </div>
    </form>
  );
}
