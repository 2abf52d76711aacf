// Regaining an admin account with the organisation recovery key (the 24 words shown at
// setup). The words never leave this tab: they open the organisation key here, sign the
// server's one-time challenge, and the admin gets a new key pair and password.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import {
  boxKeyPairFromPrivate,
  bytesEqual,
  createKeyGrant,
  DecryptionError,
  deriveRecoveryKeys,
  fromB64,
  generateBoxKeyPair,
  openSealed,
  recoveryWordsToSecret,
  recoveryResetDigest,
  signRecoveryChallenge,
  toB64,
  wrapKey,
  type BoxKeyPair,
  type RecoveryKeys,
} from '../../../common/crypto/index.ts';
import { ApiError } from '../../api/client.ts';
import { api, type RecoveryStart } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { forgetFragment, Link } from '../../app/router.tsx';
import { TextAreaField } from '../../components/fields.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { Alert, Busy, Page, shortId } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { deriveFromDto, forget, newKdf, openText } from '../../lib/keys.ts';
import { checkNewPassword, checkSlug, hasErrors, type Errors } from '../../lib/validation.ts';
import { SlugField } from '../../components/AccountFields.tsx';

const WORDS = new Set(wordlist);

interface Opened {
  start: RecoveryStart;
  recovery: RecoveryKeys;
  org: BoxKeyPair;
  admins: { id: string; name: string | null; email: string | null }[];
}

type Phase = 'words' | 'account' | 'done';

/** Zeroes the organisation and recovery private keys held for the second step. */
function wipeOpened(ref: { current: Opened | null }): void {
  const o = ref.current;
  if (o) forget(o.org.privateKey, o.recovery.box.privateKey, o.recovery.sign.privateKey);
  ref.current = null;
}

export function RecoveryPage() {
  const { t } = useI18n();
  const [phase, setPhase] = useState<Phase>('words');
  const [slug, setSlug] = useState('');
  const [words, setWords] = useState('');
  const [adminId, setAdminId] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors<'slug' | 'words' | 'admin' | 'password' | 'confirm'>>(
    {},
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const opened = useRef<Opened | null>(null);
  const [admins, setAdmins] = useState<Opened['admins']>([]);

  const wipe = () => wipeOpened(opened);

  useEffect(() => {
    forgetFragment();
    return () => wipeOpened(opened);
  }, []);

  const checkWords = (text: string): string | undefined => {
    const list = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (list.length === 0) return t('recovery.wordsRequired');
    const unknown = list.filter((w) => !WORDS.has(w));
    if (unknown.length > 0)
      return t('recovery.unknownWords', { words: unknown.slice(0, 5).join(', ') });
    if (list.length !== 24) return t('recovery.wordCount', { count: list.length });
    return undefined;
  };

  const submitWords = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = { slug: checkSlug(slug, t), words: checkWords(words) };
    setErrors(found);
    if (hasErrors(found)) return;
    let secret: Uint8Array;
    try {
      secret = recoveryWordsToSecret(words);
    } catch {
      setErrors({ words: t('recovery.checksum') });
      return;
    }
    setBusy(t('recovery.opening'));
    try {
      const start = await api.recoveryStart(slug.trim().toLowerCase());
      const recovery = deriveRecoveryKeys(secret);
      forget(secret);
      let org: BoxKeyPair;
      try {
        org = boxKeyPairFromPrivate(openSealed(recovery.box, fromB64(start.recoverySealedKey)));
        // The key granted to the recovered admin must be the organisation's own key, not
        // whatever a tampered server sealed to the recovery key.
        if (!bytesEqual(org.publicKey, fromB64(start.organisationPublicKey)))
          throw new DecryptionError('organisation key mismatch');
      } catch (caught) {
        if (caught instanceof DecryptionError) {
          forget(recovery.box.privateKey, recovery.sign.privateKey);
          setErrors({ words: t('recovery.wrongOrganisation') });
          return;
        }
        throw caught;
      }
      const list = start.admins.map((a) => ({
        id: a.id,
        name: openText(org, a.displayNameSealed),
        email: openText(org, a.emailSealed),
      }));
      wipe();
      opened.current = { start, recovery, org, admins: list };
      setAdmins(list);
      setAdminId(list.length === 1 ? (list[0]?.id ?? '') : '');
      setWords('');
      setPhase('account');
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 404)
        setErrors({ slug: t('recovery.noOrganisation') });
      else setError(errorText(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const submitAccount = async (event: FormEvent) => {
    event.preventDefault();
    const o = opened.current;
    if (!o) return;
    setError(null);
    const found = {
      admin: adminId === '' ? t('recovery.pickAdmin') : undefined,
      ...checkNewPassword(password, confirm, t),
    };
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(t('common.derivingKeys'));
    try {
      const member = generateBoxKeyPair();
      const kdf = newKdf();
      const login = await deriveFromDto(password, kdf);
      const reset = {
        memberId: adminId,
        publicKey: toB64(member.publicKey),
        wrappedPrivateKey: toB64(wrapKey(login.wrapKey, member.privateKey)),
        kdf,
        authKey: toB64(login.authKey),
        sealedOrgKey: toB64(createKeyGrant(o.org.privateKey, member.publicKey)),
      };
      const nonce = fromB64(o.start.nonce);
      const body = {
        organisationId: o.start.organisationId,
        nonce: o.start.nonce,
        // The signature covers the whole reset: an altered request does not verify.
        signature: toB64(
          signRecoveryChallenge(
            o.recovery,
            o.start.organisationId,
            nonce,
            recoveryResetDigest(reset),
          ),
        ),
        ...reset,
      };
      forget(login.wrapKey, login.authKey, member.privateKey);
      setBusy(t('common.sending'));
      await api.recoveryComplete(body);
      wipe();
      setPassword('');
      setConfirm('');
      setPhase('done');
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'recovery_expired') {
        wipe();
        setPhase('words');
        setError(t('recovery.expired'));
      } else {
        setError(errorText(caught, t));
      }
    } finally {
      setBusy(null);
    }
  };

  if (phase === 'done') {
    return (
      <Page title={t('recovery.doneTitle')}>
        <Alert kind="success">{t('recovery.doneText')}</Alert>
        <p>{t('recovery.doneTotp')}</p>
        <p>
          <Link href="/app/login" className="button">
            {t('recovery.goToLogin')}
          </Link>
        </p>
      </Page>
    );
  }

  if (phase === 'account') {
    return (
      <Page title={t('recovery.accountTitle')}>
        <p>{t('recovery.accountIntro')}</p>
        {error ? <Alert>{error}</Alert> : null}
        <form onSubmit={(e) => void submitAccount(e)} noValidate className="form">
          <fieldset aria-describedby={errors.admin ? 'recovery-admin-error' : undefined}>
            <legend>{t('recovery.whichAdmin')}</legend>
            {admins.length === 0 ? <p>{t('recovery.noAdmins')}</p> : null}
            {admins.map((a) => (
              <div className="field radio" key={a.id}>
                <input
                  type="radio"
                  id={`admin-${a.id}`}
                  name="admin"
                  value={a.id}
                  checked={adminId === a.id}
                  onChange={() => setAdminId(a.id)}
                />
                <label htmlFor={`admin-${a.id}`}>
                  {a.name ?? shortId(a.id)}
                  {a.email ? <span className="muted"> · {a.email}</span> : null}
                </label>
              </div>
            ))}
            {errors.admin ? (
              <p id="recovery-admin-error" className="field-error">
                {errors.admin}
              </p>
            ) : null}
          </fieldset>
          <NewPasswordFields
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            errors={errors}
          />
          {busy ? <Busy>{busy}</Busy> : null}
          <div className="actions">
            <button
              type="submit"
              className="button"
              disabled={busy !== null || admins.length === 0}
            >
              {t('recovery.submitAccount')}
            </button>
          </div>
        </form>
      </Page>
    );
  }

  return (
    <Page title={t('recovery.title')}>
      <p>{t('recovery.intro')}</p>
      <Alert kind="warning">{t('recovery.privacy')}</Alert>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={(e) => void submitWords(e)} noValidate className="form">
        <SlugField
          value={slug}
          error={errors.slug}
          hint={t('recovery.slugHint')}
          onChange={setSlug}
        />
        <TextAreaField
          label={t('recovery.words')}
          name="recovery-words"
          rows={6}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={words}
          error={errors.words}
          hint={t('recovery.wordsHint')}
          onChange={(e) => setWords(e.target.value)}
        />
        {busy ? <Busy>{busy}</Busy> : null}
        <div className="actions">
          <button type="submit" className="button" disabled={busy !== null}>
            {t('recovery.submitWords')}
          </button>
        </div>
      </form>
      <p>
        <Link href="/app/login">{t('recovery.backToLogin')}</Link>
      </p>
    </Page>
  );
}
