// The header link to the notifications, with the unread count in its accessible name.
import { useI18n } from '../../app/i18n.tsx';
import { Link, usePath } from '../../app/router.tsx';
import { useNotificationPolling, useNotifications } from './unread.ts';

export function NotificationsIndicator() {
  const { t } = useI18n();
  const path = usePath();
  useNotificationPolling(true);
  const unread = useNotifications()?.unread ?? 0;
  return (
    <Link
      href="/app/notifications"
      className={unread > 0 ? 'notify-link has-unread' : 'notify-link'}
      aria-current={path === '/app/notifications' ? 'page' : undefined}
      aria-label={t('notifications.indicatorLabel', { count: unread })}
      data-testid="notifications-indicator"
    >
      <span aria-hidden="true">{t('notifications.short')}</span>
      {unread > 0 ? (
        <span className="notify-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
