// In-app notifications: a new report arrived, or a reporter wrote again. They name the
// report by its reference only; nothing a reporter wrote is ever in a notification.
import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { NOTIFICATION_KIND_LABEL } from '../reports/labels.ts';
import { refreshNotifications, useNotifications } from './unread.ts';
import { CASE_NOTIFICATION_LABEL, caseNotificationHref, caseReferenceOf } from './case-kinds.ts';
import type { MessageKey } from '../../../common/i18n/index.ts';

/** Report kinds first, then case kinds; a kind this page does not know shows as itself. */
function kindLabel(kind: string): MessageKey | undefined {
  // Widened to string keys so a kind the server adds later is looked up, not a type error.
  const reportKinds: Record<string, MessageKey> = NOTIFICATION_KIND_LABEL;
  return reportKinds[kind] ?? CASE_NOTIFICATION_LABEL[kind];
}

function KindLabel({ kind }: { kind: string }) {
  const { t } = useI18n();
  const key = kindLabel(kind);
  return <span>{key ? t(key) : kind}</span>;
}

export function NotificationsPage() {
  const { t, dateTime } = useI18n();
  const list = useNotifications();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    refreshNotifications().then(
      () => setError(null),
      (caught: unknown) => setError(caught),
    );
  }, []);

  const markAll = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api.markNotificationsRead();
      await refreshNotifications();
      setNotice(t('notifications.allRead'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const markOne = (id: string) => {
    // Opening a notification marks it read; the report opens whatever the answer.
    api.markNotificationsRead([id]).then(
      () => refreshNotifications().catch(() => undefined),
      () => undefined,
    );
  };

  return (
    <Page title={t('notifications.title')}>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {!list ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : list.notifications.length === 0 ? (
        <p className="muted">{t('notifications.none')}</p>
      ) : (
        <>
          <p>{t('notifications.unreadCount', { count: list.unread })}</p>
          {list.unread > 0 ? (
            <div className="actions">
              <button
                type="button"
                className="button secondary"
                disabled={busy}
                onClick={() => void markAll()}
              >
                {t('notifications.markAllRead')}
              </button>
            </div>
          ) : null}
          <ul className="notification-list">
            {list.notifications.map((n) => (
              <li
                key={n.id}
                className={n.readAt ? 'notification' : 'notification unread'}
                data-testid="notification"
              >
                <p className="notification-head">
                  {!n.readAt ? (
                    <span className="badge badge-new">{t('notifications.new')}</span>
                  ) : null}
                  <KindLabel kind={n.kind} />
                </p>
                <p className="notification-meta">
                  {n.reportId ? (
                    <Link href={`/app/reports/${n.reportId}`} onClick={() => markOne(n.id)}>
                      {t('notifications.openReport', {
                        reference: n.reportReference ?? n.reportId.slice(0, 8),
                      })}
                    </Link>
                  ) : null}
                  {n.evidenceItemId ? (
                    <Link href={`/app/evidence/${n.evidenceItemId}`} onClick={() => markOne(n.id)}>
                      {t('notifications.openEvidence')}
                    </Link>
                  ) : null}
                  {!n.reportId && !n.evidenceItemId && caseNotificationHref(n) ? (
                    <Link href={caseNotificationHref(n) ?? ''} onClick={() => markOne(n.id)}>
                      {caseReferenceOf(n)
                        ? t('cases.notification.openCase', { reference: caseReferenceOf(n) ?? '' })
                        : t('cases.notification.open')}
                    </Link>
                  ) : null}
                  <span className="muted">{dateTime(n.createdAt)}</span>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
