import { fingerprint, fromB64 } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Fingerprint, Page } from '../../components/ui.tsx';
import { ROLE_LABEL } from '../../lib/labels.ts';
import { openText } from '../../lib/keys.ts';
import { NotificationEmailSection } from './NotificationEmailSection.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TotpSection } from './TotpSection.tsx';

export function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  const me = session.me;
  if (!me) return null;
  const org = session.keys?.org ?? null;
  const name = openText(org, me.member.displayNameSealed);
  const email = openText(org, me.member.emailSealed);
  const publicKey = session.keys?.member.publicKey ?? fromB64(me.member.publicKey);
  return (
    <Page title={t('account.title')}>
      <section aria-labelledby="account-details" className="section">
        <h2 id="account-details">{t('account.details')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('field.displayName')}</dt>
            <dd>{name ?? <span className="muted">{t('common.hiddenWhileLocked')}</span>}</dd>
          </div>
          <div>
            <dt>{t('field.email')}</dt>
            <dd>{email ?? <span className="muted">{t('common.hiddenWhileLocked')}</span>}</dd>
          </div>
          <div>
            <dt>{t('field.role')}</dt>
            <dd>{t(ROLE_LABEL[me.member.role])}</dd>
          </div>
          <div>
            <dt>{t('keys.myKey')}</dt>
            <dd>
              <Fingerprint value={fingerprint(publicKey)} testId="my-fingerprint" />
            </dd>
          </div>
        </dl>
        <p className="hint">{t('account.languageNote')}</p>
      </section>
      <TotpSection />
      {session.can('reports.read') ? <NotificationEmailSection /> : null}
      <PasswordSection />
      <SessionsSection />
    </Page>
  );
}
