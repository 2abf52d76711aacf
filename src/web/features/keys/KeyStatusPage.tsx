// Key status: the fingerprints people compare out of band, and where this member's
// access to the organisation key stands.
import { useEffect, useState } from 'react';
import { fingerprint } from '../../../common/crypto/index.ts';
import { api, type KeyStatus } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy, Fingerprint, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';

function Check({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <p className={ok ? 'check check-ok' : 'check check-bad'}>
      <span aria-hidden="true">{ok ? '✓ ' : '⚠ '}</span>
      {ok ? yes : no}
    </p>
  );
}

export function KeyStatusPage() {
  const { t } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.keyStatus().then(setStatus, setError);
  }, []);

  const org = session.keys?.org ?? null;
  const member = session.keys?.member ?? null;

  return (
    <Page title={t('keys.title')}>
      <p>{t('keys.intro')}</p>
      {session.keyProblem ? <Alert kind="warning">{t('keys.grantProblem')}</Alert> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!status ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : (
        <dl className="facts facts-stacked">
          <div>
            <dt>{t('keys.orgKey')}</dt>
            <dd>
              <Fingerprint value={status.organisation.fingerprint} testId="org-fingerprint" />
              {org ? (
                <Check
                  ok={fingerprint(org.publicKey) === status.organisation.fingerprint}
                  yes={t('keys.matchesUnlocked')}
                  no={t('keys.differsFromUnlocked')}
                />
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('keys.recoveryKey')}</dt>
            <dd>
              <Fingerprint
                value={status.organisation.recoveryFingerprint}
                testId="recovery-fingerprint"
              />
              <p className="hint">{t('keys.recoveryHint')}</p>
            </dd>
          </div>
          <div>
            <dt>{t('keys.myKey')}</dt>
            <dd>
              <Fingerprint value={status.member.fingerprint} testId="my-fingerprint" />
              {member ? (
                <Check
                  ok={fingerprint(member.publicKey) === status.member.fingerprint}
                  yes={t('keys.matchesUnlocked')}
                  no={t('keys.differsFromUnlocked')}
                />
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('keys.holdOrgKey')}</dt>
            <dd>{status.member.hasKeyGrant ? t('common.yes') : t('common.no')}</dd>
          </div>
          <div>
            <dt>{t('keys.unlockedHere')}</dt>
            <dd>
              {org ? t('common.yes') : t('common.no')}
              {!session.keys ? (
                <>
                  {' '}
                  <Link href="/app/unlock">{t('lock.bannerAction')}</Link>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('keys.awaiting')}</dt>
            <dd>
              {status.awaitingKeyGrant}
              {status.awaitingKeyGrant > 0 && session.can('members.read') ? (
                <>
                  {' '}
                  <Link href="/app/members">{t('keys.awaitingAction')}</Link>
                </>
              ) : null}
            </dd>
          </div>
        </dl>
      )}
    </Page>
  );
}
