// First-run setup from the one-time link printed on the server console
// (/app/setup#<token>: the token stays in the fragment, never in a request URL).
// The browser creates the organisation key, the recovery key and the first admin's
// keys; the server receives only public keys and ciphertext.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { buildNewOrganisation } from '../../../common/accounts/client-ops.ts';
import type { Locale } from '../../../common/api/accounts.ts';
import { DEFAULT_KDF, type BoxKeyPair } from '../../../common/crypto/index.ts';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { forgetFragment, Link, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, TextField } from '../../components/fields.tsx';
import { LANGUAGE_NAMES } from '../../components/LanguageSwitch.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { Alert, Busy, Page, PrintableList } from '../../components/ui.tsx';
import { errorText, fieldIssue } from '../../lib/errors.ts';
import { afterPaint, forget } from '../../lib/keys.ts';
import {
  EmailField,
  DisplayNameField,
  DefaultLocaleField,
  SlugField,
} from '../../components/AccountFields.tsx';
import {
  checkDisplayName,
  checkEmail,
  checkNewPassword,
  checkOrganisationName,
  checkSlug,
  hasErrors,
  type Errors,
} from '../../lib/validation.ts';

type Phase = 'checking' | 'noToken' | 'alreadySetUp' | 'form' | 'recovery';
type Field = 'name' | 'slug' | 'email' | 'displayName' | 'password' | 'confirm';

export function SetupPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [token] = useState(() => window.location.hash.slice(1));
  const [phase, setPhase] = useState<Phase>(token.length >= 20 ? 'checking' : 'noToken');
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [defaultLocale, setDefaultLocale] = useState<Locale>(locale);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [words, setWords] = useState<string[]>([]);
  const [stored, setStored] = useState(false);
  const [storedError, setStoredError] = useState<string | null>(null);
  const created = useRef<{ admin: BoxKeyPair; org: BoxKeyPair } | null>(null);

  useEffect(() => {
    if (phase !== 'checking') return;
    api.setupStatus().then(
      (status) => setPhase(status.needsSetup ? 'form' : 'alreadySetUp'),
      () => setPhase('form'),
    );
  }, [phase]);

  useEffect(() => {
    if (phase !== 'recovery') return;
    // The words exist only on this screen: warn before a reload or close loses them.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [phase]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: Errors<Field> = {
      name: checkOrganisationName(name, t),
      slug: checkSlug(slug, t),
      email: checkEmail(email, t),
      displayName: checkDisplayName(displayName, t),
      ...checkNewPassword(password, confirm, t),
    };
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await afterPaint();
      const built = buildNewOrganisation({
        name: name.trim(),
        slug: slug.trim().toLowerCase(),
        defaultLocale,
        admin: { email, displayName: displayName.trim(), password, locale, kdf: DEFAULT_KDF },
      });
      try {
        await api.setup({ token, ...built.body });
      } catch (caught) {
        forget(built.orgKeyPair.privateKey, built.adminKeyPair.privateKey);
        throw caught;
      }
      created.current = { admin: built.adminKeyPair, org: built.orgKeyPair };
      setWords(built.recoveryWords.split(' '));
      setPassword('');
      setConfirm('');
      forgetFragment();
      setPhase('recovery');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'already_set_up') setPhase('alreadySetUp');
      setErrors({
        name: fieldIssue(caught, 'name'),
        slug: fieldIssue(caught, 'slug'),
        email: fieldIssue(caught, 'email'),
      });
      setError(errorText(caught, t));
    } finally {
      setBusy(false);
    }
  };

  const finish = async (event: FormEvent) => {
    event.preventDefault();
    if (!stored) {
      setStoredError(t('setup.storedRequired'));
      return;
    }
    const keys = created.current;
    if (!keys) return;
    setError(null);
    setBusy(true);
    try {
      const me = await api.me();
      // The organisation key pair is opened again from the server's key grant, which
      // also proves the grant was stored correctly.
      forget(keys.org.privateKey);
      session.signedIn(me, keys.admin, { interactive: true });
      setWords([]);
      navigate('/app/', { replace: true });
    } catch (caught) {
      setBusy(false);
      setError(errorText(caught, t));
    }
  };

  if (phase === 'checking') {
    return (
      <div className="page">
        <Busy>{t('common.loading')}</Busy>
      </div>
    );
  }
  if (phase === 'noToken') {
    return (
      <Page title={t('setup.title')}>
        <Alert>{t('setup.noToken')}</Alert>
      </Page>
    );
  }
  if (phase === 'alreadySetUp') {
    return (
      <Page title={t('setup.title')}>
        <Alert kind="info">{t('setup.alreadySetUp')}</Alert>
        <p>
          <Link href="/app/login">{t('setup.goToLogin')}</Link>
        </p>
      </Page>
    );
  }
  if (phase === 'recovery') {
    return (
      <Page title={t('setup.recoveryTitle')}>
        <Alert kind="warning">{t('setup.recoveryWarning')}</Alert>
        <PrintableList
          heading={t('setup.recoveryWordsHeading')}
          intro={
            <p className="print-only">
              {t('setup.recoveryPrintNote', { organisation: name.trim(), slug })}
            </p>
          }
          items={words}
          numbered
          testId="recovery-words"
        />
        <p>{t('setup.recoveryHowToKeep')}</p>
        {error ? <Alert>{error}</Alert> : null}
        <form onSubmit={(e) => void finish(e)} noValidate className="form no-print">
          <CheckboxField
            label={t('setup.storedConfirm')}
            checked={stored}
            error={storedError}
            onChange={(e) => {
              setStored(e.target.checked);
              setStoredError(null);
            }}
          />
          {busy ? <Busy>{t('common.loading')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('setup.continue')}
            </button>
          </div>
        </form>
      </Page>
    );
  }

  return (
    <Page title={t('setup.title')}>
      <p>{t('setup.intro')}</p>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        <fieldset>
          <legend>{t('setup.organisationLegend')}</legend>
          <TextField
            label={t('field.organisationName')}
            name="organisation"
            autoComplete="organization"
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <SlugField
            value={slug}
            error={errors.slug}
            hint={t('setup.slugHint')}
            onChange={setSlug}
          />
          <DefaultLocaleField value={defaultLocale} onChange={setDefaultLocale} />
        </fieldset>
        <fieldset>
          <legend>{t('setup.adminLegend')}</legend>
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
        </fieldset>
        {busy ? <Busy>{t('setup.creatingKeys')}</Busy> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t('setup.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
