// The frame around every screen: a skip link, a header with the language switch, and
// (once signed in) the navigation, which collapses behind a menu button on a phone.
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../app/i18n.tsx';
import { Link, navigate, usePath } from '../app/router.tsx';
import { useSession } from '../app/session.tsx';
import { NotificationsIndicator } from '../features/notifications/NotificationsIndicator.tsx';
import { NAV_ROUTES } from '../routes/index.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function SkipLink() {
  const { t } = useI18n();
  return (
    <a className="skip-link" href="#main">
      {t('common.skipToContent')}
    </a>
  );
}

function Brand({ orgName }: { orgName?: string }) {
  return (
    <p className="brand">
      <span className="brand-mark">Qorgan</span>
      {orgName ? <span className="brand-org">{orgName}</span> : null}
    </p>
  );
}

/** Screens before sign-in, and the unlock and waiting screens. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <Brand orgName={session.me?.organisation.name} />
          <div className="header-tools">
            <LanguageSwitch />
            {session.status === 'signedIn' ? (
              <button
                type="button"
                className="button link-button"
                onClick={() => void session.signOut()}
              >
                {t('nav.signOut')}
              </button>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="main">
        {children}
      </main>
    </>
  );
}

/** Screens of a signed-in, approved member. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  // The menu closes by itself on navigation: it is open only for the path it was opened on.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === path;
  const navId = useId();
  const items = NAV_ROUTES.filter(
    (route) => !route.hidden && (!route.permission || session.can(route.permission)),
  );
  const locked = !session.keys;
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">
          <Brand orgName={session.me?.organisation.name} />
          <LanguageSwitch />
          {session.can('reports.read') ? <NotificationsIndicator /> : null}
          <button
            type="button"
            className="button secondary menu-button"
            aria-expanded={open}
            aria-controls={navId}
            onClick={() => setOpenOn(open ? null : path)}
          >
            {t('nav.menu')}
          </button>
        </div>
        <nav id={navId} className={open ? 'site-nav open' : 'site-nav'} aria-label={t('nav.label')}>
          <ul className="nav-links">
            {items.map((route) => (
              <li key={route.path}>
                <Link
                  href={route.path}
                  aria-current={
                    route.path === path
                      ? 'page'
                      : path.startsWith(`${route.path}/`) && route.path !== '/app/'
                        ? 'true'
                        : undefined
                  }
                >
                  {t(route.label)}
                </Link>
              </li>
            ))}
          </ul>
          <div className="nav-tools">
            {locked ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => navigate('/app/unlock')}
              >
                {t('nav.unlock')}
              </button>
            ) : (
              <button type="button" className="button secondary" onClick={session.lock}>
                {t('nav.lock')}
              </button>
            )}
            <button
              type="button"
              className="button secondary"
              onClick={() => void session.signOut()}
            >
              {t('nav.signOut')}
            </button>
          </div>
        </nav>
      </header>
      {locked ? (
        <div className="locked-banner" role="status">
          <p>
            {t('lock.banner')} <Link href="/app/unlock">{t('lock.bannerAction')}</Link>
          </p>
        </div>
      ) : null}
      <main id="main" className="main">
        {children}
      </main>
    </>
  );
}
