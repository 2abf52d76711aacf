// Changing the password re-wraps the SAME member private key under a key derived from
// the new password (new salt): nothing sealed to the member has to change.
import { useState, type FormEvent } from 'react';
import { DecryptionError, toB64, wrapKey } from '../../../common/crypto/index.ts';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField } from '../../components/fields.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { deriveFromDto, forget, newKdf, unlockMemberKey } from '../../lib/keys.ts';
import { checkNewPassword, hasErrors, type Errors } from '../../lib/validation.ts';

type Field = 'current' | 'password' | 'confirm';

export function PasswordSection() {
  const { t } = useI18n();
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const member = session.keys?.member;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const me = session.me;
    if (!me || !member) return;
    setError(null);
    setDone(false);
    const found: Errors<Field> = {
      current: current === '' ? t('login.passwordRequired') : undefined,
      ...checkNewPassword(password, confirm, t),
    };
    if (!found.password && password === current) found.password = t('password.sameAsCurrent');
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      const old = await deriveFromDto(current, me.member.kdf);
      try {
        // Checked here first, so a typo costs no failed attempt on the server.
        forget(unlockMemberKey(old.wrapKey, me).privateKey);
      } catch (caught) {
        forget(old.wrapKey, old.authKey);
        if (caught instanceof DecryptionError) {
          setErrors({ current: t('password.currentWrong') });
          return;
        }
        throw caught;
      }
      const kdf = newKdf();
      const next = await deriveFromDto(password, kdf);
      const body = {
        currentAuthKey: toB64(old.authKey),
        wrappedPrivateKey: toB64(wrapKey(next.wrapKey, member.privateKey)),
        kdf,
        authKey: toB64(next.authKey),
      };
      forget(old.wrapKey, old.authKey, next.wrapKey, next.authKey);
      await api.changePassword(body);
      setCurrent('');
      setPassword('');
      setConfirm('');
      setDone(true);
      await session.refresh();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'wrong_password')
        setErrors({ current: t('password.currentWrong') });
      else setError(errorText(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="password-heading" className="section">
      <h2 id="password-heading">{t('password.title')}</h2>
      <p>{t('password.intro')}</p>
      {!member ? (
        <p>
          {t('password.locked')} <Link href="/app/unlock">{t('lock.bannerAction')}</Link>
        </p>
      ) : (
        <>
          {error ? <Alert>{error}</Alert> : null}
          {done ? <Alert kind="success">{t('password.changed')}</Alert> : null}
          <form onSubmit={(e) => void submit(e)} noValidate className="form">
            <TextField
              label={t('field.currentPassword')}
              type="password"
              name="current-password"
              autoComplete="current-password"
              value={current}
              error={errors.current}
              onChange={(e) => setCurrent(e.target.value)}
            />
            <NewPasswordFields
              password={password}
              confirm={confirm}
              onPassword={setPassword}
              onConfirm={setConfirm}
              errors={errors}
            />
            {busy ? <Busy>{t('common.derivingKeys')}</Busy> : null}
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t('password.submit')}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
