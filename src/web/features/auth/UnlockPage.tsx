// After a reload the session cookie is still valid but the keys are gone: the person
// types the password again, and the member key is unwrapped in this tab.
import { useState, type FormEvent } from 'react';
import { DecryptionError } from '../../../common/crypto/index.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { navigate, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { deriveFromDto, forget, KeyMismatchError, unlockMemberKey } from '../../lib/keys.ts';

export function UnlockPage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (password === '') {
      setFieldError(t('login.passwordRequired'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const me = await api.me();
      const keys = await deriveFromDto(password, me.member.kdf);
      forget(keys.authKey);
      try {
        const member = unlockMemberKey(keys.wrapKey, me);
        session.signedIn(me, member);
      } finally {
        forget(keys.wrapKey);
      }
      setPassword('');
      if (path === '/app/unlock') navigate('/app/', { replace: true });
    } catch (caught) {
      setBusy(false);
      if (caught instanceof DecryptionError) setFieldError(t('unlock.wrongPassword'));
      else if (caught instanceof KeyMismatchError) setError(t('unlock.keyMismatch'));
      else setError(errorText(caught, t));
    }
  };

  return (
    <Page title={t('unlock.title')}>
      <p>{t('unlock.intro')}</p>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <TextField
          label={t('field.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          error={fieldError}
          onChange={(e) => setPassword(e.target.value)}
        />
        {busy ? <Busy>{t('common.derivingKeys')}</Busy> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('unlock.submit')}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => {
              session.continueLocked();
              if (path === '/app/unlock') navigate('/app/', { replace: true });
            }}
          >
            {t('unlock.continueLocked')}
          </button>
        </div>
      </form>
      <p className="hint">{t('unlock.continueLockedHint')}</p>
    </Page>
  );
}
