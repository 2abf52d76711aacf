// The unread-notification count shown in the header. One store for the tab: the header
// polls it, the notifications page refreshes it after marking them read. Polling runs
// only while the tab is visible, against this server only.
import { useEffect, useSyncExternalStore } from 'react';
import { api, type NotificationList } from '../../api/endpoints.ts';

export const POLL_MS = 60_000;

let latest: NotificationList | null = null;
const listeners = new Set<() => void>();

function publish(list: NotificationList | null): void {
  latest = list;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Fetches the notifications and tells every subscriber; failures keep the last count. */
export async function refreshNotifications(): Promise<NotificationList> {
  const list = await api.notifications();
  publish(list);
  return list;
}

/** Sets the list after a change made on this page (marking read), without a round trip. */
export function setNotifications(list: NotificationList): void {
  publish(list);
}

export function useNotifications(): NotificationList | null {
  return useSyncExternalStore(subscribe, () => latest);
}

/** Keeps the count fresh: now, every minute while visible, and when the tab comes back. */
export function useNotificationPolling(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const poll = () => {
      if (document.visibilityState !== 'visible') return;
      // A failed poll (offline for a moment) keeps the last count; the next one retries.
      refreshNotifications().catch(() => undefined);
    };
    poll();
    const timer = window.setInterval(poll, POLL_MS);
    document.addEventListener('visibilitychange', poll);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [enabled]);
  // Another member signing in on this tab must not see the previous member's count.
  useEffect(() => () => publish(null), []);
}
