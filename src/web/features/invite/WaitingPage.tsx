// A member who accepted an invitation waits for an admin. Meanwhile they compare their
// key fingerprint with the admin out of band (so a substituted key would be noticed),
// and may turn on two-factor sign-in.
import { useEffect, useState } from 'react';
import { fingerprint, fromB64 } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy, Fingerprint, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { ROLE_LABEL } from '../../lib/labels.ts';
import { TotpSection } from '../account/TotpSection.tsx';

const POLL_MS = 20_000;

export function WaitingPage() {
  const { t } = useI18n();
  const session = useSession();
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const me = session.me;
  const { refresh } = session;

  useEffect(() => {
    const timer = setInterval(() => void refresh().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  if (!me) return null;
  // The fingerprint of the key this tab holds; the server's copy is only the fallback.
  const publicKey = session.keys?.member.publicKey ?? fromB64(me.member.publicKey);

  const check = async () => {
    setChecking(true);
    setError(null);
    try {
      await refresh();
      setChecked(true);
    } catch (caught) {
      setError(errorText(caught, t));
    } finally {
      setChecking(false);
    }
  };

  return (
    <Page title={t('waiting.title')}>
      <p className="lead">
        {t('waiting.intro', {
          organisation: me.organisation.name,
          role: t(ROLE_LABEL[me.member.role]),
        })}
      </p>
      <section aria-labelledby="waiting-fingerprint">
        <h2 id="waiting-fingerprint">{t('waiting.fingerprintTitle')}</h2>
        <p>{t('waiting.fingerprintText')}</p>
        <Fingerprint value={fingerprint(publicKey)} testId="my-fingerprint" />
      </section>
      {error ? <Alert>{error}</Alert> : null}
      <div className="actions">
        <button type="button" className="button" disabled={checking} onClick={() => void check()}>
          {t('waiting.check')}
        </button>
      </div>
      {checking ? <Busy>{t('common.loading')}</Busy> : null}
      {checked && !checking ? <p role="status">{t('waiting.stillPending')}</p> : null}
      <TotpSection />
    </Page>
  );
}
