// Opt-in e-mail about new reports. Unlike the sign-in e-mail (sealed to the organisation),
// this address is readable by the server, which must send to it: the person is told so,
// and told that the mail never carries anything from a report.
import { useEffect, useState, type FormEvent } from 'react';
import { notificationEmail } from '../../../common/api/intake.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { TextField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText, fieldIssue } from '../../lib/errors.ts';

export function NotificationEmailSection() {
  const { t } = useI18n();
  // undefined while loading; null when e-mails are off.
  const [current, setCurrent] = useState<string | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [address, setAddress] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.notificationEmail().then(
      (result) => setCurrent(result.email),
      (caught: unknown) => setError(caught),
    );
  }, []);

  const save = async (email: string | null, message: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await api.setNotificationEmail(email);
      setCurrent(result.email);
      setEditing(false);
      setAddress('');
      setNotice(message);
    } catch (caught) {
      const issue = fieldIssue(caught, 'email');
      if (issue) setFieldError(t('notifyEmail.invalid'));
      else setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = notificationEmail.shape.email.safeParse(address);
    if (!parsed.success || parsed.data === null) {
      setFieldError(address.trim() === '' ? t('notifyEmail.required') : t('notifyEmail.invalid'));
      return;
    }
    setFieldError(null);
    void save(parsed.data, t('notifyEmail.turnedOn', { email: parsed.data }));
  };

  return (
    <section aria-labelledby="notify-email-heading" className="section">
      <h2 id="notify-email-heading">{t('notifyEmail.title')}</h2>
      <p>{t('notifyEmail.intro')}</p>
      <ul className="link-list">
        <li>{t('notifyEmail.noContent')}</li>
        <li>{t('notifyEmail.serverReads')}</li>
        <li>{t('notifyEmail.privateAddress')}</li>
      </ul>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {current === undefined ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : editing || current === null ? (
        <form onSubmit={submit} noValidate className="form">
          {current === null ? (
            <p>
              <span className="badge badge-off">{t('notifyEmail.statusOff')}</span>
            </p>
          ) : null}
          <TextField
            label={t('notifyEmail.address')}
            type="email"
            name="notification-email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={address}
            error={fieldError}
            onChange={(e) => {
              setAddress(e.target.value);
              setFieldError(null);
            }}
          />
          {busy ? <Busy>{t('common.saving')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {current === null ? t('notifyEmail.turnOn') : t('common.save')}
            </button>
            {editing ? (
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => setEditing(false)}
              >
                {t('common.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : (
        <>
          <p>
            <span className="badge badge-on">{t('notifyEmail.statusOn')}</span>
          </p>
          <p>
            {t('notifyEmail.sendingTo')} <strong data-testid="notify-email">{current}</strong>
          </p>
          {busy ? <Busy>{t('common.saving')}</Busy> : null}
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => {
                setAddress(current);
                setEditing(true);
                setNotice(null);
              }}
            >
              {t('notifyEmail.change')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void save(null, t('notifyEmail.turnedOff'))}
            >
              {t('notifyEmail.turnOff')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
