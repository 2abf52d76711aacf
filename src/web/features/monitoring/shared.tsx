// Small pieces the monitoring screens share: paths, labels of codes, a score, the tally of
// an item, and the message of an import problem in the member's language.
import { useSyncExternalStore } from 'react';
import type { TranslationKey } from '../../../common/i18n/index.ts';
import type { I18n } from '../../app/i18n.tsx';
import { IMPORT_PROBLEM_CODES } from '../../../common/monitoring/imported-comment.ts';
import type { MonitoredPlatform } from '../../../common/monitoring/vocabulary.ts';
import type { MonitoredItem } from './api.ts';

export const ITEM_PATH = /^\/app\/monitoring\/items\/([0-9a-f-]{36})$/;
export const REVIEW_PATH = '/app/monitoring/review';

export const itemHref = (itemId: string) => `/app/monitoring/items/${itemId}`;

export function reviewHref(scope: { itemId: string } | { campaignId: string }): string {
  return 'itemId' in scope
    ? `${REVIEW_PATH}?itemId=${scope.itemId}`
    : `${REVIEW_PATH}?campaignId=${scope.campaignId}`;
}

/** Platform names are brands, the same in every language; the other two are words. */
const PLATFORM_NAMES: Partial<Record<MonitoredPlatform, string>> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  telegram: 'Telegram',
  vk: 'VK',
  facebook: 'Facebook',
  x: 'X (Twitter)',
  threads: 'Threads',
};

export function platformLabel(platform: MonitoredPlatform, t: I18n['t']): string {
  if (platform === 'news_site') return t('monitoring.platform.news_site');
  if (platform === 'other') return t('monitoring.platform.other');
  return PLATFORM_NAMES[platform] ?? platform;
}

/** A score 0..1 as the screens show it: two decimals. */
export const scoreText = (score: number) => score.toFixed(2);

export function hatefulLabel(hateful: boolean, t: I18n['t']): string {
  return t(hateful ? 'monitoring.label.hateful' : 'monitoring.label.notHateful');
}

export function itemTitle(item: MonitoredItem, t: I18n['t']): string {
  return item.title || item.url || t('monitoring.untitled');
}

export function tallyText(tally: MonitoredItem['tally'], t: I18n['t']): string {
  return t('monitoring.tally', {
    comments: tally.comments,
    machine: tally.machineFlagged,
    confirmed: tally.confirmedHateful,
    reviewed: tally.reviewed,
  });
}

/** An import problem in the member's words; a code this screen does not know, generically. */
export function problemText(code: string, t: I18n['t']): string {
  const known = IMPORT_PROBLEM_CODES.find((c) => c === code);
  const key: TranslationKey = known ? `monitoring.problem.${known}` : 'monitoring.problem.other';
  return t(key);
}

/** The day part of a datetime input's value as the API wants it, or null when empty. */
export function dateToIso(value: string): string | null | 'invalid' {
  if (value.trim() === '') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'invalid';
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? 'invalid' : date.toISOString();
}

/** The router's in-app navigation event (src/web/app/router.tsx dispatches it). */
const NAVIGATE_EVENT = 'qorgan:navigate';

function subscribeToSearch(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/**
 * The address's query string, re-read on in-app navigation: the router's usePath follows
 * the path only, and "?campaign=" changes on the same screen.
 */
export function useSearch(): string {
  return useSyncExternalStore(subscribeToSearch, () => window.location.search);
}
