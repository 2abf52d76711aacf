// Sign-in: the password never leaves this tab. Argon2id turns it into an auth key (sent)
// and a wrap key (kept in memory, used once to unwrap the member key, then wiped).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { toB64 } from '../../../common/crypto/index.ts';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { deriveFromDto, forget, unlockMemberKey } from '../../lib/keys.ts';
import {
  checkEmail,
  checkRecoveryCode,
  checkTotpCode,
  hasErrors,
  type Errors,
} from '../../lib/validation.ts';
import { EmailField } from '../../components/AccountFields.tsx';

type Step = 'password' | 'totp';
type Busy = 'deriving' | 'checking' | 'opening' | null;

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [useRecovery, setUseRecovery] = useState(false);
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors<'email' | 'password' | 'code' | 'recoveryCode'>>({});
  const [needsSetup, setNeedsSetup] = useState(false);
  const challenge = useRef<string | null>(null);
  // Held between the password and the two-factor step only; wiped as soon as it is used.
  const pendingWrapKey = useRef<Uint8Array | null>(null);

  useEffect(() => {
    api.setupStatus().then(
      (status) => setNeedsSetup(status.needsSetup),
      () => undefined,
    );
    return () => {
      if (pendingWrapKey.current) forget(pendingWrapKey.current);
    };
  }, []);

  const finish = async (wrapKey: Uint8Array) => {
    setBusy('opening');
    try {
      const me = await api.me();
      const member = unlockMemberKey(wrapKey, me);
      session.signedIn(me, member, { interactive: true });
      navigate('/app/', { replace: true });
    } finally {
      forget(wrapKey);
      pendingWrapKey.current = null;
    }
  };

  const submitPassword = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = {
      email: checkEmail(email, t),
      password: password === '' ? t('login.passwordRequired') : undefined,
    };
    setErrors(found);
    if (hasErrors(found)) return;
    try {
      setBusy('deriving');
      const { kdf } = await api.prelogin(email);
      const keys = await deriveFromDto(password, kdf);
      setBusy('checking');
      let result;
      try {
        result = await api.login(email, toB64(keys.authKey));
      } finally {
        forget(keys.authKey);
      }
      setPassword('');
      if (result.next === 'totp') {
        pendingWrapKey.current = keys.wrapKey;
        challenge.current = result.challenge;
        setStep('totp');
        setBusy(null);
        return;
      }
      await finish(keys.wrapKey);
    } catch (caught) {
      setBusy(null);
      if (caught instanceof ApiError && caught.code === 'wrong_credentials')
        setErrors({ password: t('login.wrongCredentials') });
      else setError(errorText(caught, t));
    }
  };

  const submitTotp = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = useRecovery
      ? { recoveryCode: checkRecoveryCode(recoveryCode, t) }
      : { code: checkTotpCode(code, t) };
    setErrors(found);
    if (hasErrors(found) || !challenge.current || !pendingWrapKey.current) return;
    try {
      setBusy('checking');
      await api.loginTotp(
        useRecovery
          ? { challenge: challenge.current, recoveryCode: recoveryCode.trim() }
          : { challenge: challenge.current, code: code.replace(/\s/g, '') },
      );
      await finish(pendingWrapKey.current);
    } catch (caught) {
      setBusy(null);
      if (caught instanceof ApiError && caught.code === 'challenge_expired') {
        restart();
        setError(t('login.challengeExpired'));
      } else if (caught instanceof ApiError && caught.code === 'recovery_code_invalid') {
        setErrors({ recoveryCode: t('login.recoveryCodeRejected') });
      } else if (
        caught instanceof ApiError &&
        (caught.code === 'wrong_code' || caught.code === 'code_reused')
      ) {
        setErrors({ code: t('login.codeRejected') });
      } else {
        setError(errorText(caught, t));
      }
    }
  };

  const restart = () => {
    if (pendingWrapKey.current) forget(pendingWrapKey.current);
    pendingWrapKey.current = null;
    challenge.current = null;
    setCode('');
    setRecoveryCode('');
    setErrors({});
    setStep('password');
  };

  const notice =
    session.signOutReason === 'expired'
      ? t('login.noticeExpired')
      : session.signOutReason === 'signedOut'
        ? t('login.noticeSignedOut')
        : session.signOutReason === 'sessionEnded'
          ? t('login.noticeSessionEnded')
          : null;

  if (step === 'totp') {
    return (
      <Page title={t('login.totpTitle')}>
        <p>{useRecovery ? t('login.recoveryIntro') : t('login.totpIntro')}</p>
        {error ? <Alert>{error}</Alert> : null}
        <form onSubmit={(e) => void submitTotp(e)} noValidate className="form">
          {useRecovery ? (
            <TextField
              label={t('login.recoveryCode')}
              name="recoveryCode"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={recoveryCode}
              error={errors.recoveryCode}
              onChange={(e) => setRecoveryCode(e.target.value)}
            />
          ) : (
            <TextField
              label={t('login.code')}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              value={code}
              error={errors.code}
              hint={t('login.codeHint')}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
          {busy ? (
            <Busy>{busy === 'opening' ? t('login.opening') : t('login.checking')}</Busy>
          ) : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy !== null}>
              {t('login.confirm')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy !== null}
              onClick={() => {
                setErrors({});
                setUseRecovery((v) => !v);
              }}
            >
              {useRecovery ? t('login.useAuthenticator') : t('login.useRecoveryCode')}
            </button>
            <button
              type="button"
              className="button link-button"
              disabled={busy !== null}
              onClick={restart}
            >
              {t('login.startAgain')}
            </button>
          </div>
        </form>
      </Page>
    );
  }

  return (
    <Page title={t('login.title')}>
      {notice ? <Alert kind="info">{notice}</Alert> : null}
      {needsSetup ? <Alert kind="info">{t('login.needsSetup')}</Alert> : null}
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={(e) => void submitPassword(e)} noValidate className="form">
        <EmailField value={email} error={errors.email} onChange={setEmail} />
        <TextField
          label={t('field.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {busy ? (
          <Busy>
            {busy === 'deriving'
              ? t('common.derivingKeys')
              : busy === 'opening'
                ? t('login.opening')
                : t('login.checking')}
          </Busy>
        ) : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy !== null}>
            {t('login.submit')}
          </button>
        </div>
      </form>
      <section className="aside" aria-labelledby="login-help">
        <h2 id="login-help">{t('login.helpTitle')}</h2>
        <p>{t('login.forgotPassword')}</p>
        <p>
          {t('login.adminLostAccess')} <Link href="/app/recover">{t('login.recoverLink')}</Link>
        </p>
      </section>
    </Page>
  );
}
