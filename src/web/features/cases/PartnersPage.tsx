// Partner organisations (admins): which organisations on this instance we may refer cases
// to, and the organisation's default number of days without contact before an alert.
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type InstanceOrganisations } from './api.ts';

export function PartnersPage() {
  const { t } = useI18n();
  const session = useSession();
  const canManage = session.can('partners.manage');
  const [orgs, setOrgs] = useState<InstanceOrganisations['organisations'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    casesApi.organisations().then((r) => {
      setOrgs(r.organisations);
      setError(null);
    }, setError);
  useEffect(() => {
    if (canManage) void load();
  }, [canManage]);

  const toggle = async (organisationId: string, isPartner: boolean) => {
    setError(null);
    try {
      await (isPartner
        ? casesApi.removePartner(organisationId)
        : casesApi.addPartner(organisationId));
      await load();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Page title={t('cases.partners.title')}>
      <p className="hint">{t('cases.partners.intro')}</p>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {canManage ? (
        !orgs ? (
          error ? null : (
            <Busy>{t('common.loading')}</Busy>
          )
        ) : orgs.length === 0 ? (
          <p className="muted">{t('cases.partners.noOthers')}</p>
        ) : (
          <ul className="notification-list">
            {orgs.map((o) => (
              <li key={o.id} className="notification" data-testid="partner-candidate">
                <p className="notification-head">
                  {o.isPartner ? (
                    <span className="badge badge-active">{t('cases.partners.isPartner')}</span>
                  ) : null}
                  <strong>{o.name}</strong>
                </p>
                <p className="notification-meta">
                  <span>{o.slug}</span>
                  {o.listsUsAsPartner ? <span>{t('cases.partners.listsUs')}</span> : null}
                </p>
                <button
                  type="button"
                  className={o.isPartner ? 'button secondary' : 'button'}
                  onClick={() => void toggle(o.id, o.isPartner)}
                >
                  {o.isPartner
                    ? t('cases.partners.remove', { name: o.name })
                    : t('cases.partners.add', { name: o.name })}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <AlertDaysForm />
    </Page>
  );
}

function AlertDaysForm() {
  const { t } = useI18n();
  const session = useSession();
  const canEdit = session.can('organisation.update');
  const [days, setDays] = useState('');
  const [saved, setSaved] = useState<number | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState(false);
  useEffect(() => {
    casesApi.settings().then((s) => {
      setSaved(s.contactAlertDays);
      setDays(String(s.contactAlertDays));
    }, setError);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(false);
    setError(null);
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 365) return setFieldError(t('cases.alertDaysRange'));
    setFieldError(undefined);
    try {
      const s = await casesApi.saveSettings(n);
      setSaved(s.contactAlertDays);
      setNotice(true);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="alert-days" className="section">
      <h2 id="alert-days">{t('cases.settings.title')}</h2>
      {saved === null ? null : canEdit ? (
        <form className="inline-form" noValidate onSubmit={(e) => void submit(e)}>
          <TextField
            label={t('cases.settings.days')}
            hint={t('cases.settings.daysHint')}
            inputMode="numeric"
            value={days}
            error={fieldError}
            onChange={(e) => setDays(e.target.value)}
          />
          <button type="submit" className="button secondary">
            {t('common.save')}
          </button>
        </form>
      ) : (
        <p>{t('cases.contact.days', { count: saved })}</p>
      )}
      {notice ? <Alert kind="success">{t('cases.settings.saved')}</Alert> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
    </section>
  );
}
