// The first screen after sign-in: which organisation, in which role, and what needs
// attention (keys, two-factor, people waiting for approval).
import { useEffect, useState } from 'react';
import { api, type KeyStatus } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Page } from '../../components/ui.tsx';
import { ROLE_LABEL } from '../../lib/labels.ts';
import { openText } from '../../lib/keys.ts';
import { NAV_ROUTES } from '../../routes/index.tsx';
import { DashboardSection } from '../cases/DashboardSection.tsx';

export function OverviewPage() {
  const { t } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const me = session.me;
  const canKeys = session.can('keys.read');

  useEffect(() => {
    if (!canKeys) return;
    api.keyStatus().then(setStatus, () => undefined);
  }, [canKeys]);

  if (!me) return null;
  const name = openText(session.keys?.org ?? null, me.member.displayNameSealed);
  const links = NAV_ROUTES.filter(
    (r) => r.path !== '/app/' && !r.hidden && (!r.permission || session.can(r.permission)),
  );

  return (
    <Page title={me.organisation.name}>
      <p className="lead" data-testid="signed-in-as">
        {name
          ? t('overview.signedInAs', { name, role: t(ROLE_LABEL[me.member.role]) })
          : t('overview.role', { role: t(ROLE_LABEL[me.member.role]) })}
      </p>
      {session.keyProblem ? <Alert kind="warning">{t('keys.grantProblem')}</Alert> : null}
      {session.keys && !session.keys.org && !session.keyProblem ? (
        <Alert kind="warning">{t('overview.noOrgKey')}</Alert>
      ) : null}
      {me.organisation.requireTotp && !me.member.totpEnabled ? (
        <Alert kind="warning">
          {t('overview.totpRequired')}{' '}
          <Link href="/app/account">{t('overview.totpRequiredAction')}</Link>
        </Alert>
      ) : null}
      {status && status.awaitingKeyGrant > 0 && session.can('members.read') ? (
        <Alert kind="info">
          {t('overview.awaiting', { count: status.awaitingKeyGrant })}{' '}
          <Link href="/app/members">{t('overview.awaitingAction')}</Link>
        </Alert>
      ) : null}
      {session.can('cases.read') ? <DashboardSection /> : null}
      <section aria-labelledby="overview-links" className="section">
        <h2 id="overview-links">{t('overview.whereTo')}</h2>
        <ul className="link-list">
          {links.map((route) => (
            <li key={route.path}>
              <Link href={route.path}>{t(route.label)}</Link>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
