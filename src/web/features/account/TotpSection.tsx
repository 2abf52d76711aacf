// Two-factor sign-in with an authenticator app (TOTP). The QR code is drawn here from
// the otpauth:// URI; nothing is fetched to draw it.
import { useState, type FormEvent } from 'react';
import { renderSVG } from 'uqr';
import { ApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, PrintableList } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { checkTotpCode } from '../../lib/validation.ts';

type Phase =
  | { kind: 'idle' }
  | { kind: 'scanning'; secret: string; uri: string }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'disabling' };

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP", easier to type by hand. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

export function TotpSection() {
  const { t } = useI18n();
  const session = useSession();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [stored, setStored] = useState(false);
  const [storedError, setStoredError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const enabled = session.me?.member.totpEnabled ?? false;

  const run = async (work: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    setBusy(true);
    try {
      await work();
    } catch (caught) {
      const message = errorText(caught, t);
      if (caught instanceof ApiError && caught.code === 'wrong_code') setCodeError(message);
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      const setup = await api.totpSetup();
      setCode('');
      setCodeError(undefined);
      setPhase({ kind: 'scanning', secret: setup.secret, uri: setup.uri });
    });

  const enable = (event: FormEvent) => {
    event.preventDefault();
    const problem = checkTotpCode(code, t);
    setCodeError(problem);
    if (problem) return;
    void run(async () => {
      const result = await api.totpEnable(code.replace(/\s/g, ''));
      setCode('');
      setStored(false);
      setPhase({ kind: 'codes', codes: result.recoveryCodes });
      await session.refresh();
    });
  };

  const disable = (event: FormEvent) => {
    event.preventDefault();
    const problem = checkTotpCode(code, t);
    setCodeError(problem);
    if (problem) return;
    void run(async () => {
      await api.totpDisable(code.replace(/\s/g, ''));
      setCode('');
      setPhase({ kind: 'idle' });
      setNotice(t('totp.disabledNotice'));
      await session.refresh();
    });
  };

  const finishCodes = (event: FormEvent) => {
    event.preventDefault();
    if (!stored) {
      setStoredError(t('totp.codesStoredRequired'));
      return;
    }
    setPhase({ kind: 'idle' });
    setNotice(t('totp.enabledNotice'));
  };

  const codeField = (
    <TextField
      label={t('totp.code')}
      name="totp-code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      value={code}
      error={codeError}
      onChange={(e) => setCode(e.target.value)}
    />
  );

  return (
    <section aria-labelledby="totp-heading" className="section">
      <h2 id="totp-heading">{t('totp.title')}</h2>
      {error ? <Alert>{error}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}

      {phase.kind === 'codes' ? (
        <>
          <Alert kind="warning">{t('totp.codesWarning')}</Alert>
          <PrintableList
            heading={t('totp.codesHeading')}
            items={phase.codes}
            testId="recovery-codes"
          />
          <form onSubmit={finishCodes} noValidate className="form no-print">
            <CheckboxField
              label={t('totp.codesStored')}
              checked={stored}
              error={storedError}
              onChange={(e) => {
                setStored(e.target.checked);
                setStoredError(null);
              }}
            />
            <div className="actions">
              <button type="submit" className="button">
                {t('common.done')}
              </button>
            </div>
          </form>
        </>
      ) : phase.kind === 'scanning' ? (
        <>
          <ol className="steps">
            <li>
              <p>{t('totp.stepScan')}</p>
              <div
                className="qr"
                role="img"
                aria-label={t('totp.qrLabel')}
                // Our own SVG, drawn by uqr from the otpauth:// URI: no user-supplied markup.
                dangerouslySetInnerHTML={{ __html: renderSVG(phase.uri, { border: 2 }) }}
              />
            </li>
            <li>
              <p>{t('totp.stepType')}</p>
              <p>
                <code className="secret" data-testid="totp-secret">
                  {groupSecret(phase.secret)}
                </code>
              </p>
            </li>
            <li>
              <p>{t('totp.stepCode')}</p>
            </li>
          </ol>
          <form onSubmit={enable} noValidate className="form">
            {codeField}
            {busy ? <Busy>{t('common.sending')}</Busy> : null}
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {t('totp.enable')}
              </button>
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => setPhase({ kind: 'idle' })}
              >
                {t('common.cancel')}
              </button>
            </div>
          </form>
        </>
      ) : phase.kind === 'disabling' ? (
        <form onSubmit={disable} noValidate className="form">
          <p>{t('totp.disableIntro')}</p>
          {codeField}
          {busy ? <Busy>{t('common.sending')}</Busy> : null}
          <div className="actions">
            <button type="submit" className="button danger" disabled={busy}>
              {t('totp.disable')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => setPhase({ kind: 'idle' })}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : enabled ? (
        <>
          <p>
            <span className="badge badge-on">{t('totp.statusOn')}</span>
          </p>
          <p>{t('totp.onText')}</p>
          <div className="actions">
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setCode('');
                setCodeError(undefined);
                setNotice(null);
                setPhase({ kind: 'disabling' });
              }}
            >
              {t('totp.turnOff')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            <span className="badge badge-off">{t('totp.statusOff')}</span>
          </p>
          <p>{t('totp.offText')}</p>
          {busy ? <Busy>{t('common.loading')}</Busy> : null}
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => void start()}>
              {t('totp.setUp')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
