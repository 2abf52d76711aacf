// Decides which screen to show: public screens, then sign-in, unlock, waiting for
// approval, and finally the member's screens inside the navigation shell.
import { useEffect } from 'react';
import { Busy, Page, Alert } from '../components/ui.tsx';
import { PublicLayout, Shell } from '../components/Layout.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { UnlockPage } from '../features/auth/UnlockPage.tsx';
import { InvitePage } from '../features/invite/InvitePage.tsx';
import { WaitingPage } from '../features/invite/WaitingPage.tsx';
import { RecoveryPage } from '../features/recovery/RecoveryPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { findRoute } from '../routes/index.tsx';
import { I18nProvider, useI18n } from './i18n.tsx';
import { Link, navigate, usePath } from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Screens />
      </SessionProvider>
    </I18nProvider>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Screens() {
  const path = usePath();
  const session = useSession();
  const { t } = useI18n();

  // Setup, invitation and recovery work with or without a session.
  if (path === '/app/setup')
    return (
      <PublicLayout>
        <SetupPage />
      </PublicLayout>
    );
  if (path === '/app/invite')
    return (
      <PublicLayout>
        <InvitePage />
      </PublicLayout>
    );
  if (path === '/app/recover')
    return (
      <PublicLayout>
        <RecoveryPage />
      </PublicLayout>
    );

  if (session.status === 'loading') {
    return (
      <PublicLayout>
        <div className="page">
          <Busy>{t('common.loading')}</Busy>
        </div>
      </PublicLayout>
    );
  }
  if (session.status === 'offline') {
    return (
      <PublicLayout>
        <Page title={t('offline.title')}>
          <Alert>{t('error.network')}</Alert>
          <button type="button" className="button" onClick={session.retry}>
            {t('common.tryAgain')}
          </button>
        </Page>
      </PublicLayout>
    );
  }
  if (session.status === 'signedOut' || !session.me) {
    return (
      <PublicLayout>
        {path !== '/app/login' ? <Redirect to="/app/login" /> : null}
        <LoginPage />
      </PublicLayout>
    );
  }

  if (path === '/app/login') return <Redirect to="/app/" />;
  if (!session.keys && (path === '/app/unlock' || !session.browsingLocked)) {
    return (
      <PublicLayout>
        <UnlockPage />
      </PublicLayout>
    );
  }
  if (path === '/app/unlock') return <Redirect to="/app/" />;
  if (session.me.member.status === 'pending')
    return (
      <PublicLayout>
        <WaitingPage />
      </PublicLayout>
    );

  const route = findRoute(path);
  if (!route) {
    return (
      <Shell>
        <Page title={t('notFound.title')}>
          <p>{t('notFound.text')}</p>
          <p>
            <Link href="/app/">{t('notFound.home')}</Link>
          </p>
        </Page>
      </Shell>
    );
  }
  if (route.permission && !session.can(route.permission)) {
    return (
      <Shell>
        <Page title={t('forbidden.title')}>
          <p>{t('forbidden.text')}</p>
        </Page>
      </Shell>
    );
  }
  const Screen = route.component;
  return (
    <Shell>
      <Screen />
    </Shell>
  );
}
