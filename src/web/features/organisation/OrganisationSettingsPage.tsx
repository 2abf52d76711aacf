import { useEffect, useState, type FormEvent } from 'react';
import type { Locale } from '../../../common/api/accounts.ts';
import { api, type OrganisationView } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, TextField } from '../../components/fields.tsx';
import { LANGUAGE_NAMES } from '../../components/LanguageSwitch.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText, fieldIssue } from '../../lib/errors.ts';
import { checkOrganisationName } from '../../lib/validation.ts';
import { DefaultLocaleField } from '../../components/AccountFields.tsx';

export function OrganisationSettingsPage() {
  const { t } = useI18n();
  const session = useSession();
  const [org, setOrg] = useState<OrganisationView | null>(null);
  const [name, setName] = useState('');
  const [defaultLocale, setDefaultLocale] = useState<Locale>('ru');
  const [requireTotp, setRequireTotp] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'saved' | 'unchanged' | null>(null);
  const [busy, setBusy] = useState(false);
  const canEdit = session.can('organisation.update');

  const show = (loaded: OrganisationView) => {
    setOrg(loaded);
    setName(loaded.name);
    setDefaultLocale(loaded.defaultLocale);
    setRequireTotp(loaded.requireTotp);
  };

  useEffect(() => {
    api.organisation().then(show, setError);
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!org) return;
    setError(null);
    setNotice(null);
    const problem = checkOrganisationName(name, t);
    setNameError(problem);
    if (problem) return;
    const patch = {
      ...(name.trim() !== org.name && { name: name.trim() }),
      ...(defaultLocale !== org.defaultLocale && { defaultLocale }),
      ...(requireTotp !== org.requireTotp && { requireTotp }),
    };
    if (Object.keys(patch).length === 0) {
      setNotice('unchanged');
      return;
    }
    setBusy(true);
    try {
      show(await api.updateOrganisation(patch));
      setNotice('saved');
      await session.refresh();
    } catch (caught) {
      setNameError(fieldIssue(caught, 'name'));
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('organisation.title')}>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!org ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : canEdit ? (
        <form onSubmit={(e) => void save(e)} noValidate className="form">
          {notice === 'saved' ? <Alert kind="success">{t('organisation.saved')}</Alert> : null}
          {notice === 'unchanged' ? <Alert kind="info">{t('organisation.unchanged')}</Alert> : null}
          <TextField
            label={t('field.organisationName')}
            name="organisation"
            value={name}
            error={nameError}
            onChange={(e) => setName(e.target.value)}
          />
          <DefaultLocaleField value={defaultLocale} onChange={setDefaultLocale} />
          <CheckboxField
            label={t('organisation.requireTotp')}
            hint={t('organisation.requireTotpHint')}
            checked={requireTotp}
            onChange={(e) => setRequireTotp(e.target.checked)}
          />
          <p className="hint">{t('organisation.slugNote', { slug: org.slug })}</p>
          {busy ? <Busy>{t('common.saving')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('common.save')}
            </button>
          </div>
        </form>
      ) : (
        <dl className="facts">
          <div>
            <dt>{t('field.organisationName')}</dt>
            <dd>{org.name}</dd>
          </div>
          <div>
            <dt>{t('field.slug')}</dt>
            <dd>{org.slug}</dd>
          </div>
          <div>
            <dt>{t('field.defaultLocale')}</dt>
            <dd lang={org.defaultLocale}>{LANGUAGE_NAMES[org.defaultLocale]}</dd>
          </div>
          <div>
            <dt>{t('organisation.requireTotp')}</dt>
            <dd>{org.requireTotp ? t('common.yes') : t('common.no')}</dd>
          </div>
        </dl>
      )}
    </Page>
  );
}
