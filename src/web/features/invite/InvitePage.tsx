// Accepting an invitation (/app/invite#<token>). The browser creates the member's key
// pair, wraps the private half with the password, and seals e-mail and name to the
// organisation; then the member waits for an admin to approve them.
import { useEffect, useState, type FormEvent } from 'react';
import { buildMemberCredentials } from '../../../common/accounts/client-ops.ts';
import { DEFAULT_KDF, fromB64 } from '../../../common/crypto/index.ts';
import { api, type InvitationInfo } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { forgetFragment, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { LANGUAGE_NAMES } from '../../components/LanguageSwitch.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText, fieldIssue } from '../../lib/errors.ts';
import { ROLE_LABEL } from '../../lib/labels.ts';
import { afterPaint, forget } from '../../lib/keys.ts';
import {
  checkDisplayName,
  checkEmail,
  checkNewPassword,
  hasErrors,
  type Errors,
} from '../../lib/validation.ts';
import { EmailField, DisplayNameField } from '../../components/AccountFields.tsx';

type Field = 'email' | 'displayName' | 'password' | 'confirm';

export function InvitePage() {
  const { t, locale, date } = useI18n();
  const session = useSession();
  const [token] = useState(() => window.location.hash.slice(1));
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const hasToken = token.length >= 20;
  const [loadError, setLoadError] = useState<unknown>(null);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'deriving' | 'sending' | null>(null);

  useEffect(() => {
    if (!hasToken) return;
    api
      .inspectInvitation(token)
      .then(setInfo, (caught: unknown) => setLoadError(caught ?? new Error()));
  }, [token, hasToken]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!info) return;
    setError(null);
    const found: Errors<Field> = {
      email: checkEmail(email, t),
      displayName: checkDisplayName(displayName, t),
      ...checkNewPassword(password, confirm, t),
    };
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy('deriving');
    try {
      await afterPaint();
      const built = buildMemberCredentials({
        email,
        displayName: displayName.trim(),
        password,
        locale,
        orgPublicKey: fromB64(info.organisation.publicKey),
        kdf: DEFAULT_KDF,
      });
      setBusy('sending');
      try {
        await api.acceptInvitation(token, built.credentials);
      } catch (caught) {
        forget(built.keyPair.privateKey);
        throw caught;
      }
      setPassword('');
      setConfirm('');
      forgetFragment();
      const me = await api.me();
      session.signedIn(me, built.keyPair, { interactive: true });
      navigate('/app/', { replace: true });
    } catch (caught) {
      setBusy(null);
      setErrors({
        email: fieldIssue(caught, 'email'),
        displayName: fieldIssue(caught, 'displayNameSealed'),
      });
      setError(errorText(caught, t));
    }
  };

  if (!hasToken || loadError) {
    return (
      <Page title={t('invite.title')}>
        <Alert>{hasToken ? errorText(loadError, t) : t('invite.noToken')}</Alert>
      </Page>
    );
  }
  if (!info) {
    return (
      <div className="page">
        <Busy>{t('common.loading')}</Busy>
      </div>
    );
  }

  return (
    <Page title={t('invite.title')}>
      <p className="lead">
        {t('invite.intro', {
          organisation: info.organisation.name,
          role: t(ROLE_LABEL[info.role]),
        })}
      </p>
      <p className="hint">{t('invite.expires', { date: date(info.expiresAt) })}</p>
      <p>{t('invite.privacy')}</p>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <EmailField value={email} error={errors.email} onChange={setEmail} />
        <DisplayNameField
          value={displayName}
          error={errors.displayName}
          onChange={setDisplayName}
        />
        <NewPasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          errors={errors}
          labels={{ password: t('field.password'), confirm: t('field.confirmPassword') }}
        />
        <p className="hint">{t('form.languageNote', { language: LANGUAGE_NAMES[locale] })}</p>
        {busy ? (
          <Busy>{busy === 'deriving' ? t('invite.creatingKeys') : t('common.sending')}</Busy>
        ) : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy !== null}>
            {t('invite.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
